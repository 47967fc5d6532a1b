import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A question from the vetting unit and the declarant's answer (both FieldCipher tokens). */
@Entity('declaration_info_request')
export class DeclarationInfoRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'declaration_id', type: 'uuid' })
  declarationId: string;

  @Column({ type: 'text' })
  question: string;

  @Column({ name: 'asked_by', type: 'uuid' })
  askedBy: string;

  @Column({ name: 'asked_at', type: 'timestamptz', default: () => 'now()' })
  askedAt: Date;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
