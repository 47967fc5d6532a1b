import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsIsoDate, IsPlainText, NotInFuture } from '../../common/validators';
import {
  FOI_EXEMPTIONS,
  FOI_QUESTION_OUTCOMES,
  FOI_REQUEST_STATUSES,
  FoiExemption,
  FoiQuestionOutcome,
  FoiRequestStatus,
} from '../domain';

export class NewQuestionDto {
  @ApiProperty({ example: 'How many officers were convicted of a criminal offence in 2023?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  @IsPlainText()
  text: string;
}

export class CreateFoiRequestDto {
  @ApiProperty({ example: '2025-04-14', description: 'Date the request was received' })
  @IsIsoDate()
  @NotInFuture()
  receivedOn: string;

  @ApiProperty({ example: 'Officers convicted or charged, 2018 to 2024' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsPlainText()
  subject: string;

  @ApiProperty({ type: [NewQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NewQuestionDto)
  questions: NewQuestionDto[];
}

export class QuestionPatchDto {
  @ApiProperty({ description: 'Id of a question of this request' })
  @IsUUID()
  id: string;

  @ApiPropertyOptional({ enum: FOI_QUESTION_OUTCOMES, nullable: true })
  @IsOptional()
  @IsIn(FOI_QUESTION_OUTCOMES)
  outcome?: FoiQuestionOutcome;

  @ApiPropertyOptional({ enum: FOI_EXEMPTIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(FOI_EXEMPTIONS, { each: true })
  exemptions?: FoiExemption[];

  @ApiPropertyOptional({ type: [String], description: 'Extracts that answer this question' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  extractIds?: string[];

  @ApiPropertyOptional({ description: 'The answer text for the response letter' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  @IsPlainText()
  answer?: string;
}

export class UpdateFoiRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsPlainText()
  subject?: string;

  @ApiPropertyOptional({ description: 'Correcting it recomputes the due date' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  receivedOn?: string;

  @ApiPropertyOptional({ enum: FOI_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(FOI_REQUEST_STATUSES)
  status?: FoiRequestStatus;

  @ApiPropertyOptional({ type: [QuestionPatchDto], description: 'Per-question outcomes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuestionPatchDto)
  questions?: QuestionPatchDto[];
}

export class ListFoiRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FOI_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(FOI_REQUEST_STATUSES)
  status?: FoiRequestStatus;
}

export const LETTER_FORMATS = ['text', 'html'] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];

export class ResponseLetterQuery {
  @ApiPropertyOptional({ enum: LETTER_FORMATS, description: 'Overrides the Accept header' })
  @IsOptional()
  @IsIn(LETTER_FORMATS)
  format?: LetterFormat;
}

export class FoiQuestionDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: FOI_QUESTION_OUTCOMES, nullable: true }) outcome: FoiQuestionOutcome | null;
  @ApiProperty({ enum: FOI_EXEMPTIONS, isArray: true }) exemptions: FoiExemption[];
  @ApiProperty({ type: [String] }) extractIds: string[];
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
}

export class FoiRequestDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '01.FOI.25.000042' }) reference: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty({ description: '20 working days after receipt (UK bank holidays excluded)' })
  dueOn: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: FOI_REQUEST_STATUSES }) status: FoiRequestStatus;
  @ApiProperty({ nullable: true, type: String }) respondedOn: string | null;
  @ApiProperty({ type: [FoiQuestionDto] }) questions: FoiQuestionDto[];
}

export class FoiRequestPageDto {
  @ApiProperty({ type: [FoiRequestDto] }) items: FoiRequestDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
