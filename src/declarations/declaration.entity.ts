import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  AssessmentOutcome,
  DeclarationStatus,
  PlanCondition,
  RiskLevel,
} from './domain/vocabulary';

/**
 * One version of a declaration. Versions of the same declaration share `rootId` (the id of
 * version 1) and the reference; at most one version is live (not SUPERSEDED).
 */
@Entity('declaration')
export class Declaration {
  @PrimaryColumn('uuid')
  id: string;

  /** NA-YYYY-NNNNNN: the year of receipt and the sequence number. */
  @Column({ type: 'varchar', length: 24 })
  reference: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ name: 'root_id', type: 'uuid' })
  rootId: string;

  @Column({ name: 'previous_version_id', type: 'uuid', nullable: true })
  previousVersionId: string | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'declarant_person_id', type: 'uuid' })
  declarantPersonId: string;

  @Column({ name: 'declarant_user_id', type: 'uuid' })
  declarantUserId: string;

  @Column({ type: 'varchar', length: 20 })
  status: DeclarationStatus;

  @Column({ name: 'became_aware_on', type: 'date' })
  becameAwareOn: string;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  /** When this version entered (or re-entered) the queue: its age in the queue. */
  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  /** Stored queue priority (domain/priority.ts), recomputed on change and when links change. */
  @Column({ type: 'int' })
  priority: number;

  @Column({ name: 'risk_level', type: 'varchar', length: 10, nullable: true })
  riskLevel: RiskLevel | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome: AssessmentOutcome | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  conditions: PlanCondition[];

  @Column({ name: 'review_on', type: 'date', nullable: true })
  reviewOn: string | null;

  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true })
  assessedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
