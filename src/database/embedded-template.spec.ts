import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  copyTemplate,
  defaultTemplateRoot,
  ensureTemplate,
  isCluster,
  pgliteVersion,
  templateName,
} from './embedded-template';

// The file handling around a cluster template, with a stand-in for initdb that writes a few files
// the way a cluster has them (a subdirectory, a config file, PG_VERSION). The real initdb runs in
// the fault suite, which starts the built service on new data directories.
const fakeInitdb = async (dir: string): Promise<void> => {
  fs.mkdirSync(path.join(dir, 'base', '1'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'base', '1', '1259'), 'catalog pages');
  fs.writeFileSync(path.join(dir, 'postgresql.conf'), 'max_connections = 100\n');
  fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
  await Promise.resolve();
};

describe('embedded cluster template', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-template-spec-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is named per PGlite version, from the installed package, under node_modules/.cache', () => {
    expect(pgliteVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(templateName('0.5.14')).toBe('pglite-0.5.14');
    expect(() => templateName('../../etc')).toThrow('Unexpected PGlite version');
    expect(defaultTemplateRoot()).toBe(path.resolve('node_modules', '.cache', 'psr'));
  });

  it('is made once, then reused without running initdb again', async () => {
    let runs = 0;
    const make = async (dir: string) => {
      runs++;
      await fakeInitdb(dir);
    };
    const first = await ensureTemplate(tmp, 'pglite-x', make);
    const second = await ensureTemplate(tmp, 'pglite-x', make);
    expect(first).toEqual({ dir: path.join(tmp, 'pglite-x'), made: true });
    expect(second).toEqual({ dir: path.join(tmp, 'pglite-x'), made: false });
    expect(runs).toBe(1);
    // No staging directory is left beside it.
    expect(fs.readdirSync(tmp)).toEqual(['pglite-x']);
  });

  it('made by two processes at once: both get the one that was renamed into place', async () => {
    const [a, b] = await Promise.all([
      ensureTemplate(tmp, 'pglite-x', fakeInitdb),
      ensureTemplate(tmp, 'pglite-x', fakeInitdb),
    ]);
    expect(a.dir).toBe(b.dir);
    expect(isCluster(a.dir)).toBe(true);
    expect(fs.readdirSync(tmp)).toEqual(['pglite-x']);
  });

  it('a failed initdb leaves no template and no staging directory, and says why', async () => {
    const failing = async (dir: string) => {
      fs.writeFileSync(path.join(dir, 'postgresql.conf'), '');
      await Promise.reject(new Error('initdb: out of memory'));
    };
    await expect(ensureTemplate(tmp, 'pglite-x', failing)).rejects.toThrow('out of memory');
    const noVersion = async (dir: string) => {
      fs.writeFileSync(path.join(dir, 'postgresql.conf'), '');
      await Promise.resolve();
    };
    await expect(ensureTemplate(tmp, 'pglite-x', noVersion)).rejects.toThrow('left no PG_VERSION');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('is copied into a new data directory beside what is there, as independent files', async () => {
    const { dir } = await ensureTemplate(tmp, 'pglite-x', fakeInitdb);
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'secrets.json'), '{}');
    expect(isCluster(dataDir)).toBe(false);
    copyTemplate(dir, dataDir);
    expect(isCluster(dataDir)).toBe(true);
    expect(fs.readdirSync(dataDir).sort()).toEqual([
      'PG_VERSION',
      'base',
      'postgresql.conf',
      'secrets.json',
    ]);
    // Writing to the data directory's copy leaves the template as it was.
    fs.writeFileSync(path.join(dataDir, 'base', '1', '1259'), 'the register');
    expect(fs.readFileSync(path.join(dir, 'base', '1', '1259'), 'utf8')).toBe('catalog pages');
  });

  it('a copy cut short (no PG_VERSION yet) is copied again over at the next start', async () => {
    const { dir } = await ensureTemplate(tmp, 'pglite-x', fakeInitdb);
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(path.join(dataDir, 'base', '1'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'base', '1', '1259'), 'torn');
    expect(isCluster(dataDir)).toBe(false);
    copyTemplate(dir, dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'base', '1', '1259'), 'utf8')).toBe('catalog pages');
    expect(isCluster(dataDir)).toBe(true);
  });

  it('a copy that fails removes what it wrote, so PGlite can run initdb there instead', async () => {
    const { dir } = await ensureTemplate(tmp, 'pglite-x', fakeInitdb);
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'secrets.json'), '{}');
    // PG_VERSION, copied last, cannot be written: a directory of that name is in the way.
    fs.mkdirSync(path.join(dataDir, 'PG_VERSION', 'x'), { recursive: true });
    expect(() => copyTemplate(dir, dataDir)).toThrow();
    expect(fs.readdirSync(dataDir)).toEqual(['secrets.json']);
  });
});
