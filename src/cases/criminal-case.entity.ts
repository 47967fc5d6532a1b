import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { CriminalStage, OffenceCategory } from './domain/vocabulary';

/** A criminal case against a person in the register; the stage columns summarise its history. */
@Entity('criminal_case')
export class CriminalCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'offence_category', type: 'varchar', length: 40 })
  offenceCategory: OffenceCategory;

  /** Encrypted (FieldCipher token); only ever decrypted for a PSD response. */
  @Column({ name: 'offence_description', type: 'text' })
  offenceDescription: string;

  @Column({ name: 'offence_date', type: 'date' })
  offenceDate: string;

  @Column({ name: 'indictable_only', type: 'boolean', default: false })
  indictableOnly: boolean;

  // Denormalised from criminal_case_stage (summariseCriminalCase), for queries and FOI extracts.
  @Column({ name: 'current_stage', type: 'varchar', length: 40, nullable: true })
  currentStage: CriminalStage | null;

  @Column({ type: 'boolean', default: false })
  pending: boolean;

  @Column({ type: 'boolean', default: false })
  concluded: boolean;

  @Column({ name: 'charged_on', type: 'date', nullable: true })
  chargedOn: string | null;

  @Column({ name: 'convicted_on', type: 'date', nullable: true })
  convictedOn: string | null;

  @Column({ name: 'sentenced_on', type: 'date', nullable: true })
  sentencedOn: string | null;

  @Column({ name: 'last_stage_on', type: 'date', nullable: true })
  lastStageOn: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
