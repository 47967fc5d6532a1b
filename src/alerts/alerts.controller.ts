import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import { todayIso } from '../calendar/domain/dates';
import { Actor } from '../common/request-context';
import { Alert, AlertsService } from './alerts.service';

class AlertDto implements Alert {
  @ApiProperty() kind: string;
  @ApiProperty({ enum: ['OVERDUE', 'DUE_SOON', 'INFO'] }) severity: 'OVERDUE' | 'DUE_SOON' | 'INFO';
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) dueOn: string | null;
  @ApiProperty() message: string;
}

class AlertListDto {
  @ApiProperty({ type: [AlertDto] }) items: AlertDto[];
}

@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Roles('PSD', 'VETTING')
  @ApiOperation({ summary: 'Overdue and due-soon items for the caller’s roles, most urgent first' })
  @ApiOkResponse({ type: AlertListDto })
  async list(@CurrentUser() actor: Actor): Promise<AlertListDto> {
    return { items: await this.alerts.forActor(actor, todayIso()) };
  }
}
