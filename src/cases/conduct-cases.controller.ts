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
import { ConductCasesService } from './conduct-cases.service';
import {
  ConductCaseDto,
  ConductCasePageDto,
  ConductEventDto,
  CreateConductCaseDto,
  ListConductCasesQuery,
} from './dto/conduct-case.dto';

@ApiTags('conduct cases')
@Controller('v1/conduct-cases')
export class ConductCasesController {
  constructor(private readonly cases: ConductCasesService) {}

  @Post()
  @Roles('PSD')
  @ApiOperation({ summary: 'Open a conduct case (not about yourself: CASE.SELF)' })
  @ApiCreatedResponse({ type: ConductCaseDto })
  create(@Body() dto: CreateConductCaseDto, @CurrentUser() actor: Actor): Promise<ConductCaseDto> {
    return this.cases.create(dto, actor);
  }

  @Get()
  @Roles('PSD')
  @ApiOperation({ summary: 'Conduct cases, newest reference first' })
  @ApiOkResponse({ type: ConductCasePageDto })
  list(
    @Query() q: ListConductCasesQuery,
    @CurrentUser() actor: Actor,
  ): Promise<ConductCasePageDto> {
    return this.cases.list(q, actor);
  }

  @Get(':id')
  @Roles('PSD')
  @ApiOperation({ summary: 'A conduct case with its events and list reports' })
  @ApiOkResponse({ type: ConductCaseDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidPipe) id: string, @CurrentUser() actor: Actor): Promise<ConductCaseDto> {
    return this.cases.get(id, actor);
  }

  @Post(':id/events')
  @Roles('PSD')
  @ApiOperation({
    summary: 'Record a step of the process',
    description:
      'Each rule refuses with 409 and a stable CONDUCT_CASE.* code (e.g. PAUSED_SUB_JUDICE, ' +
      'FORMER_OFFICER_CANNOT_BE_DISMISSED, SANCTION_REQUIRES_LIVE_FINAL_WARNING, ' +
      'INDICTABLE_ONLY_CONVICTION_IS_GROSS, INVALID_TRANSITION). A dismissal-type outcome ' +
      'creates a barred-list report.',
  })
  @ApiCreatedResponse({ type: ConductCaseDto })
  @ApiNotFoundResponse()
  addEvent(
    @Param('id', uuidPipe) id: string,
    @Body() dto: ConductEventDto,
    @CurrentUser() actor: Actor,
  ): Promise<ConductCaseDto> {
    return this.cases.addEvent(id, dto, actor);
  }
}
