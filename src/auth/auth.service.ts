import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { Actor } from '../common/request-context';
import { AuditService } from '../audit/audit.service';
import { Batcher } from '../common/batcher';
import { DUMMY_HASH } from './dummy-hash';
import { preparedQuery } from '../database/prepared';
import { User } from '../users/user.entity';
import { UnauthenticatedError } from './auth.guards';

export class AccountLockedError extends DomainError {
  readonly status = 423;
}

export interface JwtPayload {
  sub: string;
  username: string;
  tv: number;
}

interface TokenUserRow {
  id: string;
  username: string;
  roles: string[];
  person_id: string | null;
  token_version: number;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks a username and password. Repeated failures lock the account for a while; the lock
   * and the failure count live in the database, so they hold across every API process.
   */
  async validateCredentials(username: string, password: string): Promise<Actor> {
    const repo = this.dataSource.getRepository(User);
    const user = await repo.findOne({ where: { username: username.toLowerCase() } });
    const now = new Date();
    if (!user) {
      await bcrypt.compare(password, DUMMY_HASH);
      throw new UnauthenticatedError('AUTH.INVALID_CREDENTIALS', 'Wrong username or password');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new AccountLockedError(
        'AUTH.ACCOUNT_LOCKED',
        `Too many failed attempts: the account is locked until ${user.lockedUntil.toISOString()}`,
      );
    }
    const ok = await bcrypt.compare(password, user.passwordHash);
    if (!ok || user.disabled) {
      if (!ok) await this.recordFailure(user, now);
      throw new UnauthenticatedError('AUTH.INVALID_CREDENTIALS', 'Wrong username or password');
    }
    await this.dataSource.transaction(async (m) => {
      await m.update(
        User,
        { id: user.id },
        { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
      );
      await this.audit.record(m, {
        action: 'AUTH.LOGIN',
        entityType: 'user',
        entityId: user.id,
        actor: this.toActor(user),
      });
    });
    return this.toActor(user);
  }

  private async recordFailure(user: User, now: Date): Promise<void> {
    const { maxFailures, lockMinutes } = this.config.auth;
    await this.dataSource.transaction(async (m) => {
      const rows = await m.query<
        [Array<{ failed_logins: number }>, number] | Array<{ failed_logins: number }>
      >(
        `UPDATE app_user SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
         WHERE id = $1 RETURNING failed_logins`,
        [user.id, maxFailures, new Date(now.getTime() + lockMinutes * 60_000)],
      );
      const list = Array.isArray(rows[0])
        ? (rows[0] as Array<{ failed_logins: number }>)
        : (rows as Array<{ failed_logins: number }>);
      const failures = list[0]?.failed_logins ?? 0;
      await this.audit.record(m, {
        action: failures >= maxFailures ? 'AUTH.ACCOUNT_LOCKED' : 'AUTH.LOGIN_FAILED',
        entityType: 'user',
        entityId: user.id,
        actor: null,
        details: { failures },
      });
      if (failures >= maxFailures)
        this.logger.warn(`Account ${user.id} locked after ${failures} failures`);
    });
  }

  issueToken(actor: Actor & { tokenVersion?: number }): { accessToken: string; expiresIn: number } {
    const payload: JwtPayload = {
      sub: actor.id,
      username: actor.username,
      tv: actor.tokenVersion ?? 0,
    };
    return { accessToken: this.jwt.sign(payload), expiresIn: this.config.auth.jwtTtlSeconds };
  }

  /** Every request re-reads the account: a disabled user or a changed role takes effect at once. */
  async actorForToken(payload: JwtPayload): Promise<(Actor & { tokenVersion: number }) | null> {
    // Only our own signed tokens reach here, but a subject that is not a user id must not fail
    // the batch it would share with other requests' checks.
    if (!isUUID(payload.sub)) return null;
    const user = await this.accounts.load(payload.sub);
    if (!user || user.token_version !== payload.tv) return null;
    return {
      id: user.id,
      username: user.username,
      roles: user.roles,
      personId: user.person_id,
      tokenVersion: user.token_version,
    };
  }

  /**
   * Every authenticated request checks its account (still enabled, token not revoked): the
   * checks of the requests that arrive together are one prepared statement, so under load the
   * token check costs a fraction of a round trip per request. Each request still reads the
   * account after it arrived, so disabling a user or revoking tokens takes effect at once.
   */
  private readonly accounts = new Batcher<string, TokenUserRow | undefined>(async (ids) => {
    const rows = await preparedQuery<TokenUserRow>(
      this.dataSource.manager,
      `SELECT id, username, roles, person_id, token_version FROM app_user
        WHERE id = ANY($1::uuid[]) AND NOT disabled`,
      [[...new Set(ids)]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  });

  toActor(user: User): Actor & { tokenVersion: number } {
    return {
      id: user.id,
      username: user.username,
      roles: user.roles,
      personId: user.personId,
      tokenVersion: user.tokenVersion,
    };
  }
}
