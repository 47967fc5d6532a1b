import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsIsoDate, IsPlainText, NotInFuture } from '../../common/validators';
import {
  EMPLOYMENT_STATUSES,
  EmploymentStatus,
  GENDERS,
  Gender,
  PERSON_TYPES,
  PersonType,
  RANKED_PERSON_TYPES,
  RANKS,
  Rank,
  VETTING_LEVELS,
  VettingLevel,
} from '../domain/people.vocabulary';

export class CreatePersonDto {
  @ApiProperty({ example: '123456', description: 'Warrant or payroll number, unique' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'staffNumber must be 1-20 letters or digits' })
  staffNumber: string;

  @ApiProperty({ example: 'Alex' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  forenames: string;

  @ApiProperty({ example: 'Morgan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  surname: string;

  @ApiProperty({ example: '1985-03-14' })
  @IsIsoDate()
  @NotInFuture()
  dateOfBirth: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ enum: PERSON_TYPES })
  @IsIn(PERSON_TYPES)
  personType: PersonType;

  @ApiPropertyOptional({ enum: RANKS, description: 'Officers and specials only' })
  @ValidateIf(
    (o: CreatePersonDto) => o.rank !== undefined || RANKED_PERSON_TYPES.includes(o.personType),
  )
  @IsIn(RANKS, {
    message: 'rank is required for officers and specials and must be one of the ranks',
  })
  rank?: Rank;

  @ApiPropertyOptional({ example: 'Band C', description: 'Staff, PCSOs and others' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @IsPlainText()
  grade?: string;

  @ApiProperty({ example: 'North BCU' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  unit: string;

  @ApiPropertyOptional({ enum: VETTING_LEVELS })
  @IsOptional()
  @IsIn(VETTING_LEVELS)
  vettingLevel?: VettingLevel;

  @ApiPropertyOptional({ example: '2029-01-31' })
  @IsOptional()
  @IsIsoDate()
  vettingExpiresOn?: string;

  @ApiPropertyOptional({ example: '2012-09-01', description: 'Start of the SERVING status' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  joinedOn?: string;

  @ApiPropertyOptional({ description: 'Date fingerprints were taken for elimination, if held' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  fingerprintsHeldOn?: string;

  @ApiPropertyOptional({ description: 'Date a DNA elimination profile was taken, if held' })
  @IsOptional()
  @IsIsoDate()
  @NotInFuture()
  dnaHeldOn?: string;
}

export class StatusChangeDto {
  @ApiProperty({ enum: EMPLOYMENT_STATUSES })
  @IsIn(EMPLOYMENT_STATUSES)
  status: EmploymentStatus;

  @ApiProperty({ example: '2024-06-30' })
  @IsIsoDate()
  effectiveFrom: string;
}

export class StatusOnQuery {
  @ApiProperty({ example: '2020-01-31' })
  @IsIsoDate()
  on: string;
}

export class ListPeopleQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PERSON_TYPES })
  @IsOptional()
  @IsIn(PERSON_TYPES)
  personType?: PersonType;

  @ApiPropertyOptional({ enum: EMPLOYMENT_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYMENT_STATUSES)
  status?: EmploymentStatus;

  @ApiPropertyOptional({ description: 'Exact staff number' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,20}$/)
  staffNumber?: string;
}

export class StatusEntryDto {
  @ApiProperty({ enum: EMPLOYMENT_STATUSES }) status: EmploymentStatus;
  @ApiProperty() effectiveFrom: string;
}

export class PersonDto {
  @ApiProperty() id: string;
  @ApiProperty() staffNumber: string;
  @ApiProperty() forenames: string;
  @ApiProperty() surname: string;
  @ApiProperty() dateOfBirth: string;
  @ApiProperty({ enum: GENDERS }) gender: Gender;
  @ApiProperty({ enum: PERSON_TYPES }) personType: PersonType;
  @ApiProperty({ enum: RANKS, nullable: true }) rank: Rank | null;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: VETTING_LEVELS, nullable: true }) vettingLevel: VettingLevel | null;
  @ApiProperty({ nullable: true, type: String }) vettingExpiresOn: string | null;
  @ApiProperty({ nullable: true, type: String }) joinedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) leftOn: string | null;
  @ApiProperty({ nullable: true, type: String }) fingerprintsHeldOn: string | null;
  @ApiProperty({ nullable: true, type: String }) dnaHeldOn: string | null;
  @ApiProperty({ enum: EMPLOYMENT_STATUSES }) status: EmploymentStatus;
  @ApiPropertyOptional({ type: [StatusEntryDto] }) statusHistory?: StatusEntryDto[];
}

export class PersonPageDto {
  @ApiProperty({ type: [PersonDto] }) items: PersonDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StatusOnDto {
  @ApiProperty() personId: string;
  @ApiProperty() on: string;
  @ApiProperty({ enum: EMPLOYMENT_STATUSES, nullable: true, description: 'null: not yet joined' })
  status: EmploymentStatus | null;
}

export class ImportAcceptedDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] }) status: string;
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'CSV line number (header is line 1)' }) row: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportStatusDto extends ImportAcceptedDto {
  @ApiProperty({ nullable: true, type: Number }) totalRows: number | null;
  @ApiProperty() importedRows: number;
  @ApiProperty({ type: [ImportRowErrorDto] }) errors: ImportRowErrorDto[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}
