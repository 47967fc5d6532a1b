import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  login,
  personBody,
  postJson,
  report,
  ServiceProcess,
  startService,
  waitFor,
} from './harness';

/** The embedded database process's pid, from the data directory's lock (embedded.pid). */
function databaseProcess(dataDir: string): number {
  const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'embedded.pid'), 'utf8')) as {
    helper: { pid: number };
  };
  return lock.helper.pid;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('fault: embedded mode killed with SIGKILL right after acknowledged writes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-fault-embedded-'));
  let svc: ServiceProcess | null = null;
  afterAll(async () => {
    await svc?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write', async () => {
    svc = await startService({ DATA_DIR: dataDir });
    const admin = await login(svc.url, 'admin1');
    const acknowledged: string[] = [];
    for (let i = 0; i < 40; i++) {
      const staffNumber = `K${process.pid}${i}`;
      const r = await postJson(`${svc.url}/api/v1/people`, admin, personBody(staffNumber));
      if (r.status === 201) acknowledged.push(staffNumber);
    }
    const helper = databaseProcess(dataDir);
    await svc.kill('SIGKILL');
    // Its database process notices the service has gone and stops too: it never outlives it.
    await waitFor(async () => Promise.resolve(!running(helper)), 10000);

    svc = await startService({ DATA_DIR: dataDir });
    const psd = await login(svc.url, 'psd1');
    let present = 0;
    for (const staffNumber of acknowledged) {
      const r = await fetch(`${svc.url}/api/v1/people?staffNumber=${staffNumber}`, {
        headers: { authorization: `Bearer ${psd}` },
      });
      const body = (await r.json()) as { items: unknown[] };
      if (body.items.length === 1) present++;
    }
    report('embedded SIGKILL', {
      acknowledged: acknowledged.length,
      present,
      lost: acknowledged.length - present,
    });
    expect(acknowledged.length).toBe(40);
    expect(present).toBe(acknowledged.length);
  });

  it('stops the service when its database process is killed; a restart has every write', async () => {
    svc ??= await startService({ DATA_DIR: dataDir });
    const admin = await login(svc.url, 'admin1');
    const staffNumber = `D${process.pid}`;
    expect(
      (await postJson(`${svc.url}/api/v1/people`, admin, personBody(staffNumber))).status,
    ).toBe(201);
    const exited = new Promise<number | null>((resolve) => svc!.proc.once('exit', resolve));
    process.kill(databaseProcess(dataDir), 'SIGKILL');
    // Not a service answering 503 for ever: it exits, for its supervisor to restart.
    expect(await exited).toBe(1);
    expect(svc.output()).toContain('The embedded database process stopped');

    svc = await startService({ DATA_DIR: dataDir });
    const psd = await login(svc.url, 'psd1');
    const r = await fetch(`${svc.url}/api/v1/people?staffNumber=${staffNumber}`, {
      headers: { authorization: `Bearer ${psd}` },
    });
    const present = ((await r.json()) as { items: unknown[] }).items.length;
    report('embedded database process SIGKILL', { acknowledged: 1, present, lost: 1 - present });
    expect(present).toBe(1);
  });
});
