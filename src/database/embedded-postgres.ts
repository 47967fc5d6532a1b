import { Logger } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import EMBEDDED from './embedded-postgres.json';
import { acquireDataDirLock } from './data-dir-lock';
import {
  copyTemplate,
  ensureTemplate,
  isCluster,
  pgliteVersion,
  templateName,
} from './embedded-template';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL compiled to WebAssembly (PGlite) with its data in `dataDir` and serves it on
 * a random loopback port, so the application talks to it with the ordinary `pg` driver: one code
 * path and one set of migrations for embedded and server modes. PGlite runs one query at a time,
 * so callers keep their pool at one connection. A new data directory is first filled from the
 * cluster template under `templateRoot` (embedded-template.ts).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  templateRoot: string,
): Promise<EmbeddedPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  const lock = acquireDataDirLock(dataDir);
  let db: PGlite | null = null;
  let server: PGLiteSocketServer | null = null;
  try {
    if (!isCluster(dataDir)) await fillFromTemplate(dataDir, templateRoot, logger);
    db = await PGlite.create({ dataDir, startParams: embeddedStartParams() });
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
  } catch (err) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw err;
  }
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  logger.log(`Embedded PostgreSQL ready on ${server.getServerConn()}`);
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
        await db.close();
      } finally {
        lock.release();
      }
    },
  };
}

/**
 * Copies the cluster template into a new data directory, making the template first if this
 * installation has none. Without a usable template (a read-only node_modules, say) PGlite runs
 * initdb into the data directory itself, as it would on its own: slower, same result.
 */
async function fillFromTemplate(dataDir: string, root: string, logger: Logger): Promise<void> {
  try {
    const t0 = Date.now();
    const template = await ensureTemplate(root, templateName(pgliteVersion()), makeTemplate);
    if (template.made)
      logger.log(`Made the cluster template ${template.dir} in ${Date.now() - t0} ms`);
    copyTemplate(template.dir, dataDir);
  } catch (err) {
    logger.warn(`No cluster template (${(err as Error).message}): running initdb in ${dataDir}`);
  }
}

/** initdb into `dir` (PGlite runs it for a directory with no cluster), then a clean shutdown. */
export async function makeTemplate(dir: string): Promise<void> {
  const db = await PGlite.create({ dataDir: dir, startParams: embeddedStartParams() });
  await db.close();
}

/**
 * PGlite's own start parameters and ours after them (embedded-postgres.json, also read by the
 * test suite's embedded databases). PostgreSQL's defaults size shared memory for a server (128 MB
 * of buffers, 100 connections), and PGlite touches memory in proportion as it starts. It is one
 * session serving this one process, over a register of a few megabytes: with 32 MB and 10, an
 * existing data directory's PGlite start made about 39k page faults instead of 67k, which is
 * most of that start on a machine where first touching memory is slow. A setting given here wins
 * over the data directory's postgresql.conf, so existing directories get it too.
 */
export function embeddedStartParams(): string[] {
  return [...PGlite.defaultStartParams, ...EMBEDDED.startParams];
}
