import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsIsoDate, IsPlainText, NotInFuture } from '../../common/validators';
import { DECLARATION_POLICY } from '../domain/policy';
import {
  ASSESSMENT_OUTCOMES,
  AssessmentOutcome,
  ASSOCIATION_REASONS,
  AssociationReason,
  CONTACT_FREQUENCIES,
  ContactFrequency,
  DECLARATION_STATUSES,
  DeclarationStatus,
  PLAN_CONDITIONS,
  PlanCondition,
  RELATIONSHIP_TYPES,
  RelationshipType,
  RISK_LEVELS,
  RiskLevel,
} from '../domain/vocabulary';

const LIMITS = DECLARATION_POLICY.textLimits;
/** A name must contain a letter or digit, or it could never be matched. */
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
export const QUESTION_LIMIT = 2000;
export const ANSWER_LIMIT = 4000;

export class AssociateInputDto {
  @ApiProperty({ example: 'José Martínez', maxLength: LIMITS.fullName })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.fullName)
  @IsPlainText()
  @Matches(HAS_LETTER_OR_DIGIT, { message: 'fullName must contain a letter or digit' })
  fullName: string;

  @ApiPropertyOptional({ type: [String], example: ['Joe Martinez'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DECLARATION_POLICY.maxAliases)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(LIMITS.alias, { each: true })
  @IsPlainText({ each: true })
  aliases?: string[];

  @ApiPropertyOptional({ example: '1979-03-14' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  dateOfBirth?: string;

  @ApiProperty({ enum: RELATIONSHIP_TYPES })
  @IsIn(RELATIONSHIP_TYPES)
  relationship: RelationshipType;

  @ApiProperty({ enum: ASSOCIATION_REASONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(DECLARATION_POLICY.reasonsInForce, { each: true })
  reasons: AssociationReason[];

  @ApiProperty({ description: 'Whether the association continues' })
  @IsBoolean()
  current: boolean;

  @ApiPropertyOptional({ description: 'Required when current is false' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  endedOn?: string;

  @ApiPropertyOptional({ enum: CONTACT_FREQUENCIES })
  @IsOptional()
  @IsIn(CONTACT_FREQUENCIES)
  contactFrequency?: ContactFrequency;

  @ApiPropertyOptional({ maxLength: LIMITS.circumstances })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.circumstances)
  @IsPlainText()
  circumstances?: string;
}

export class CreateDeclarationDto {
  @ApiProperty({ example: '2026-01-10', description: 'When the declarant became aware' })
  @IsIsoDate()
  @NotInFuture()
  becameAwareOn: string;

  @ApiProperty({
    type: [AssociateInputDto],
    minItems: 1,
    maxItems: DECLARATION_POLICY.maxAssociates,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DECLARATION_POLICY.maxAssociates)
  @ValidateNested({ each: true })
  @Type(() => AssociateInputDto)
  associates: AssociateInputDto[];
}

/** Amendment: the fields given replace the current ones (associates as a whole list). */
export class AmendDeclarationDto {
  @ApiPropertyOptional({ example: '2026-01-10' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  becameAwareOn?: string;

  @ApiPropertyOptional({ type: [AssociateInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DECLARATION_POLICY.maxAssociates)
  @ValidateNested({ each: true })
  @Type(() => AssociateInputDto)
  associates?: AssociateInputDto[];
}

export class AssociationEndedDto {
  @ApiProperty({ example: '2026-02-01' })
  @IsIsoDate()
  @NotInFuture()
  endedOn: string;
}

export class AssessmentInputDto {
  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn(RISK_LEVELS)
  riskLevel: RiskLevel;

  @ApiProperty({ enum: ASSESSMENT_OUTCOMES })
  @IsIn(ASSESSMENT_OUTCOMES)
  outcome: AssessmentOutcome;

  @ApiPropertyOptional({ enum: PLAN_CONDITIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(PLAN_CONDITIONS, { each: true })
  conditions?: PlanCondition[];

  @ApiProperty({ maxLength: LIMITS.rationale, description: 'Never shown to the declarant' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.rationale)
  @IsPlainText()
  rationale: string;

  @ApiPropertyOptional({
    example: '2026-09-30',
    description:
      'Defaults by risk level (policy); omitted with NO_FURTHER_ACTION the declaration is closed',
  })
  @IsOptional()
  @IsIsoDate()
  reviewOn?: string;
}

export class InfoRequestInputDto {
  @ApiProperty({ maxLength: QUESTION_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(QUESTION_LIMIT)
  @IsPlainText()
  question: string;
}

export class InfoAnswerInputDto {
  @ApiProperty({ maxLength: ANSWER_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ANSWER_LIMIT)
  @IsPlainText()
  answer: string;
}

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: DECLARATION_STATUSES,
    description: 'Default: SUBMITTED, UNDER_ASSESSMENT and REVIEW_DUE',
  })
  @IsOptional()
  @IsIn(DECLARATION_STATUSES)
  status?: DeclarationStatus;

  @ApiPropertyOptional({ enum: RISK_LEVELS, description: 'Risk level of the last assessment' })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  risk?: RiskLevel;
}

export class StatsQuery {
  @ApiProperty({ example: '2026-01-01', description: 'First day received, inclusive' })
  @IsIsoDate()
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day received, inclusive' })
  @IsIsoDate()
  to: string;
}

// ---- responses ----

export class CreatedDeclarationDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'NA-2026-000123' }) reference: string;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status: DeclarationStatus;
}

export class AssociateViewDto {
  @ApiProperty() id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty({ nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ enum: RELATIONSHIP_TYPES }) relationship: RelationshipType;
  @ApiProperty({ enum: ASSOCIATION_REASONS, isArray: true }) reasons: AssociationReason[];
  @ApiProperty() current: boolean;
  @ApiProperty({ nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ enum: CONTACT_FREQUENCIES, nullable: true })
  contactFrequency: ContactFrequency | null;
  @ApiProperty({ nullable: true, type: String }) circumstances: string | null;
}

export class InfoRequestViewDto {
  @ApiProperty() id: string;
  @ApiProperty() question: string;
  @ApiProperty() askedAt: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiPropertyOptional({ description: 'Vetting view only' }) askedBy?: string;
}

/** What the declarant sees: never the risk level, rationale or links. */
export class DeclarantViewDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status: DeclarationStatus;
  @ApiProperty() becameAwareOn: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ enum: ASSESSMENT_OUTCOMES, nullable: true }) outcome: AssessmentOutcome | null;
  @ApiProperty({ enum: PLAN_CONDITIONS, isArray: true }) conditions: PlanCondition[];
  @ApiProperty({ nullable: true, type: String }) reviewOn: string | null;
  @ApiProperty({ type: [AssociateViewDto] }) associates: AssociateViewDto[];
  @ApiProperty({ type: [InfoRequestViewDto] }) infoRequests: InfoRequestViewDto[];
}

export class DeclarantPageDto {
  @ApiProperty({ type: [DeclarantViewDto] }) items: DeclarantViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AssessmentViewDto {
  @ApiProperty() id: string;
  @ApiProperty() declarationId: string;
  @ApiProperty() assessorUserId: string;
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel: RiskLevel;
  @ApiProperty({ enum: ASSESSMENT_OUTCOMES }) outcome: AssessmentOutcome;
  @ApiProperty({ enum: PLAN_CONDITIONS, isArray: true }) conditions: PlanCondition[];
  @ApiProperty() rationale: string;
  @ApiProperty({ nullable: true, type: String }) reviewOn: string | null;
  @ApiProperty({ enum: DECLARATION_STATUSES }) fromStatus: DeclarationStatus;
  @ApiProperty({ enum: DECLARATION_STATUSES }) toStatus: DeclarationStatus;
  @ApiProperty() assessedAt: string;
}

export class VersionSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status: DeclarationStatus;
  @ApiProperty() createdAt: string;
}

/** The vetting unit's view: everything, including the assessment history of every version. */
export class VettingViewDto extends DeclarantViewDto {
  @ApiProperty() declarantPersonId: string;
  @ApiProperty() declarantUserId: string;
  @ApiProperty() priority: number;
  @ApiProperty({ enum: RISK_LEVELS, nullable: true }) riskLevel: RiskLevel | null;
  @ApiProperty({ nullable: true, type: String }) assessedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) previousVersionId: string | null;
  @ApiProperty({ type: [AssessmentViewDto] }) assessments: AssessmentViewDto[];
  @ApiProperty({ type: [VersionSummaryDto] }) versions: VersionSummaryDto[];
}

export class QueueItemDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: DECLARATION_STATUSES }) status: DeclarationStatus;
  @ApiProperty() priority: number;
  @ApiProperty() submittedAt: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty() declarantPersonId: string;
  @ApiProperty({ enum: RISK_LEVELS, nullable: true }) riskLevel: RiskLevel | null;
  @ApiProperty({ nullable: true, type: String }) reviewOn: string | null;
  @ApiProperty() associateCount: number;
  @ApiProperty({ description: 'Whether an assessment has been made on any version' })
  reassessment: boolean;
}

export class QueuePageDto {
  @ApiProperty({ type: [QueueItemDto] }) items: QueueItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class MatchDto {
  @ApiProperty({ enum: ['NAME_DOB', 'NAME_ONLY'] }) kind: string;
  @ApiProperty() viaAlias: boolean;
  @ApiProperty({
    enum: ['name and date of birth', 'alias and date of birth', 'name only', 'alias only'],
  })
  description: string;
}

export class LinkDto {
  @ApiProperty({ description: 'The associate of this declaration' }) associateId: string;
  @ApiProperty() linkedDeclarationId: string;
  @ApiProperty() linkedReference: string;
  @ApiProperty() linkedVersion: number;
  @ApiProperty({ enum: DECLARATION_STATUSES }) linkedStatus: DeclarationStatus;
  @ApiProperty() linkedDeclarantPersonId: string;
  @ApiProperty() linkedAssociateId: string;
  @ApiProperty({ type: MatchDto }) match: MatchDto;
}

export class LinksDto {
  @ApiProperty() declarationId: string;
  @ApiProperty({ type: [LinkDto] }) items: LinkDto[];
}

export class StatsRowDto {
  @ApiProperty({ example: '2026-01' }) month: string;
  @ApiProperty({ enum: [...RISK_LEVELS, 'UNASSESSED'] }) riskLevel: string;
  @ApiProperty({ enum: [...ASSESSMENT_OUTCOMES, 'NONE'] }) outcome: string;
  @ApiProperty() count: number;
}

export class CountDto {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
}

export class StatsDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ description: 'Declarations received in the period (each counted once)' })
  total: number;
  @ApiProperty({ type: [StatsRowDto], description: 'Counts by month received × risk × outcome' })
  rows: StatsRowDto[];
  @ApiProperty({ type: [CountDto] }) byMonth: CountDto[];
  @ApiProperty({ type: [CountDto] }) byRiskLevel: CountDto[];
  @ApiProperty({ type: [CountDto] }) byOutcome: CountDto[];
}
