import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * Throwaway services and processes for the fault suite: a PostgreSQL cluster made with initdb
 * in a temporary directory, a Redis, and the built service (dist/) as child processes, all on
 * free loopback ports so they can be stopped and restarted at will.
 */
const ROOT = path.resolve(__dirname, '..', '..');
export const DEMO_PASSWORD = 'fault-demo-password';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort() : [];
  for (const v of versions.reverse()) {
    const p = path.join(base, v, 'bin', name);
    if (fs.existsSync(p)) return p;
  }
  return name;
}

const asPostgres = (cmd: string, args: string[]) =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

function run(cmd: string, args: string[]): void {
  const [c, a] = asPostgres(cmd, args) as [string, string[]];
  execFileSync(c, a, { stdio: 'pipe' });
}

export interface ThrowawayPostgres {
  url: string;
  port: number;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

export async function startPostgres(): Promise<ThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-fault-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  run(pgBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`;
  const pg: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () =>
      run(pgBin('pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']),
    stop: (mode = 'fast') => run(pgBin('pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']),
    destroy: () => {
      try {
        pg.stop('immediate');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}

export interface ThrowawayRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const redis: ThrowawayRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await waitFor(async () => {
        await new Promise<void>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => {
            s.end();
            resolve();
          });
          s.on('error', reject);
        });
        return true;
      }, 10000);
    },
    async stop() {
      if (!proc) return;
      const p = proc;
      proc = null;
      await new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGKILL');
      });
    },
  };
  await redis.start();
  return redis;
}

/** The servers a fault spec runs against, and the processes it started on them. */
export interface ThrowawayServers {
  readonly pg: ThrowawayPostgres;
  readonly redis: ThrowawayRedis;
  /** Service processes to kill (SIGKILL) after the spec, before the servers stop. */
  readonly procs: ServiceProcess[];
}

/**
 * Called in a `describe` block: a throwaway PostgreSQL (and, with `redis`, a Redis) started
 * before its tests; after them, every process in `procs` is killed and the servers are stopped
 * and removed.
 */
export function throwawayServers(options: { redis?: boolean } = {}): ThrowawayServers {
  let pg: ThrowawayPostgres | undefined;
  let redis: ThrowawayRedis | undefined;
  const procs: ServiceProcess[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    if (options.redis) redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await redis?.stop();
    pg?.destroy();
  });
  const started = <T>(server: T | undefined, name: string): T => {
    if (!server) throw new Error(`${name} is not started (use it inside a test)`);
    return server;
  };
  return {
    get pg() {
      return started(pg, 'PostgreSQL');
    },
    get redis() {
      return started(redis, 'Redis');
    },
    procs,
  };
}

export interface ServiceProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts dist/src/main.js (or worker.js) and waits until it answers /api/health. */
export async function startService(
  env: Record<string, string>,
  opts: { worker?: boolean; waitHealthy?: boolean } = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const script = path.join(ROOT, 'dist', 'src', opts.worker ? 'worker.js' : 'main.js');
  let out = '';
  const proc = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD,
      JWT_SECRET: 'fault-suite-secret-that-is-long-enough-0123456789',
      FIELD_ENCRYPTION_KEYS: `f1:${Buffer.alloc(32, 7).toString('base64')}`,
      BLIND_INDEX_KEY: 'fault-suite-blind-index-key-long-enough-0123456789',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const svc: ServiceProcess = {
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => out,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
  if (!opts.worker && opts.waitHealthy !== false) {
    await waitFor(async () => {
      if (proc.exitCode !== null) throw new Error(`service exited: ${out.slice(-2000)}`);
      const r = await fetch(`${svc.url}/api/health`);
      return r.status === 200;
    }, 60000);
  }
  return svc;
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
      if (err instanceof Error && err.message.startsWith('service exited')) throw err;
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

export async function postJson(
  url: string,
  token: string,
  body: unknown,
  timeoutMs = 10000,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await r.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return { status: r.status, headers: r.headers, body: parsed };
}

export function personBody(staffNumber: string): Record<string, unknown> {
  return {
    staffNumber,
    forenames: 'Fault',
    surname: 'Test',
    dateOfBirth: '1990-01-01',
    gender: 'NOT_RECORDED',
    personType: 'POLICE_STAFF',
    grade: 'Band A',
    unit: 'Fault BCU',
  };
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function report(name: string, counts: Record<string, number>): void {
  process.stdout.write(
    `[fault] ${name}: ${Object.entries(counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}\n`,
  );
}

export function declarationBody(i: number): Record<string, unknown> {
  return {
    becameAwareOn: '2026-01-15',
    associates: [
      {
        fullName: `Associate ${i}`,
        relationship: 'FRIEND',
        reasons: ['CRIMINAL_CONVICTION'],
        current: true,
      },
    ],
  };
}
