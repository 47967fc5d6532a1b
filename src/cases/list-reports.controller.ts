import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import { Actor } from '../common/request-context';
import { uuidPipe } from '../common/uuid.pipe';
import {
  ListReportDto,
  ListReportPageDto,
  ListReportsQuery,
  MarkSentDto,
} from './dto/list-report.dto';
import { ListReportsService } from './list-reports.service';

@ApiTags('list reports')
@Controller('v1/list-reports')
export class ListReportsController {
  constructor(private readonly reports: ListReportsService) {}

  @Get()
  @Roles('PSD')
  @ApiOperation({ summary: 'Barred and advisory list reports, earliest due first' })
  @ApiOkResponse({ type: ListReportPageDto })
  list(@Query() q: ListReportsQuery, @CurrentUser() actor: Actor): Promise<ListReportPageDto> {
    return this.reports.list(q, actor);
  }

  @Post(':id/sent')
  @Roles('PSD')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the report was sent to the College (PENDING → REPORTED)',
    description:
      'If the case has already ended, an advisory report then becomes CONVERTED_TO_BARRED or REMOVED.',
  })
  @ApiOkResponse({ type: ListReportDto })
  @ApiNotFoundResponse()
  markSent(
    @Param('id', uuidPipe) id: string,
    @Body() dto: MarkSentDto,
    @CurrentUser() actor: Actor,
  ): Promise<ListReportDto> {
    return this.reports.markSent(id, dto, actor);
  }
}
