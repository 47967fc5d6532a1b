import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsIsoDate, IsPlainText, NotInFuture } from '../../common/validators';
import { EMPLOYMENT_STATUSES, EmploymentStatus } from '../../people/domain/people.vocabulary';
import {
  APPEAL_FORUMS,
  APPEAL_RESULTS,
  AppealForum,
  AppealResult,
  CASE_ORIGINS,
  CASE_TO_ANSWER_DECISIONS,
  CONDUCT_EVENT_TYPES,
  CONDUCT_FINDINGS,
  CONDUCT_OUTCOMES,
  CONDUCT_PROCEDURES,
  CONDUCT_SEVERITIES,
  CONDUCT_STATUSES,
  CaseOrigin,
  CaseToAnswerDecision,
  ConductDisplayStatus,
  ConductEventType,
  ConductFinding,
  ConductOutcome,
  ConductProcedure,
  ConductSeverity,
  INVESTIGATION_FORMS,
  InvestigationForm,
  PAUSED_SUB_JUDICE,
  PERSON_TYPES,
  PROCEEDINGS_FORMS,
  PersonType,
  ProceedingsForm,
} from '../domain/vocabulary';
import { ListReportDto } from './list-report.dto';

export class CreateConductCaseDto {
  @ApiProperty({ description: 'The officer or member of staff, a person in the register' })
  @IsUUID()
  personId: string;

  @ApiProperty({ example: '2025-03-03', description: 'Starts the investigation-overrun clock' })
  @IsIsoDate()
  @NotInFuture()
  cameToAttentionOn: string;

  @ApiProperty({ enum: CASE_ORIGINS })
  @IsIn(CASE_ORIGINS)
  origin: CaseOrigin;

  @ApiPropertyOptional({ description: 'A criminal case about the same person (sub judice link)' })
  @IsOptional()
  @IsUUID()
  criminalCaseId?: string;

  @ApiPropertyOptional({ description: 'The declaration whose assessment referred the matter' })
  @IsOptional()
  @IsUUID()
  declarationId?: string;
}

const EVENT_FORMS = [...INVESTIGATION_FORMS, ...PROCEEDINGS_FORMS] as const;

/** One step of the process; which extra fields apply depends on `type` (API.md's event table). */
export class ConductEventDto {
  @ApiProperty({ enum: CONDUCT_EVENT_TYPES })
  @IsIn(CONDUCT_EVENT_TYPES)
  type: ConductEventType;

  @ApiProperty({ example: '2025-04-01' })
  @IsIsoDate()
  @NotInFuture()
  on: string;

  @ApiPropertyOptional({ enum: CONDUCT_SEVERITIES, description: 'SEVERITY_ASSESSED' })
  @IsOptional()
  @IsIn(CONDUCT_SEVERITIES)
  severity?: ConductSeverity;

  @ApiPropertyOptional({
    enum: EVENT_FORMS,
    description:
      'INVESTIGATION_STARTED: LOCAL, DIRECTED, INDEPENDENT; REFERRED: MISCONDUCT_MEETING, MISCONDUCT_HEARING, ACCELERATED_HEARING',
  })
  @IsOptional()
  @IsIn(EVENT_FORMS)
  form?: InvestigationForm | ProceedingsForm;

  @ApiPropertyOptional({ enum: CASE_TO_ANSWER_DECISIONS, description: 'CASE_TO_ANSWER_DECIDED' })
  @IsOptional()
  @IsIn(CASE_TO_ANSWER_DECISIONS)
  decision?: CaseToAnswerDecision;

  @ApiPropertyOptional({ enum: CONDUCT_OUTCOMES, description: 'OUTCOME' })
  @IsOptional()
  @IsIn(CONDUCT_OUTCOMES)
  outcome?: ConductOutcome;

  @ApiPropertyOptional({ enum: CONDUCT_FINDINGS, description: 'OUTCOME (optional)' })
  @IsOptional()
  @IsIn(CONDUCT_FINDINGS)
  finding?: ConductFinding;

  @ApiPropertyOptional({ enum: APPEAL_FORUMS, description: 'APPEAL_LODGED' })
  @IsOptional()
  @IsIn(APPEAL_FORUMS)
  forum?: AppealForum;

  @ApiPropertyOptional({ enum: APPEAL_RESULTS, description: 'APPEAL_DECIDED' })
  @IsOptional()
  @IsIn(APPEAL_RESULTS)
  result?: AppealResult;

