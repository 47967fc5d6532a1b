import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createWorker } from './bootstrap';
import { exitOnStartupFailure } from './startup-failure';

/** `npm run start:worker`: consumes the Bull queues (REDIS_URL) without serving HTTP. */
async function main(): Promise<void> {
  const started = await createWorker();
  new Logger('Worker').log(
    started.config.redis.url
      ? 'Worker consuming Bull queues'
      : 'Worker running the outbox in process (no REDIS_URL)',
  );
  const stop = () => {
    void started.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(exitOnStartupFailure);
