import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { login, personBody, postJson, report, ServiceProcess, startService } from './harness';

const ROOT = path.resolve(__dirname, '..', '..');

/** `npm start`'s prestart step: makes the cluster template in `dir`. */
function makeTemplate(dir: string): ReturnType<typeof spawnSync> {
  return spawnSync(
    process.execPath,
    [path.join(ROOT, 'dist', 'src', 'tools', 'embedded-template.js')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', EMBEDDED_TEMPLATE_DIR: dir },
      encoding: 'utf8',
    },
  );
}

// A new embedded data directory is a copy of the install's cluster template
// (src/database/embedded-template.ts), made by `npm start` before the service starts. Here the
// template directory starts empty; then the copy is cut short as a kill would leave it; then the
// template cannot be written at all.
describe('fault: embedded mode on new data directories and the cluster template', () => {
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

  it('runs initdb without a template; copies one once made; each directory has its own data; a torn copy is redone', async () => {
    const first = path.join(tmp, 'first');
    svc = await startService({ DATA_DIR: first, EMBEDDED_TEMPLATE_DIR: templates });
    expect(fs.existsSync(templates)).toBe(false);
    const admin = await login(svc.url, 'admin1');
    const staffNumber = `T${process.pid}`;
    expect(
      (await postJson(`${svc.url}/api/v1/people`, admin, personBody(staffNumber))).status,
    ).toBe(201);
    await svc.kill('SIGTERM');

    expect(makeTemplate(templates).status).toBe(0);
    const [template] = fs.readdirSync(templates);
    expect(template).toMatch(/^pglite-\d/);
    expect(fs.existsSync(path.join(templates, template, 'PG_VERSION'))).toBe(true);

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

    // Made once: the second run finds it.
    expect(makeTemplate(templates).stdout).toBe('');
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

  it('a template that cannot be written: the tool says so and lets npm start go on; initdb in place', async () => {
    const blocked = path.join(tmp, 'not-a-directory');
    fs.writeFileSync(blocked, '');
    const made = makeTemplate(path.join(blocked, 'x'));
    expect(made.status).toBe(0);
    expect(made.stderr).toContain('Could not make the embedded cluster template');
    const dataDir = path.join(tmp, 'no-template');
    svc = await startService({ DATA_DIR: dataDir, EMBEDDED_TEMPLATE_DIR: path.join(blocked, 'x') });
    expect(await peopleCount(svc.url, 'nobody')).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
  });
});
