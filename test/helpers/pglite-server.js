/*
 * `node test/helpers/pglite-server.js <dataDir>`: an embedded PostgreSQL (PGlite) on a data
 * directory, served on a free loopback port; prints its postgres:// URL on one line, then serves
 * until stopped (SIGTERM). For specs that need an embedded database of their own: PGlite cannot
 * be started inside Jest's module sandbox, so it runs in a process of its own, as the suite's
 * global one runs in Jest's parent process.
 */
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');
const { pgliteOptions } = require('./pglite-options');

async function main() {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: pglite-server.js <dataDir>');
  const db = await PGlite.create(pgliteOptions(dataDir));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  process.stdout.write(`postgres://postgres@${server.getServerConn()}/postgres\n`);
  const stop = async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
