import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * A database of a spec's own (never the suite's shared one), new and empty, on the same kind of
 * PostgreSQL the suite runs on: under `npm test` an embedded PGlite on a new data directory (in
 * a child process: PGlite cannot start inside Jest's module sandbox); under `npm run
 * test:services` a new database on the server, dropped by `stop`.
 */
export interface ScratchDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startScratchDatabase(): Promise<ScratchDatabase> {
  return process.env.PSR_TEST_EMBEDDED ? startEmbedded() : createOnServer();
}

async function startEmbedded(): Promise<ScratchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-embedded-'));
  const proc: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, 'pglite-server.js'), dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    proc.once('exit', (code) => reject(new Error(`pglite-server exited ${code}: ${err}`)));
  });
  return {
    url,
    embedded: true,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

let created = 0;

/** A new database beside the suite's own, on the server its DATABASE_URL names. */
async function createOnServer(): Promise<ScratchDatabase> {
  const suite = process.env.DATABASE_URL;
  if (!suite) throw new Error('DATABASE_URL is not set: the suite has no server');
  const name = `psr_scratch_${process.pid}_${Date.now()}_${++created}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: suite });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(suite);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    stop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The suite's settings (secrets) on `db`, with `extra` over them, without Redis (jobs in process). */
export function envFor(db: ScratchDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    // PGlite serves one connection at a time.
    DB_POOL_MAX: db.embedded ? '1' : '4',
    ...extra,
  };
  delete env.REDIS_URL;
  return env;
}
