import { Injectable } from '@nestjs/common';
import { assertNotSelfAdministration } from '../auth/domain/separation-of-duties';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationError } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { Actor } from '../common/request-context';
import { Person } from '../people/person.entity';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { User } from './user.entity';

export const BCRYPT_ROUNDS = 10;

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    username: u.username,
    roles: u.roles,
    personId: u.personId,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}

const isCursor = (v: unknown): v is { u: string } =>
  typeof v === 'object' && v !== null && typeof (v as { u?: unknown }).u === 'string';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateUserDto, actor: Actor): Promise<UserDto> {
    const passwordHash = await bcrypt.hash(dto.password, BCRYPT_ROUNDS);
    return this.dataSource.transaction(async (m) => {
      if (await m.exists(User, { where: { username: dto.username } })) {
        throw new ConflictError('USER.USERNAME_TAKEN', 'That username is taken', [
          { field: 'username', message: 'already taken' },
        ]);
      }
      if (dto.personId) {
        if (!(await m.exists(Person, { where: { id: dto.personId } }))) {
          throw new ValidationError('USER.PERSON_NOT_FOUND', 'No such person', [
            { field: 'personId', message: 'no person with this id' },
          ]);
        }
        if (await m.exists(User, { where: { personId: dto.personId } })) {
          throw new ConflictError('USER.PERSON_HAS_ACCOUNT', 'That person already has an account', [
            { field: 'personId', message: 'already linked to an account' },
          ]);
        }
      }
      const roles = dto.roles.includes('OFFICER') ? dto.roles : ['OFFICER', ...dto.roles];
      const user = await m.save(
        m.create(User, {
          username: dto.username,
          passwordHash,
          roles,
          personId: dto.personId ?? null,
        }),
      );
      await this.audit.record(m, {
        action: 'USER.CREATE',
        entityType: 'user',
        entityId: user.id,
        details: { roles, personId: user.personId, by: actor.id },
      });
      return toUserDto(user);
    });
  }

  async list(limit: number, cursor: string | undefined): Promise<Page<UserDto>> {
    const after = decodeCursor(cursor, isCursor);
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .orderBy('u.username', 'ASC');
    if (after) qb.where('u.username > :u', { u: after.u });
    const rows = await qb.limit(limit + 1).getMany();
    const page = toPage(rows, limit, toUserDto, (u) => ({ u: u.username }));
    // Accounts are linked to people: listing them is a read of personal data.
    await this.audit.recordStandalone({
      action: 'USER.LIST',
      entityType: 'user',
      details: { ids: page.items.map((u) => u.id) },
    });
    return page;
  }

  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<UserDto> {
    assertNotSelfAdministration(actor.id, id, dto);
    const passwordHash = dto.password ? await bcrypt.hash(dto.password, BCRYPT_ROUNDS) : undefined;
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('USER.NOT_FOUND', 'No such user');
      const changed: string[] = [];
      if (dto.roles !== undefined) {
        user.roles = dto.roles.includes('OFFICER') ? dto.roles : ['OFFICER', ...dto.roles];
        changed.push('roles');
      }
      if (dto.disabled !== undefined) {
        user.disabled = dto.disabled;
        if (!dto.disabled) {
          user.failedLogins = 0;
          user.lockedUntil = null;
        }
        changed.push('disabled');
      }
      if (passwordHash) {
        user.passwordHash = passwordHash;
        user.failedLogins = 0;
        user.lockedUntil = null;
        changed.push('password');
      }
      // Any change to who the user is or may be ends their existing sessions.
      if (changed.length) user.tokenVersion += 1;
      const saved = await m.save(user);
      await this.audit.record(m, {
        action: 'USER.UPDATE',
        entityType: 'user',
        entityId: id,
        details: { changed, roles: dto.roles, disabled: dto.disabled },
      });
      return toUserDto(saved);
    });
  }
}
