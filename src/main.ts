import 'reflect-metadata';
import { loadConfig } from './config/app-config';
import { embeddedFor } from './database/embedded-postgres';
import { exitOnStartupFailure } from './startup-failure';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Embedded mode: the database process starts first, and PGlite opens while this process loads
  // the application's modules (the imports below), each on its own core.
  const embedded = embeddedFor(config);
  // Awaited in createApp; a failure is reported from there.
  embedded?.catch(() => undefined);
  const [{ createApp }, { benchControllers }, { Logger }] = await Promise.all([
    import('./bootstrap'),
    import('./bench/baseline.controller'),
    import('@nestjs/common'),
  ]);
  const started = await createApp(process.env, benchControllers(process.env), {
    config,
    embedded,
  });
  const { app } = started;
  await app.listen(config.port, '0.0.0.0');
  const url = `http://localhost:${config.port}`;
  new Logger('Main').log(
    `Listening on ${url} (${config.database.url ? 'PostgreSQL server' : `embedded PostgreSQL in ${config.database.dataDir}`}, ` +
      `${config.redis.url ? 'Bull on Redis' : 'jobs in process'}); API docs at ${url}/api/docs`,
  );
  const stop = () => {
    void started.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(exitOnStartupFailure);
