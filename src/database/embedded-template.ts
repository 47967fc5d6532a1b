import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A new embedded data directory starts as a copy of a cluster template instead of running initdb.
 *
 * initdb's output depends only on the PostgreSQL build (PGlite's version) and its fixed options,
 * yet in WebAssembly it is most of a new directory's first start: two PGlite instances, the
 * bootstrap and about 2 s of single-user SQL (3.7–4.4 s here, where opening an existing cluster
 * takes 0.7 s). So it runs once per installed PGlite version, into a directory under
 * `node_modules/.cache` (src/tools/embedded-template.ts, run by `npm start`), and each new data
 * directory copies that (about 40 MB, 0.2 s). The copy
 * holds no data and no secrets: the application's schema is still applied by the migrations and
 * secrets.json is written per data directory. Its clusters share one system identifier, which
 * only replication would notice and an embedded database has none.
 */

/** PostgreSQL writes this last in initdb and checks it first at start: its presence is "a cluster". */
const VERSION_FILE = 'PG_VERSION';

export function isCluster(dir: string): boolean {
  return fs.existsSync(path.join(dir, VERSION_FILE));
}

/** The installed PGlite package's directory (node_modules/@electric-sql/pglite). */
function pgliteDir(): string {
  // The package's exports do not include package.json; its main entry is dist/index.cjs.
  return path.resolve(path.dirname(require.resolve('@electric-sql/pglite')), '..');
}

export function pgliteVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(pgliteDir(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** `node_modules/.cache/psr`, beside the package the template is made with: `npm ci` clears both. */
export function defaultTemplateRoot(): string {
  return path.join(pgliteDir(), '..', '..', '.cache', 'psr');
}

/** Per PGlite version, since a cluster is readable only by the PostgreSQL build that made it. */
export function templateName(version: string): string {
  if (!/^[0-9A-Za-z.+-]+$/.test(version)) throw new Error(`Unexpected PGlite version: ${version}`);
  return `pglite-${version}`;
}

/**
 * The template directory `root/name`, made first with `make(dir)` (initdb into an empty directory,
 * then a clean shutdown) when it does not exist. `make` works in a staging directory renamed into
 * place when it is complete, so a template is never seen half made. Processes that make it at the
 * same moment each make their own and the first rename wins.
 */
export async function ensureTemplate(
  root: string,
  name: string,
  make: (dir: string) => Promise<void>,
): Promise<{ dir: string; made: boolean }> {
  const dir = path.join(root, name);
  if (isCluster(dir)) return { dir, made: false };
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(path.join(root, `${name}.making-`));
  try {
    await make(staging);
    if (!isCluster(staging)) throw new Error(`making the cluster template left no ${VERSION_FILE}`);
    try {
      fs.renameSync(staging, dir);
    } catch (err) {
      // Another process renamed its own into place first: use that one.
      if (!isCluster(dir)) throw err;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return { dir, made: true };
}

/**
 * Copies the template's files into `dataDir` (which may already hold secrets.json), PG_VERSION
 * last: a copy cut short leaves no PG_VERSION, so the next start sees a new directory and copies
 * again over what is there. A copy that fails removes what it wrote.
 */
export function copyTemplate(template: string, dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const entries = fs.readdirSync(template).filter((e) => e !== VERSION_FILE);
  const written: string[] = [];
  try {
    for (const entry of [...entries, VERSION_FILE]) {
      const to = path.join(dataDir, entry);
      written.push(to);
      fs.cpSync(path.join(template, entry), to, {
        recursive: true,
        // Copy-on-write where the file system can; a full copy elsewhere. Never a hard link: the
        // cluster's files are written in place.
        mode: fs.constants.COPYFILE_FICLONE,
      });
    }
  } catch (err) {
    for (const to of written) fs.rmSync(to, { recursive: true, force: true });
    throw err;
  }
}
