import { Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
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
  private readonly redis: Redis | null;
  private readonly shared: ThrottlerStorageRedisService | null;
  private usingMemory = false;

  constructor(
    redisUrl: string | null,
    private readonly prefix: string,
  ) {
    if (!redisUrl) {
      this.redis = null;
      this.shared = null;
      return;
    }
    // No offline queue and one retry: a command fails at once while Redis is away.
    this.redis = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    this.redis.on('error', () => this.fallBack());
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
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
   * Waits up to `ms` for the first connection to Redis, so the first logins after a start count
   * in Redis; starts anyway (counting in memory) if Redis does not answer.
   */
  async connected(ms: number): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    let done: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      done = resolve;
      redis.once('ready', done);
    });
    try {
      await withTimeout(ready, ms);
    } catch {
      this.fallBack();
    } finally {
      redis.off('ready', done);
    }
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
      useFactory: async (config: AppConfig) => {
        const storage = new LoginThrottleStorage(config.redis.url, config.redis.prefix);
        await storage.connected(2000);
        return storage;
      },
    },
  ],
  exports: [LoginThrottleStorage],
})
export class LoginThrottleStorageModule {}
