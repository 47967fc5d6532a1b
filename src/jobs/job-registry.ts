import { Injectable, Logger } from '@nestjs/common';

export interface JobContext {
  /** 0..100; persisted by Bull, or kept in memory in process. */
  progress(percent: number): Promise<void>;
  attempt: number;
}

export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;
export type DailyTask = (today: string) => Promise<Record<string, unknown> | void>;

/**
 * Feature modules register their job handlers and daily tasks here on start-up; Bull workers and
 * the in-process runner look handlers up by name, so the work itself never depends on Redis.
 */
@Injectable()
export class JobRegistry {
  private readonly logger = new Logger(JobRegistry.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly daily = new Map<string, DailyTask>();

  register(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`Job handler ${name} registered twice`);
    this.handlers.set(name, handler);
  }

  registerDaily(name: string, task: DailyTask): void {
    if (this.daily.has(name)) throw new Error(`Daily task ${name} registered twice`);
    this.daily.set(name, task);
  }

  handler(name: string): JobHandler {
    const h = this.handlers.get(name);
    if (!h) {
      this.logger.error(`No handler for job ${name}`);
      throw new Error(`No handler for job ${name}`);
    }
    return h;
  }

  dailyTasks(): Array<[string, DailyTask]> {
    return [...this.daily.entries()];
  }
}
