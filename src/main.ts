import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { benchControllers } from './bench/baseline.controller';
import { createApp } from './bootstrap';
import { ConfigValidationError } from './config/env.validation';
import { DataDirInUseError } from './database/data-dir-lock';

async function main(): Promise<void> {
  const started = await createApp(process.env, benchControllers(process.env));
  const { app, config } = started;
  await app.listen(config.port, '0.0.0.0');
  const url = `http://localhost:${config.port}`;
  const logger = new Logger('Main');
  logger.log(
    `Listening on ${url} (${config.database.url ? 'PostgreSQL server' : `embedded PostgreSQL in ${config.database.dataDir}`}, ` +
      `${config.redis.url ? 'Bull on Redis' : 'jobs in process'}); API docs at ${url}/api/docs`,
  );
  const stop = () => {
    void started.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: Error) => {
  if (err instanceof ConfigValidationError || err instanceof DataDirInUseError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${err.stack ?? err.message}\n`);
  }
  process.exit(1);
});
