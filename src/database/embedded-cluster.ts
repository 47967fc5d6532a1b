import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
// Not named after a module beside it: Jest resolves `.json` before `.ts`, so an
// `embedded-postgres.json` shadowed `./embedded-postgres` in the e2e suite.
import EMBEDDED from './embedded-settings.json';
import { copyTemplate, isCluster, pgliteVersion, templateName } from './embedded-template';

/** What the database process reports to the service it serves (through embedded-postgres.ts). */
export type ClusterLog = (level: 'log' | 'warn', message: string) => void;

export interface ServedCluster {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite) on `dataDir`, served on a random loopback port, so
 * the application talks to it with the ordinary `pg` driver: one code path and one set of
 * migrations for embedded and server modes. PGlite runs one query at a time, so clients keep
 * their pool at one connection. A new data directory is first filled from the cluster template
 * under `templateRoot` (embedded-template.ts). Runs in the database process
 * (embedded-postgres.process.ts), never in the service's own.
 */
export async function serveCluster(
  dataDir: string,
  templateRoot: string,
  log: ClusterLog,
): Promise<ServedCluster> {
  if (!isCluster(dataDir)) fillFromTemplate(dataDir, templateRoot, log);
  const db = await PGlite.create({ dataDir, startParams: embeddedStartParams() });
  let server: PGLiteSocketServer;
  try {
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * Copies the cluster template (made by `npm start`'s prestart step, src/tools/embedded-template.ts)
 * into a new data directory. Without one (that step never ran, or could not write) PGlite runs
 * initdb into the data directory itself, as it would on its own: slower, same result. The
 * service does not make the template itself: that is initdb, then a copy and a second open, more
 * than initdb in place for this one start.
 */
function fillFromTemplate(dataDir: string, root: string, log: ClusterLog): void {
  const template = path.join(root, templateName(pgliteVersion()));
  if (!isCluster(template)) {
    log(
      'log',
      `No cluster template in ${root} (npm start makes one): running initdb in ${dataDir}`,
    );
    return;
  }
  try {
    copyTemplate(template, dataDir);
  } catch (err) {
    log('warn', `Could not copy the cluster template (${(err as Error).message}): running initdb`);
  }
}

/** initdb into `dir` (PGlite runs it for a directory with no cluster), then a clean shutdown. */
export async function makeTemplate(dir: string): Promise<void> {
  const db = await PGlite.create({ dataDir: dir, startParams: embeddedStartParams() });
  await db.close();
}

/**
 * PGlite's own start parameters and ours after them (embedded-settings.json, also read by the
 * test suite's embedded databases). PostgreSQL's defaults size shared memory for a server (128 MB
 * of buffers, 100 connections), and PGlite touches memory in proportion as it starts. It is one
 * session serving one service, over a register of a few megabytes: with 32 MB and 10, an
 * existing data directory's PGlite start made about 39k page faults instead of 67k, which is
 * most of that start on a machine where first touching memory is slow. A setting given here wins
 * over the data directory's postgresql.conf, so existing directories get it too.
 */
export function embeddedStartParams(): string[] {
  return [...PGlite.defaultStartParams, ...EMBEDDED.startParams];
}
