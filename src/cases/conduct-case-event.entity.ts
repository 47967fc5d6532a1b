import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConductEventType } from './domain/vocabulary';

/**
 * One step of a conduct case, in the order recorded (`seq`). `payload` holds the event's own
 * fields (severity, form, outcome, ...); a withdrawal reason is stored encrypted.
 */
@Entity('conduct_case_event')
export class ConductCaseEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 30 })
  type: ConductEventType;

  @Column({ name: 'event_on', type: 'date' })
  on: string;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, string>;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
