import { Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';
import { withTimeout } from '../common/timeout';
import { APP_CONFIG, AppConfig } from '../config/app-config';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long a login waits for Redis before counting in this process instead. */
const REDIS_TIMEOUT_MS = 500;

/**
 * The login throttle's counters. With REDIS_URL they live in Redis, shared by every API
 * process, so N replicas do not allow N times the attempts. Without it, or while Redis is down
 * or slow, each process counts in its own memory: logins keep working, and the account lockout,
 * stored in the database, still holds across processes. Keys are the throttler's digests (no
 * usernames or addresses in Redis), under QUEUE_PREFIX.
 */
export class LoginThrottleStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('LoginThrottle');
  private readonly memory = new ThrottlerStorageService();
  private redis: Redis | null = null;
  private shared: ThrottlerStorageRedisService | null = null;
  private usingMemory = false;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly redisUrl: string | null,
    private readonly prefix: string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    if (this.redisUrl) await this.firstConnection();
    if (this.shared) {
      try {
        const record = await withTimeout(
          this.shared.increment(
            `${this.prefix}:login-throttle:${key}`,
            ttl,
            limit,
            blockDuration,
            throttlerName,
          ),
          REDIS_TIMEOUT_MS,
        );
        if (this.usingMemory) {
          this.usingMemory = false;
          this.logger.log('Login throttle counting in Redis again');
        }
        return record;
      } catch {
        this.fallBack();
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  /**
   * On the first login, opens the connection and waits up to REDIS_TIMEOUT_MS for it, so the
   * first logins after a start count in Redis; counts in memory if Redis does not answer. Later
   * logins do not wait: while Redis is away a command fails at once and ioredis reconnects.
   */
  private firstConnection(): Promise<void> {
    return (this.connecting ??= (async () => {
      // Loaded here, not at start: without REDIS_URL (embedded mode), and in a worker, which
      // never serves a login, the Redis client is never loaded at all.
      let modules;
      try {
        modules = await Promise.all([
          import('ioredis'),
          import('@nest-lab/throttler-storage-redis'),
        ]);
      } catch {
        return this.fallBack();
      }
      const [{ default: Redis }, { ThrottlerStorageRedisService }] = modules;
      // No offline queue and one retry: a command fails at once while Redis is away. Named, so
      // an operator can tell it from the job queues' connections.
      const redis = new Redis(this.redisUrl!, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        lazyConnect: true,
        connectionName: `${this.prefix}:login-throttle`,
      });
      redis.on('error', () => this.fallBack());
      this.redis = redis;
      this.shared = new ThrottlerStorageRedisService(redis);
      let done: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => {
        done = resolve;
        redis.once('ready', done);
      });
      // A failed connect is reported on 'error' (fallBack) and retried by ioredis.
      redis.connect().catch(() => undefined);
      try {
        await withTimeout(ready, REDIS_TIMEOUT_MS);
      } catch {
        this.fallBack();
      } finally {
        redis.off('ready', done);
      }
    })());
  }

  private fallBack(): void {
    if (this.usingMemory) return;
    this.usingMemory = true;
    this.logger.warn('Redis unavailable: login throttle counting in this process only');
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
    this.redis?.disconnect();
  }
}

/** Provides the storage to the throttler module (a provider, so it is closed at shutdown). */
@Module({
  providers: [
    {
      provide: LoginThrottleStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new LoginThrottleStorage(config.redis.url, config.redis.prefix),
    },
  ],
  exports: [LoginThrottleStorage],
})
export class LoginThrottleStorageModule {}
