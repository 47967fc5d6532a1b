import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  AssessmentOutcome,
  DeclarationStatus,
  PlanCondition,
  RiskLevel,
} from './domain/vocabulary';

/** One assessment (kept forever: the history). `rationale` is a FieldCipher token. */
@Entity('declaration_assessment')
export class DeclarationAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'declaration_id', type: 'uuid' })
  declarationId: string;

  @Column({ name: 'assessor_user_id', type: 'uuid' })
  assessorUserId: string;

  @Column({ name: 'risk_level', type: 'varchar', length: 10 })
  riskLevel: RiskLevel;

  @Column({ type: 'varchar', length: 30 })
  outcome: AssessmentOutcome;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  conditions: PlanCondition[];

  @Column({ type: 'text' })
  rationale: string;

  @Column({ name: 'review_on', type: 'date', nullable: true })
  reviewOn: string | null;

  @Column({ name: 'from_status', type: 'varchar', length: 20 })
  fromStatus: DeclarationStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: DeclarationStatus;

  @Column({ name: 'assessed_at', type: 'timestamptz', default: () => 'now()' })
  assessedAt: Date;
}
