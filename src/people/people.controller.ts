import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import { ValidationError } from '../common/domain-error';
import { Actor } from '../common/request-context';
import { uuidPipe } from '../common/uuid.pipe';
import {
  CreatePersonDto,
  ImportAcceptedDto,
  ImportStatusDto,
  ListPeopleQuery,
  PersonDto,
  PersonPageDto,
  StatusChangeDto,
  StatusOnDto,
  StatusOnQuery,
} from './dto/person.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@Controller('v1/people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a person to the register (starts SERVING from joinedOn or today)' })
  @ApiCreatedResponse({ type: PersonDto })
  create(@Body() dto: CreatePersonDto, @CurrentUser() actor: Actor): Promise<PersonDto> {
    return this.people.create(dto, actor);
  }

  @Get()
  @Roles('PSD', 'VETTING')
  @ApiOperation({ summary: 'List people, by staff number' })
  @ApiOkResponse({ type: PersonPageDto })
  list(@Query() q: ListPeopleQuery): Promise<PersonPageDto> {
    return this.people.list(q);
  }

  @Post('import')
  @Roles('ADMIN')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import people from an HR CSV export (a job: all rows or none)',
    description:
      'Body: text/csv with a header row of PersonDto field names (staffNumber, forenames, ...).',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string' } })
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  startImport(@Req() req: Request, @CurrentUser() actor: Actor): Promise<ImportAcceptedDto> {
    if (typeof req.body !== 'string') {
      throw new ValidationError(
        'IMPORT.NOT_CSV',
        'Send the file as the body with Content-Type: text/csv',
        [{ field: 'body', message: 'expected text/csv' }],
      );
    }
    return this.people.startImport(req.body, actor);
  }

  @Get('import/:id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Progress and row-level errors of an import' })
  @ApiOkResponse({ type: ImportStatusDto })
  @ApiNotFoundResponse()
  importStatus(@Param('id', uuidPipe) id: string): Promise<ImportStatusDto> {
    return this.people.importStatus(id);
  }

  @Get(':id')
  @Roles('PSD', 'VETTING')
  @ApiOperation({ summary: 'A person with their employment-status history' })
  @ApiOkResponse({ type: PersonDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidPipe) id: string): Promise<PersonDto> {
    return this.people.get(id);
  }

  @Get(':id/status')
  @Roles('PSD', 'VETTING')
  @ApiOperation({ summary: 'The employment status in force on a date (?on=YYYY-MM-DD)' })
  @ApiOkResponse({ type: StatusOnDto })
  statusOn(@Param('id', uuidPipe) id: string, @Query() q: StatusOnQuery): Promise<StatusOnDto> {
    return this.people.statusOn(id, q.on);
  }

  @Post(':id/status-changes')
  @Roles('PSD', 'ADMIN')
  @ApiOperation({ summary: 'Record an effective-dated employment-status change' })
  @ApiCreatedResponse({ type: PersonDto })
  addStatusChange(
    @Param('id', uuidPipe) id: string,
    @Body() dto: StatusChangeDto,
    @CurrentUser() actor: Actor,
  ): Promise<PersonDto> {
    return this.people.addStatusChange(id, dto, actor);
  }
}
