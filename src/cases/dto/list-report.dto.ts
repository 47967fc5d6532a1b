import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsIsoDate, NotInFuture } from '../../common/validators';
import { LIST_STATUSES, LIST_TYPES, ListStatus, ListType } from '../domain/vocabulary';

const REASONS = [
  'DISMISSED',
  'WOULD_HAVE_BEEN_DISMISSED',
  'RESIGNED_WHILE_ALLEGATION_LIVE',
  'RETIRED_WHILE_ALLEGATION_LIVE',
] as const;

export class ListReportDto {
  @ApiProperty() id: string;
  @ApiProperty() personId: string;
  @ApiProperty() conductCaseId: string;
  @ApiProperty({ example: 'MC-2026-000001' }) conductCaseReference: string;
  @ApiProperty({ enum: LIST_TYPES }) list: ListType;
  @ApiProperty({ enum: REASONS }) reason: (typeof REASONS)[number];
  @ApiProperty() triggerOn: string;
  @ApiProperty({ description: '5 working days after the trigger (UK bank holidays + extra days)' })
  dueOn: string;
  @ApiProperty({ nullable: true, type: String }) sentOn: string | null;
  @ApiProperty({ enum: LIST_STATUSES, description: 'PENDING until sent' }) status: ListStatus;
  @ApiProperty({ description: 'Unsent and past its due date' }) overdue: boolean;
}

export class ListReportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LIST_STATUSES })
  @IsOptional()
  @IsIn(LIST_STATUSES)
  status?: ListStatus;

  @ApiPropertyOptional({ enum: LIST_TYPES })
  @IsOptional()
  @IsIn(LIST_TYPES)
  list?: ListType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  conductCaseId?: string;
}

export class MarkSentDto {
  @ApiPropertyOptional({ description: 'Date sent to the College; defaults to today' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  sentOn?: string;
}

export class ListReportPageDto {
  @ApiProperty({ type: [ListReportDto] }) items: ListReportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
