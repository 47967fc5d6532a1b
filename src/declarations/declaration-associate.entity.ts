import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssociationReason, ContactFrequency, RelationshipType } from './domain/vocabulary';

/**
 * An associate named in one version of a declaration. `fullName`, `aliases` (a JSON array),
 * `dateOfBirth` and `circumstances` hold FieldCipher tokens, never plaintext; `keyId` is the
 * key they were made with, so rotation can find rows still on an old key.
 */
@Entity('declaration_associate')
export class DeclarationAssociate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'declaration_id', type: 'uuid' })
  declarationId: string;

  /** Order as declared (0-based), so validation messages and views line up. */
  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ type: 'text', nullable: true })
  aliases: string | null;

  @Column({ name: 'date_of_birth', type: 'text', nullable: true })
  dateOfBirth: string | null;

  /** Whether a date of birth was given: matching needs it, and it reveals no value. */
  @Column({ name: 'has_date_of_birth', type: 'boolean' })
  hasDateOfBirth: boolean;

  @Column({ type: 'text', nullable: true })
  circumstances: string | null;

  @Column({ type: 'varchar', length: 30 })
  relationship: RelationshipType;

  @Column({ type: 'text', array: true })
  reasons: AssociationReason[];

  @Column({ name: 'is_current', type: 'boolean' })
  current: boolean;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ name: 'contact_frequency', type: 'varchar', length: 20, nullable: true })
  contactFrequency: ContactFrequency | null;

  @Column({ name: 'key_id', type: 'varchar', length: 32 })
  keyId: string;
}
