import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IdentityKeyKind, IdentitySource } from './domain/identity';

/** Blind index of one identity key of an associate (domain/identity.ts): links are hash joins. */
@Entity('associate_identity')
export class AssociateIdentity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'declaration_id', type: 'uuid' })
  declarationId: string;

  @Column({ name: 'associate_id', type: 'uuid' })
  associateId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: IdentityKeyKind;

  @Column({ type: 'varchar', length: 10 })
  source: IdentitySource;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
