import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * An embedded PostgreSQL of a spec's own (not the suite's shared one), on a new data directory,
 * in a child process: PGlite cannot start inside Jest's module sandbox.
 */
export interface Embedded {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startEmbedded(): Promise<Embedded> {
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
    dataDir,
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

/** The suite's settings (secrets) on `db`, with `extra` over them, without Redis (jobs in process). */
export function envFor(db: Embedded, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    DB_POOL_MAX: '1',
    ...extra,
  };
  delete env.REDIS_URL;
  return env;
}
