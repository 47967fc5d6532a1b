import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import { Actor } from '../common/request-context';
import { uuidPipe } from '../common/uuid.pipe';
import { CriminalCasesService } from './criminal-cases.service';
import {
  AddStageDto,
  CreateCriminalCaseDto,
  CriminalCaseDto,
  CriminalCasePageDto,
  ListCriminalCasesQuery,
} from './dto/criminal-case.dto';

@ApiTags('criminal cases')
@Controller('v1/criminal-cases')
export class CriminalCasesController {
  constructor(private readonly cases: CriminalCasesService) {}

  @Post()
  @Roles('PSD')
  @ApiOperation({ summary: 'Record a criminal case about a person (not yourself: CASE.SELF)' })
  @ApiCreatedResponse({ type: CriminalCaseDto })
  create(
    @Body() dto: CreateCriminalCaseDto,
    @CurrentUser() actor: Actor,
  ): Promise<CriminalCaseDto> {
    return this.cases.create(dto, actor);
  }

  @Get()
  @Roles('PSD')
  @ApiOperation({ summary: 'Criminal cases, newest reference first (no descriptions)' })
  @ApiOkResponse({ type: CriminalCasePageDto })
  list(
    @Query() q: ListCriminalCasesQuery,
    @CurrentUser() actor: Actor,
  ): Promise<CriminalCasePageDto> {
    return this.cases.list(q, actor);
  }

  @Get(':id')
  @Roles('PSD')
  @ApiOperation({ summary: 'A criminal case with its stages, status at offence and now' })
  @ApiOkResponse({ type: CriminalCaseDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidPipe) id: string, @CurrentUser() actor: Actor): Promise<CriminalCaseDto> {
    return this.cases.get(id, actor);
  }

  @Post(':id/stages')
  @Roles('PSD')
  @ApiOperation({
    summary:
      'Record the next stage (409 CRIMINAL_CASE.INVALID_STAGE / STAGE_DATE_* when not allowed)',
  })
  @ApiCreatedResponse({ type: CriminalCaseDto })
  @ApiNotFoundResponse()
  addStage(
    @Param('id', uuidPipe) id: string,
    @Body() dto: AddStageDto,
    @CurrentUser() actor: Actor,
  ): Promise<CriminalCaseDto> {
    return this.cases.addStage(id, dto, actor);
  }
}
