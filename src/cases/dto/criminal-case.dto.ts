import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsIsoDate, IsPlainText, NotInFuture } from '../../common/validators';
import { EMPLOYMENT_STATUSES, EmploymentStatus } from '../../people/domain/people.vocabulary';
import {
  CRIMINAL_STAGES,
  CriminalStage,
  OFFENCE_CATEGORIES,
  OffenceCategory,
} from '../domain/vocabulary';

export class CreateCriminalCaseDto {
  @ApiProperty({ description: 'The suspect or defendant, a person in the register' })
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: OFFENCE_CATEGORIES })
  @IsIn(OFFENCE_CATEGORIES)
  offenceCategory: OffenceCategory;

  @ApiProperty({ description: 'Private: stored encrypted, shown to PSD only, never logged' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @IsPlainText()
  offenceDescription: string;

  @ApiProperty({ example: '2025-06-14' })
  @IsIsoDate()
  @NotInFuture()
  offenceDate: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Triable only on indictment (a conviction from 28 May 2025 is gross misconduct)',
  })
  @IsOptional()
  @IsBoolean()
  indictableOnly?: boolean;
}

export class AddStageDto {
  @ApiProperty({ enum: CRIMINAL_STAGES })
  @IsIn(CRIMINAL_STAGES)
  stage: CriminalStage;

  @ApiProperty({ example: '2025-07-01' })
  @IsIsoDate()
  @NotInFuture()
  on: string;

  @ApiPropertyOptional({ description: 'Private free text (court, sentence); stored encrypted' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsPlainText()
  details?: string;
}

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListCriminalCasesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({ description: 'Only cases pending (charged/summonsed, no verdict yet)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  pending?: boolean;

  @ApiPropertyOptional({ enum: CRIMINAL_STAGES, description: 'Current stage' })
  @IsOptional()
  @IsIn(CRIMINAL_STAGES)
  stage?: CriminalStage;
}

export class CriminalStageDto {
  @ApiProperty({ enum: CRIMINAL_STAGES }) stage: CriminalStage;
  @ApiProperty() on: string;
  @ApiProperty({ nullable: true, type: String }) details: string | null;
}

export class CriminalCaseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'CC-2026-000001' }) reference: string;
  @ApiProperty() personId: string;
  @ApiProperty({ enum: OFFENCE_CATEGORIES }) offenceCategory: OffenceCategory;
  @ApiPropertyOptional({ description: 'In the single-case view only' })
  offenceDescription?: string;
  @ApiProperty() offenceDate: string;
  @ApiProperty() indictableOnly: boolean;
  @ApiProperty({ enum: CRIMINAL_STAGES, nullable: true }) currentStage: CriminalStage | null;
  @ApiProperty({ description: 'From charge or summons until a verdict or discontinuance' })
  pending: boolean;
  @ApiProperty() concluded: boolean;
  @ApiProperty({ nullable: true, type: String }) chargedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The standing conviction' })
  convictedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) sentencedOn: string | null;
  @ApiProperty({
    enum: EMPLOYMENT_STATUSES,
    nullable: true,
    description: 'Employment status on the offence date (null: not yet joined)',
  })
  statusAtOffence: EmploymentStatus | null;
  @ApiProperty({ enum: EMPLOYMENT_STATUSES, nullable: true }) statusNow: EmploymentStatus | null;
  @ApiPropertyOptional({ type: [CriminalStageDto], description: 'In the single-case view only' })
  stages?: CriminalStageDto[];
  @ApiProperty({ type: [String], enum: CRIMINAL_STAGES, description: 'Stages that may follow' })
  nextStages: CriminalStage[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CriminalCasePageDto {
  @ApiProperty({ type: [CriminalCaseDto] }) items: CriminalCaseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
