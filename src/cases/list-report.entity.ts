import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ListReportReason } from './domain/rules';
import type { ListStatus, ListType } from './domain/vocabulary';

/** A report owed to the College of Policing's barred or advisory list. */
@Entity('list_report')
export class ListReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'conduct_case_id', type: 'uuid' })
  conductCaseId: string;

  @Column({ type: 'varchar', length: 10 })
  list: ListType;

  @Column({ type: 'varchar', length: 40 })
  reason: ListReportReason;

  @Column({ name: 'trigger_on', type: 'date' })
  triggerOn: string;

  /** 5 working days after the trigger; recomputed while unsent when a holiday is added. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'sent_on', type: 'date', nullable: true })
  sentOn: string | null;

  @Column({ type: 'varchar', length: 30 })
  status: ListStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
