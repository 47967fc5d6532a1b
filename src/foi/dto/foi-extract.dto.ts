import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { PERSON_TYPES, PersonType, RISK_LEVELS, RiskLevel } from '../domain';
import { EXTRACT_TYPES, ExtractType, REFERRAL_LISTS, ReferralList } from '../extract-definitions';
import { IsYearOrDate } from '../year-or-date.validator';

export class ExtractOptionsDto {
  @ApiPropertyOptional({ enum: RISK_LEVELS, isArray: true, description: 'DECLARATION_NATURE' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(RISK_LEVELS, { each: true })
  riskLevels?: RiskLevel[];

  @ApiPropertyOptional({ description: 'CONDUCT_OUTCOMES: rows by year and person type' })
  @IsOptional()
  @IsBoolean()
  byPersonType?: boolean;

  @ApiPropertyOptional({ enum: PERSON_TYPES, isArray: true, description: 'BIOMETRIC_COVERAGE' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsIn(PERSON_TYPES, { each: true })
  personTypes?: PersonType[];

  @ApiPropertyOptional({
    enum: REFERRAL_LISTS,
    isArray: true,
    description: 'BARRED_LIST_REFERRALS',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(REFERRAL_LISTS, { each: true })
  lists?: ReferralList[];
}

export class CreateExtractDto {
  @ApiProperty({ enum: EXTRACT_TYPES })
  @IsIn(EXTRACT_TYPES)
  type: ExtractType;

  @ApiProperty({
    oneOf: [{ type: 'integer' }, { type: 'string', format: 'date' }],
    example: 2018,
    description: 'First year (a date is reduced to its year)',
  })
  @IsYearOrDate()
  from: number | string;

  @ApiProperty({
    oneOf: [{ type: 'integer' }, { type: 'string', format: 'date' }],
    example: 2024,
    description: 'Last year, inclusive (a date is reduced to its year)',
  })
  @IsYearOrDate()
  to: number | string;

  @ApiPropertyOptional({ description: 'The FOI request this extract answers' })
  @IsOptional()
  @IsUUID()
  requestId?: string;

  @ApiPropertyOptional({ type: ExtractOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtractOptionsDto)
  options?: ExtractOptionsDto;
}

export class ReleaseExtractDto {
  @ApiPropertyOptional({ description: 'Required when the extract was made without a request' })
  @IsOptional()
  @IsUUID()
  requestId?: string;
}

export const DOWNLOAD_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export class DownloadQuery {
  @ApiPropertyOptional({ enum: DOWNLOAD_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(DOWNLOAD_FORMATS)
  format?: DownloadFormat;
}

export class ExtractAcceptedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['QUEUED'] }) status: 'QUEUED';
}

export class DisclosureRuleDto {
  @ApiProperty() rule: string;
  @ApiProperty() description: string;
  @ApiProperty() affected: number;
  @ApiProperty({ nullable: true, type: String }) exemption: string | null;
  @ApiProperty() reason: string;
}

export class DisclosureReportDto {
  @ApiProperty({ type: [DisclosureRuleDto] }) rules: readonly DisclosureRuleDto[];
  @ApiProperty({ type: [String] }) withheld: readonly string[];
}

export class ExtractStatusDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: EXTRACT_TYPES }) type: ExtractType;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: ExtractOptionsDto }) options: ExtractOptionsDto;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'READY', 'FAILED'] }) status: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: DisclosureReportDto, nullable: true }) report: DisclosureReportDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'sha256 of the published figures' })
  checksum: string | null;
  @ApiProperty({ nullable: true, type: Number }) rowCount: number | null;
  @ApiProperty({ nullable: true, type: String }) errorCode: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) releasedAt: string | null;
}
