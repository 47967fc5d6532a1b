import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Bull from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { todayIso } from '../calendar/domain/dates';
import { JOBS, QUEUES, QueueName } from './job-names';
import { JobRegistry } from './job-registry';
import { withTimeout } from '../common/timeout';

const MAX_ATTEMPTS = 5;
const RELAY_INTERVAL_MS = 1000;
const DAILY_CHECK_MS = 60 * 60 * 1000;
const REDIS_TIMEOUT_MS = 2000;

interface OutboxRow {
  id: string;
  queue: QueueName;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Jobs go through a transactional outbox: `enqueue` writes a row in the caller's transaction; a
 * relay then hands it to Bull (REDIS_URL set) or runs it in this process (no REDIS_URL). Several
 * API processes relay safely (SKIP LOCKED, Bull job id = outbox id), and a submission succeeds
 * while Redis is down: its jobs wait in PostgreSQL until Redis returns.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobsService.name);
  private readonly queues = new Map<QueueName, Bull.Queue>();
  private relayTimer: NodeJS.Timeout | null = null;
  private dailyTimer: NodeJS.Timeout | null = null;
  private startupTimer: NodeJS.Timeout | null = null;
  private relaying: Promise<void> | null = null;
  private rerun = false;
  private stopping = false;
  private readonly running = new Set<Promise<void>>();
  private readonly progress = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
  ) {}

  get mode(): 'bull' | 'in-process' {
    return this.config.redis.url ? 'bull' : 'in-process';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.redis.url) {
      // Loaded only with REDIS_URL: embedded mode never loads Bull or its Redis client.
      const { default: Bull } = await import('bull');
      for (const name of Object.values(QUEUES)) {
        const queue = new Bull(name, this.config.redis.url, {
          prefix: this.config.redis.prefix,
          // A worker that dies holds its job's lock until it expires; then the job is retried.
          settings: {
            lockDuration: this.config.redis.lockMs,
            stalledInterval: this.config.redis.lockMs,
          },
          defaultJobOptions: {
            attempts: MAX_ATTEMPTS,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: 1000,
            removeOnFail: 5000,
          },
        });
        queue.on('error', (err) => this.logger.warn(`Queue ${name}: ${err.message}`));
        this.queues.set(name, queue);
        if (this.config.processJobs) this.consume(queue);
      }
      if (this.config.processJobs && this.config.scheduler) {
        // A repeatable job: Bull keeps one schedule however many processes add it.
        void this.queues
          .get(QUEUES.DEFAULT)!
          .add(JOBS.DAILY, {}, { repeat: { cron: '5 * * * *' }, jobId: JOBS.DAILY })
          .catch((err: Error) => this.logger.warn(`Could not schedule daily job: ${err.message}`));
      }
    } else if (this.config.processJobs && this.config.scheduler) {
      this.dailyTimer = setInterval(() => void this.runDailyTasks(), DAILY_CHECK_MS);
      this.dailyTimer.unref();
    }
    this.registry.register(JOBS.DAILY, async () => {
      await this.runDailyTasks();
    });
    this.relayTimer = setInterval(() => this.wake(), RELAY_INTERVAL_MS);
    this.relayTimer.unref();
    this.wake();
    if (this.config.processJobs && this.config.scheduler) {
      // Catch up on start: the claim in scheduled_run keeps it to once a day across processes.
      this.startupTimer = setTimeout(() => void this.runDailyTasks().catch(() => undefined), 2000);
      this.startupTimer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.relayTimer) clearInterval(this.relayTimer);
    if (this.dailyTimer) clearInterval(this.dailyTimer);
    if (this.startupTimer) clearTimeout(this.startupTimer);
    await this.relaying;
    await Promise.allSettled([...this.running]);
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
  }

  /** Writes a job in the caller's transaction. Call `wake()` after commit to relay it at once. */
  async enqueue(
    manager: EntityManager,
    queue: QueueName,
    name: string,
    payload: Record<string, unknown>,
  ): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO job_outbox (queue, name, payload) VALUES ($1, $2, $3) RETURNING id`,
      [queue, name, JSON.stringify(payload)],
    );
    return rows[0].id;
  }

  /** Asks the relay to run now (coalesced: at most one pass at a time, one more if asked). */
  wake(): void {
    if (this.stopping) return;
    if (this.relaying) {
      this.rerun = true;
      return;
    }
    this.relaying = this.relayOnce()
      .catch((err: Error) => this.logger.warn(`Outbox relay: ${err.message}`))
      .finally(() => {
        this.relaying = null;
        if (this.rerun && !this.stopping) {
          this.rerun = false;
          this.wake();
        }
      });
  }

  /** Waits until every outbox row is finished (tests and graceful shutdown). */
  async drain(timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM job_outbox WHERE completed_at IS NULL AND failed_at IS NULL`,
      );
      if (n === 0) return;
      if (Date.now() > deadline) throw new Error(`${n} jobs still pending after ${timeoutMs} ms`);
      this.wake();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  jobProgress(outboxId: string): number | undefined {
    return this.progress.get(outboxId);
  }

  async queueHealthy(): Promise<boolean> {
    if (!this.config.redis.url) return true;
    try {
      const client = this.queues.get(QUEUES.DEFAULT)!.client;
      await withTimeout(client.ping(), REDIS_TIMEOUT_MS);
      return true;
    } catch {
      return false;
    }
  }

  /** Runs each registered daily task at most once per day across all processes. */
  async runDailyTasks(today: string = todayIso()): Promise<Record<string, unknown>> {
    const results: Record<string, unknown> = {};
    for (const [name, task] of this.registry.dailyTasks()) {
      const claimed = await this.dataSource.query<unknown[]>(
        `INSERT INTO scheduled_run (job, run_on) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`,
        [name, today],
      );
      if (claimed.length === 0) continue;
      try {
        const result = (await task(today)) ?? {};
        results[name] = result;
        await this.dataSource.query(
          `UPDATE scheduled_run SET finished_at = now(), result = $3 WHERE job = $1 AND run_on = $2`,
          [name, today, JSON.stringify(result)],
        );
        this.logger.log(`Daily task ${name} ran for ${today}`);
      } catch (err) {
        // Release the claim so a later pass retries today's run.
        await this.dataSource.query(`DELETE FROM scheduled_run WHERE job = $1 AND run_on = $2`, [
          name,
          today,
        ]);
        this.logger.error(`Daily task ${name} failed: ${(err as Error).message}`);
      }
    }
    return results;
  }

  private async relayOnce(): Promise<void> {
    const claimed = await this.dataSource.transaction(async (m) => {
      const rows = await m.query<OutboxRow[]>(
        `SELECT id, queue, name, payload, attempts FROM job_outbox
          WHERE dispatched_at IS NULL AND available_at <= now()
          ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED`,
      );
      const done: OutboxRow[] = [];
      for (const row of rows) {
        if (this.config.redis.url) {
          const queue = this.queues.get(row.queue);
          if (!queue) continue;
          try {
            await withTimeout(
              queue.add(row.name, { outboxId: row.id, ...row.payload }, { jobId: row.id }),
              REDIS_TIMEOUT_MS,
            );
          } catch (err) {
            this.logger.warn(
              `Redis unavailable, job ${row.id} stays in the outbox: ${(err as Error).message}`,
            );
            break;
          }
        } else if (!this.config.processJobs) {
          continue;
        }
        await m.query(`UPDATE job_outbox SET dispatched_at = now() WHERE id = $1`, [row.id]);
        done.push(row);
      }
      return done;
    });
    if (!this.config.redis.url) {
      for (const row of claimed) this.track(this.runInProcess(row));
    }
  }

  private track(p: Promise<void>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  private async runInProcess(row: OutboxRow): Promise<void> {
    const attempt = row.attempts + 1;
    try {
      await this.registry.handler(row.name)(row.payload, {
        attempt,
        progress: (pct) => {
          this.progress.set(row.id, pct);
          return Promise.resolve();
        },
      });
      await this.dataSource.query(
        `UPDATE job_outbox SET completed_at = now(), attempts = $2 WHERE id = $1`,
        [row.id, attempt],
      );
    } catch (err) {
      const message = (err as Error).message.slice(0, 500);
      this.logger.warn(`Job ${row.name} ${row.id} attempt ${attempt} failed: ${message}`);
      if (attempt >= MAX_ATTEMPTS) {
        await this.dataSource.query(
          `UPDATE job_outbox SET failed_at = now(), attempts = $2, last_error = $3 WHERE id = $1`,
          [row.id, attempt, message],
        );
      } else {
        const delayMs = 1000 * 2 ** (attempt - 1);
        await this.dataSource.query(
          `UPDATE job_outbox SET dispatched_at = NULL, attempts = $2, last_error = $3,
             available_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`,
          [row.id, attempt, message, String(delayMs)],
        );
      }
    } finally {
      this.progress.delete(row.id);
    }
  }

  private consume(queue: Bull.Queue): void {
    void queue.process('*', 2, async (job: Bull.Job<Record<string, unknown>>) => {
      const { outboxId, ...payload } = job.data;
      let paused = false;
      await this.registry.handler(job.name)(payload, {
        attempt: job.attemptsMade + 1,
        progress: async (pct) => {
          await job.progress(pct);
          if (this.config.faultPauseAtProgressMs > 0 && !paused && job.attemptsMade === 0) {
            paused = true;
            await new Promise((r) => setTimeout(r, this.config.faultPauseAtProgressMs));
          }
        },
      });
      if (typeof outboxId === 'string') {
        await this.dataSource.query(
          `UPDATE job_outbox SET completed_at = now(), attempts = $2 WHERE id = $1`,
          [outboxId, job.attemptsMade + 1],
        );
      }
    });
    queue.on('failed', (job, err) => {
      const outboxId = (job.data as { outboxId?: string }).outboxId;
      this.logger.warn(
        `Job ${job.name} ${job.id} attempt ${job.attemptsMade} failed: ${err.message}`,
      );
      if (outboxId && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        void this.dataSource
          .query(`UPDATE job_outbox SET failed_at = now(), last_error = $2 WHERE id = $1`, [
            outboxId,
            err.message.slice(0, 500),
          ])
          .catch(() => undefined);
      }
    });
  }
}
