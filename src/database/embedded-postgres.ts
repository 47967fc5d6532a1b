import { ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { acquireDataDirLock } from './data-dir-lock';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Messages between the service and its database process (embedded-postgres.process.ts). */
export type ToDatabase = { kind: 'stop' };
export type FromDatabase =
  | { kind: 'log'; level: 'log' | 'warn'; message: string }
  | { kind: 'ready'; url: string }
  | { kind: 'failed'; message: string };

const STOP_TIMEOUT_MS = 15000;

/**
 * Embedded mode's PostgreSQL (PGlite, embedded-cluster.ts) in a process of its own, started and
 * stopped by this one, holding the data directory's lock for it. A process of its own because
 * then the service loads its modules while PGlite opens (0.2–0.3 s of a 2.2–2.7 s start on a
 * 2-core machine, where both share the cores), and a query's PostgreSQL work no longer holds up
 * the service's event loop.
 * If the database process dies while the service runs, the service cannot go on: it exits, as a
 * service whose database server has gone would fail every request until restarted.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  templateRoot: string,
): Promise<EmbeddedPostgres> {
  const lock = await acquireDataDirLock(dataDir);
  let child: ChildProcess;
  try {
    child = fork(databaseProcessScript(), [dataDir, templateRoot], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Not the service's own flags: --inspect, say, would clash on its port.
      execArgv: [],
    });
  } catch (err) {
    lock.release();
    throw err;
  }
  lock.setHelper(child.pid!);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: FromDatabase) => {
      if (message.kind === 'log') void log(message.level, message.message);
      else if (message.kind === 'ready') resolve(message.url);
      else if (message.kind === 'failed') {
        reject(new Error(`The embedded database in ${dataDir} did not start: ${message.message}`));
      }
    });
    // Startup errors reject; later ones (a message to a process that has just died) are
    // followed by its 'exit', handled below.
    child.on('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`The embedded database process exited (${signal ?? code}) while starting`)),
    );
  }).catch(async (err: Error) => {
    child.kill('SIGKILL');
    await exited;
    lock.release();
    throw err;
  });
  child.once('exit', (code, signal) => {
    lock.release();
    if (stopping) return;
    void log('fatal', `The embedded database process stopped (${signal ?? code}): exiting`).finally(
      () => process.exit(1),
    );
  });
  void log('log', `Embedded PostgreSQL ready on ${new URL(url).host} (process ${child.pid})`);
  return {
    url,
    async stop() {
      if (stopping) return exited;
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ kind: 'stop' } satisfies ToDatabase);
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      lock.release();
    },
  };
}

/** The embedded database `config` asks for: started when there is no DATABASE_URL, else null. */
export function embeddedFor(config: AppConfig): Promise<EmbeddedPostgres> | null {
  return config.database.url
    ? null
    : startEmbeddedPostgres(config.database.dataDir, config.database.templateDir!);
}

/**
 * Logs through Nest's logger, loaded when the first message comes rather than with this module:
 * the service starts this process before it loads its own modules (main.ts), Nest among them.
 */
async function log(level: 'log' | 'warn' | 'fatal', message: string): Promise<void> {
  const nest: { Logger: typeof Logger } = await import('@nestjs/common');
  new nest.Logger('EmbeddedPostgres')[level](message);
}

/** The compiled entry beside this file: the service runs from dist/, never from TypeScript. */
function databaseProcessScript(): string {
  const script = path.join(__dirname, 'embedded-postgres.process.js');
  if (!fs.existsSync(script)) {
    throw new Error(`Embedded mode runs from the built service (npm run build): no ${script}`);
  }
  return script;
}
