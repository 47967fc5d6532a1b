import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CriminalStage } from './domain/vocabulary';

/** One dated stage of a criminal case, in the order recorded (`seq`). */
@Entity('criminal_case_stage')
export class CriminalCaseStage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 40 })
  stage: CriminalStage;

  @Column({ name: 'stage_on', type: 'date' })
  on: string;

  /** Encrypted free text, or null. */
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
