import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { login, personBody, postJson, report, ServiceProcess, startService } from './harness';

// A new embedded data directory is a copy of the install's cluster template
// (src/database/embedded-template.ts). Here the template directory starts empty, so the first
// start makes it; the copy is cut short as a kill would leave it; and the template cannot be
// written at all.
describe('fault: embedded mode on new data directories from the cluster template', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-fault-template-'));
  const templates = path.join(tmp, 'templates');
  let svc: ServiceProcess | null = null;
  afterEach(async () => {
    await svc?.kill('SIGTERM');
    svc = null;
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function peopleCount(url: string, staffNumber: string): Promise<number> {
    const psd = await login(url, 'psd1');
    const r = await fetch(`${url}/api/v1/people?staffNumber=${staffNumber}`, {
      headers: { authorization: `Bearer ${psd}` },
    });
    expect(r.status).toBe(200);
    return ((await r.json()) as { items: unknown[] }).items.length;
  }

  it('makes the template once, gives each directory its own cluster, and redoes a torn copy', async () => {
    const first = path.join(tmp, 'first');
    svc = await startService({ DATA_DIR: first, EMBEDDED_TEMPLATE_DIR: templates });
    const [template] = fs.readdirSync(templates);
    expect(template).toMatch(/^pglite-\d/);
    expect(fs.existsSync(path.join(templates, template, 'PG_VERSION'))).toBe(true);
    const admin = await login(svc.url, 'admin1');
    const staffNumber = `T${process.pid}`;
    expect(
      (await postJson(`${svc.url}/api/v1/people`, admin, personBody(staffNumber))).status,
    ).toBe(201);
    await svc.kill('SIGTERM');

    // What a kill during the copy leaves: some of the cluster's files, and PG_VERSION (copied
    // last) missing.
    const torn = path.join(tmp, 'torn');
    fs.mkdirSync(torn);
    fs.cpSync(path.join(templates, template, 'global'), path.join(torn, 'global'), {
      recursive: true,
    });
    fs.writeFileSync(path.join(torn, 'global', 'pg_control'), 'torn write');
    svc = await startService({ DATA_DIR: torn, EMBEDDED_TEMPLATE_DIR: templates });
    const inTorn = await peopleCount(svc.url, staffNumber);
    await svc.kill('SIGTERM');

    // The template was not written to by either directory's writes.
    expect(fs.readdirSync(templates)).toEqual([template]);
    svc = await startService({ DATA_DIR: first, EMBEDDED_TEMPLATE_DIR: templates });
    const inFirst = await peopleCount(svc.url, staffNumber);

    report('embedded template', {
      templates: 1,
      written: 1,
      presentAfterRestart: inFirst,
      inOtherDirectory: inTorn,
    });
    expect(inFirst).toBe(1);
    expect(inTorn).toBe(0);
  });

  it('starts without a template when none can be made (initdb in the data directory)', async () => {
    const blocked = path.join(tmp, 'not-a-directory');
    fs.writeFileSync(blocked, '');
    const dataDir = path.join(tmp, 'no-template');
    svc = await startService({ DATA_DIR: dataDir, EMBEDDED_TEMPLATE_DIR: path.join(blocked, 'x') });
    expect(svc.output()).toContain('No cluster template');
    expect(await peopleCount(svc.url, 'nobody')).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
  });
});
