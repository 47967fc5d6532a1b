import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A non-working day added by an administrator on top of the UK bank holiday table. */
@Entity('extra_holiday')
export class ExtraHoliday {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}
