import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import { Actor } from '../common/request-context';
import { uuidPipe } from '../common/uuid.pipe';
import {
  CreateFoiRequestDto,
  FoiRequestDto,
  FoiRequestPageDto,
  LetterFormat,
  ListFoiRequestsQuery,
  ResponseLetterQuery,
  UpdateFoiRequestDto,
} from './dto/foi-request.dto';
import { FoiRequestsService } from './foi-requests.service';

/** `?format=` wins; otherwise HTML only when the client prefers it to plain text. */
function letterFormat(query: ResponseLetterQuery, accept: string | undefined): LetterFormat {
  if (query.format) return query.format;
  return accept && /text\/html/i.test(accept) && !/^\s*text\/plain/i.test(accept) ? 'html' : 'text';
}

@ApiTags('foi')
@Controller('v1/foi/requests')
export class FoiRequestsController {
  constructor(private readonly requests: FoiRequestsService) {}

  @Post()
  @Roles('FOI')
  @ApiOperation({ summary: 'Log an FOI request: reference and due date are allocated' })
  @ApiCreatedResponse({ type: FoiRequestDto })
  create(@Body() dto: CreateFoiRequestDto, @CurrentUser() actor: Actor): Promise<FoiRequestDto> {
    return this.requests.create(dto, actor);
  }

  @Get()
  @Roles('FOI')
  @ApiOperation({ summary: 'FOI requests, newest first' })
  @ApiOkResponse({ type: FoiRequestPageDto })
  list(@Query() q: ListFoiRequestsQuery): Promise<FoiRequestPageDto> {
    return this.requests.list(q);
  }

  @Get(':id')
  @Roles('FOI')
  @ApiOperation({ summary: 'An FOI request with its questions' })
  @ApiOkResponse({ type: FoiRequestDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidPipe) id: string): Promise<FoiRequestDto> {
    return this.requests.get(id);
  }

  @Patch(':id')
  @Roles('FOI')
  @ApiOperation({
    summary: 'Set question outcomes, exemptions, answers and extracts; move the status',
  })
  @ApiOkResponse({ type: FoiRequestDto })
  @ApiNotFoundResponse()
  update(
    @Param('id', uuidPipe) id: string,
    @Body() dto: UpdateFoiRequestDto,
  ): Promise<FoiRequestDto> {
    return this.requests.update(id, dto);
  }

  @Get(':id/response')
  @Roles('FOI')
  @ApiOperation({
    summary: 'Draft response letter (text/plain, or text/html by Accept or ?format=html)',
  })
  @ApiProduces('text/plain', 'text/html')
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async response(
    @Param('id', uuidPipe) id: string,
    @Query() q: ResponseLetterQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const letter = await this.requests.responseLetter(id, letterFormat(q, accept));
    res.setHeader('Content-Type', letter.contentType);
    res.setHeader('Cache-Control', 'no-store');
    return letter.body;
  }
}
