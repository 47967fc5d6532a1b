import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import { Actor } from '../common/request-context';
import { VettingService } from './vetting.service';
import { QueuePageDto, QueueQuery, StatsDto, StatsQuery } from './dto/declaration.dto';

@ApiTags('vetting')
@Controller('v1/vetting')
export class VettingController {
  constructor(private readonly vetting: VettingService) {}

  @Get('queue')
  @Roles('VETTING')
  @ApiOperation({
    summary: 'Declarations awaiting assessment, re-assessment or review: priority, then age',
  })
  @ApiOkResponse({ type: QueuePageDto })
  queue(@Query() q: QueueQuery, @CurrentUser() actor: Actor): Promise<QueuePageDto> {
    return this.vetting.queue(q, actor);
  }

  @Get('stats')
  @Roles('VETTING')
  @ApiOperation({
    summary: 'Counts of declarations received, by month, risk level and outcome (internal)',
  })
  @ApiOkResponse({ type: StatsDto })
  stats(@Query() q: StatsQuery): Promise<StatsDto> {
    return this.vetting.stats(q);
  }
}
