import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { login, personBody, postJson, report, ServiceProcess, startService } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');

// Two processes on one embedded data directory would both open its files (PGlite's own lock
// cannot tell them apart): the second is refused, and the first goes on unharmed.
describe('fault: a second process on a running embedded data directory', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-fault-lock-'));
  let first: ServiceProcess | null = null;
  let second: ServiceProcess | null = null;
  afterAll(async () => {
    await second?.kill('SIGKILL');
    await first?.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is refused with the holder named; the first keeps serving and keeps its data', async () => {
    first = await startService({ DATA_DIR: dataDir });
    const admin = await login(first.url, 'admin1');
    const staffNumber = `L${process.pid}`;
    expect(
      (await postJson(`${first.url}/api/v1/people`, admin, personBody(staffNumber))).status,
    ).toBe(201);

    // Another service on another port.
    second = await startService({ DATA_DIR: dataDir }, { waitHealthy: false });
    const code = await new Promise<number | null>((resolve) => {
      if (second!.proc.exitCode !== null) return resolve(second!.proc.exitCode);
      second!.proc.once('exit', (c) => resolve(c));
    });
    expect(code).toBe(1);
    expect(second.output()).toContain(`in use by process ${first.proc.pid}`);

    // The migration tool, which opens the same embedded database.
    const cli = spawnSync(
      process.execPath,
      [path.join(ROOT, 'dist', 'src', 'database', 'migration-cli.js'), 'run'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
        encoding: 'utf8',
      },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`in use by process ${first.proc.pid}`);

    const psd = await login(first.url, 'psd1');
    const r = await fetch(`${first.url}/api/v1/people?staffNumber=${staffNumber}`, {
      headers: { authorization: `Bearer ${psd}` },
    });
    const present = ((await r.json()) as { items: unknown[] }).items.length;
    report('embedded lock', { refused: 2, firstStillServing: r.status === 200 ? 1 : 0, present });
    expect(r.status).toBe(200);
    expect(present).toBe(1);

    // Stopped cleanly, the directory is free again.
    await first.kill('SIGTERM');
    expect(fs.existsSync(path.join(dataDir, 'embedded.pid'))).toBe(false);
    first = await startService({ DATA_DIR: dataDir });
  });

  it('a data directory PGlite cannot open: exits 1 naming it, and leaves no lock behind', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-fault-bad-'));
    fs.writeFileSync(path.join(bad, 'PG_VERSION'), '9\n');
    const svc = await startService({ DATA_DIR: bad }, { waitHealthy: false });
    const code = await new Promise<number | null>((resolve) => svc.proc.once('exit', resolve));
    expect(code).toBe(1);
    expect(svc.output()).toContain(`The embedded database in ${bad} did not start`);
    expect(fs.existsSync(path.join(bad, 'embedded.pid'))).toBe(false);
    fs.rmSync(bad, { recursive: true, force: true });
  });
});
