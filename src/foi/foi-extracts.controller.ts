import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
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
  CreateExtractDto,
  DownloadQuery,
  ExtractAcceptedDto,
  ExtractStatusDto,
  ReleaseExtractDto,
} from './dto/foi-extract.dto';
import { FoiExtractsService } from './foi-extracts.service';

@ApiTags('foi')
@Controller('v1/foi/extracts')
export class FoiExtractsController {
  constructor(private readonly extracts: FoiExtractsService) {}

  @Post()
  @Roles('FOI')
  @HttpCode(202)
  @ApiOperation({ summary: 'Request an anonymised extract (a job; poll its status)' })
  @ApiAcceptedResponse({ type: ExtractAcceptedDto })
  @ApiConflictResponse({ description: 'FOI.SOURCE_NOT_AVAILABLE, FOI.REQUEST_CLOSED' })
  create(@Body() dto: CreateExtractDto, @CurrentUser() actor: Actor): Promise<ExtractAcceptedDto> {
    return this.extracts.create(dto, actor);
  }

  @Get(':id')
  @Roles('FOI')
  @ApiOperation({ summary: 'Status, progress, disclosure-control report and checksum' })
  @ApiOkResponse({ type: ExtractStatusDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidPipe) id: string): Promise<ExtractStatusDto> {
    return this.extracts.get(id);
  }

  @Get(':id/download')
  @Roles('FOI')
  @ApiOperation({
    summary: 'The anonymised data, streamed: JSON {columns, rows, report}, CSV, or XLSX',
  })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ description: 'The extract in the chosen format' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'FOI.EXTRACT_NOT_READY' })
  async download(
    @Param('id', uuidPipe) id: string,
    @Query() q: DownloadQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const download = await this.extracts.download(id, q.format ?? 'json');
    res.setHeader('X-Extract-Checksum', download.checksum);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(download.stream, {
      type: download.contentType,
      disposition: `attachment; filename="${download.filename}"`,
    });
  }

  @Post(':id/release')
  @Roles('FOI')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze the extract against its request (figures, checksum)' })
  @ApiOkResponse({ type: ExtractStatusDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'FOI.EXTRACT_NOT_READY, FOI.EXTRACT_ALREADY_RELEASED' })
  release(
    @Param('id', uuidPipe) id: string,
    @Body() dto: ReleaseExtractDto,
    @CurrentUser() actor: Actor,
  ): Promise<ExtractStatusDto> {
    return this.extracts.release(id, dto, actor);
  }
}
