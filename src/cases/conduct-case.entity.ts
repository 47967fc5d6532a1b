import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ConductCaseState } from './domain/conduct-case';
import type {
  CaseOrigin,
  ConductFinding,
  ConductOutcome,
  ConductSeverity,
  ConductStatus,
  PersonType,
  ProceedingsForm,
} from './domain/vocabulary';

/**
 * A conduct case. `state` is the domain's ConductCaseState after the latest event (events are
 * applied to it, never replayed, because each was judged on the facts of its own day); the other
 * columns copy from it for queries and FOI extracts. `outcome` is the final outcome (after any
 * appeal); `forum_outcome` what the meeting or hearing decided.
 */
@Entity('conduct_case')
export class ConductCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'came_to_attention_on', type: 'date' })
  cameToAttentionOn: string;

  @Column({ type: 'varchar', length: 30 })
  origin: CaseOrigin;

  @Column({ name: 'criminal_case_id', type: 'uuid', nullable: true })
  criminalCaseId: string | null;

  @Column({ name: 'declaration_id', type: 'uuid', nullable: true })
  declarationId: string | null;

  @Column({ type: 'varchar', length: 30 })
  status: ConductStatus;

  @Column({ type: 'varchar', length: 40, nullable: true })
  severity: ConductSeverity | null;

  @Column({ name: 'proceedings_form', type: 'varchar', length: 30, nullable: true })
  proceedingsForm: ProceedingsForm | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  finding: ConductFinding | null;

  @Column({ name: 'forum_outcome', type: 'varchar', length: 40, nullable: true })
  forumOutcome: ConductOutcome | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  outcome: ConductOutcome | null;

  @Column({ name: 'outcome_on', type: 'date', nullable: true })
  outcomeOn: string | null;

  @Column({ name: 'severity_assessed_on', type: 'date', nullable: true })
  severityAssessedOn: string | null;

  @Column({ name: 'investigation_started_on', type: 'date', nullable: true })
  investigationStartedOn: string | null;

  @Column({ name: 'investigation_ended_on', type: 'date', nullable: true })
  investigationEndedOn: string | null;

  @Column({ name: 'allegation_closed_on', type: 'date', nullable: true })
  allegationClosedOn: string | null;

  @Column({ name: 'last_event_on', type: 'date', nullable: true })
  lastEventOn: string | null;

  @Column({ name: 'person_type_at_open', type: 'varchar', length: 30 })
  personTypeAtOpen: PersonType;

  @Column({ type: 'jsonb' })
  state: ConductCaseState;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
