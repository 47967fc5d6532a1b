import {
  ConsoleLogger,
  INestApplication,
  INestApplicationContext,
  Logger,
  LogLevel,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig, loadConfig } from './config/app-config';
import { DatabaseRuntime, prepareDatabase } from './database/database-runtime';
import { EmbeddedPostgres } from './database/embedded-postgres';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(config: AppConfig): ConsoleLogger {
  const upTo = LEVELS.indexOf(config.log.level as LogLevel);
  const logger = new ConsoleLogger({ json: config.log.json, logLevels: LEVELS.slice(0, upTo + 1) });
  // Loggers made before the application exists (database start, migrations) use it too.
  Logger.overrideLogger(logger);
  return logger;
}

export interface Started<T> {
  app: T;
  config: AppConfig;
  database: DatabaseRuntime;
  close(): Promise<void>;
}

/** What main.ts did before it loaded the application: the config, and the embedded database started. */
export interface EarlyStart {
  config: AppConfig;
  embedded: Promise<EmbeddedPostgres> | null;
}

/**
 * Validated config → database (embedded or server) with migrations applied under a lock → Nest
 * application configured exactly as in production. Used by main.ts and by the e2e tests.
 */
export async function createApp(
  env: NodeJS.ProcessEnv = process.env,
  extraControllers: Type[] = [],
  early?: EarlyStart,
): Promise<Started<INestApplication>> {
  const config = early?.config ?? loadConfig(env);
  const logger = createLogger(config);
  const database = await prepareDatabase(config, early?.embedded);
  const app = await NestFactory.create(AppModule.forRoot(config, database.url, extraControllers), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app, config);
  await app.init();
  return {
    app,
    config,
    database,
    close: closeOnce(app, database),
  };
}

/** Closes the app, then the embedded database; a second call (SIGINT then SIGTERM) waits. */
function closeOnce(app: INestApplicationContext, database: DatabaseRuntime): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () =>
    (closing ??= (async () => {
      await app.close();
      if (database.embedded) await database.embedded.stop();
    })());
}

/** A worker: the same modules and job handlers, no HTTP listener. */
export async function createWorker(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Started<INestApplicationContext>> {
  const config = { ...loadConfig(env), processJobs: true };
  const logger = createLogger(config);
  const database = await prepareDatabase(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url), {
    logger,
    abortOnError: false,
  });
  await app.init();
  return {
    app,
    config,
    database,
    close: closeOnce(app, database),
  };
}
