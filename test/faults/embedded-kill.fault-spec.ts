import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { login, personBody, postJson, report, ServiceProcess, startService } from './harness';

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
    await svc.kill('SIGKILL');

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
});