  @ApiPropertyOptional({ enum: CONDUCT_OUTCOMES, description: 'APPEAL_DECIDED (optional)' })
  @IsOptional()
  @IsIn(CONDUCT_OUTCOMES)
  newOutcome?: ConductOutcome;

  @ApiPropertyOptional({ description: 'WITHDRAWN: private free text, stored encrypted' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @IsPlainText()
  reason?: string;
}

export class ListConductCasesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ enum: CONDUCT_STATUSES, description: 'Stored status' })
  @IsOptional()
  @IsIn(CONDUCT_STATUSES)
  status?: (typeof CONDUCT_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  criminalCaseId?: string;
}

export class ConductEventViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CONDUCT_EVENT_TYPES }) type: ConductEventType;
  @ApiProperty() on: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The event’s own fields (severity, form, decision, outcome, ...)',
  })
  fields: Record<string, string>;
  @ApiProperty() recordedAt: string;
}

export class ConductCaseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'MC-2026-000001' }) reference: string;
  @ApiProperty() personId: string;
  @ApiProperty() cameToAttentionOn: string;
  @ApiProperty({ enum: CASE_ORIGINS }) origin: CaseOrigin;
  @ApiProperty({ nullable: true, type: String }) criminalCaseId: string | null;
  @ApiProperty({ nullable: true, type: String }) declarationId: string | null;
  @ApiProperty({
    enum: [...CONDUCT_STATUSES, PAUSED_SUB_JUDICE],
    description: 'PAUSED_SUB_JUDICE while the linked criminal case is pending',
  })
  status: ConductDisplayStatus;
  @ApiProperty({ enum: CONDUCT_STATUSES, description: 'Where the process stands, pause aside' })
  stage: (typeof CONDUCT_STATUSES)[number];
  @ApiProperty() pausedSubJudice: boolean;
  @ApiProperty({ enum: CONDUCT_PROCEDURES }) procedure: ConductProcedure;
  @ApiProperty({ enum: PERSON_TYPES }) personTypeAtOpen: PersonType;
  @ApiProperty({ enum: CONDUCT_SEVERITIES, nullable: true }) severity: ConductSeverity | null;
  @ApiProperty({ nullable: true, type: String }) severityAssessedOn: string | null;
  @ApiProperty({ enum: INVESTIGATION_FORMS, nullable: true })
  investigationForm: InvestigationForm | null;
  @ApiProperty({ nullable: true, type: String }) investigationStartedOn: string | null;
  @ApiProperty({ enum: CASE_TO_ANSWER_DECISIONS, nullable: true })
  caseToAnswer: CaseToAnswerDecision | null;
  @ApiProperty({ enum: PROCEEDINGS_FORMS, nullable: true })
  proceedingsForm: ProceedingsForm | null;
  @ApiProperty({ enum: CONDUCT_FINDINGS, nullable: true }) finding: ConductFinding | null;
  @ApiProperty({ enum: CONDUCT_OUTCOMES, nullable: true, description: 'Final, after any appeal' })
  outcome: ConductOutcome | null;
  @ApiProperty({ nullable: true, type: String }) outcomeOn: string | null;
  @ApiProperty({ enum: CONDUCT_OUTCOMES, nullable: true, description: 'As the forum decided' })
  forumOutcome: ConductOutcome | null;
  @ApiProperty({ enum: APPEAL_RESULTS, nullable: true }) appealResult: AppealResult | null;
  @ApiProperty({ description: 'The allegation is live (the advisory-list test)' })
  allegationLive: boolean;
  @ApiProperty({
    enum: EMPLOYMENT_STATUSES,
    nullable: true,
    description: 'Employment status when the matter came to attention',
  })
  statusAtOffence: EmploymentStatus | null;
  @ApiProperty({ enum: EMPLOYMENT_STATUSES, nullable: true }) statusNow: EmploymentStatus | null;
  @ApiProperty({ type: [String], enum: CONDUCT_EVENT_TYPES, description: 'Steps that may follow' })
  allowedEvents: ConductEventType[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Next investigation overrun report (12 months, then every 6)',
  })
  nextOverrunReportOn: string | null;
  @ApiPropertyOptional({ type: [ConductEventViewDto], description: 'Single-case view only' })
  events?: ConductEventViewDto[];
  @ApiPropertyOptional({ type: [ListReportDto], description: 'Single-case view only' })
  listReports?: ListReportDto[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ConductCasePageDto {
  @ApiProperty({ type: [ConductCaseDto] }) items: ConductCaseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
