import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type {
  EmploymentStatus,
  Gender,
  PersonType,
  Rank,
  VettingLevel,
} from './domain/people.vocabulary';
import { PersonStatusChange } from './person-status-change.entity';

@Entity('person')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'staff_number', type: 'varchar', length: 20, unique: true })
  staffNumber: string;

  @Column({ type: 'varchar', length: 100 })
  forenames: string;

  @Column({ type: 'varchar', length: 100 })
  surname: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'varchar', length: 20 })
  gender: Gender;

  @Column({ name: 'person_type', type: 'varchar', length: 30 })
  personType: PersonType;

  @Column({ type: 'varchar', length: 40, nullable: true })
  rank: Rank | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  grade: string | null;

  @Column({ type: 'varchar', length: 100 })
  unit: string;

  @Column({ name: 'vetting_level', type: 'varchar', length: 10, nullable: true })
  vettingLevel: VettingLevel | null;

  @Column({ name: 'vetting_expires_on', type: 'date', nullable: true })
  vettingExpiresOn: string | null;

  @Column({ name: 'joined_on', type: 'date', nullable: true })
  joinedOn: string | null;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn: string | null;

  /** Biometric elimination records: the date each was taken, or null when none is held. */
  @Column({ name: 'fingerprints_held_on', type: 'date', nullable: true })
  fingerprintsHeldOn: string | null;

  @Column({ name: 'dna_held_on', type: 'date', nullable: true })
  dnaHeldOn: string | null;

  /** Denormalised from the latest effective status change, for list filters. */
  @Column({ name: 'current_status', type: 'varchar', length: 30 })
  currentStatus: EmploymentStatus;

  @OneToMany(() => PersonStatusChange, (c) => c.person)
  statusChanges?: PersonStatusChange[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
