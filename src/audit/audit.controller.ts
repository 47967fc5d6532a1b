import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { decodeCursor, toPage } from '../common/pagination';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditPageDto, AuditQueryDto, AuditVerifyDto } from './dto/audit.dto';

const isCursor = (v: unknown): v is { s: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { s?: unknown }).s);

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Audit events, newest first, with filters' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() q: AuditQueryDto): Promise<AuditPageDto> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isCursor);
    const rows = await this.audit.list({
      actorId: q.actorId,
      action: q.action,
      entityType: q.entityType,
      entityId: q.entityId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      afterSeq: after?.s,
      limit,
    });
    return toPage(
      rows,
      limit,
      (e): AuditEventDto => ({
        seq: e.seq,
        id: e.id,
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        actorUsername: e.actorUsername,
        actorRoles: e.actorRoles,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        ip: e.ip,
        requestId: e.requestId,
        details: e.details,
        hash: e.hash,
      }),
      (e) => ({ s: e.seq }),
    );
  }

  @Get('verify')
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Re-compute the hash chain: intact, or the first broken link' })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(): Promise<AuditVerifyDto> {
    return this.audit.verify();
  }
}
