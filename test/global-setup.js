/* Starts one embedded PostgreSQL for the whole e2e run unless DATABASE_URL is given. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const testEnv = require('./test-env');
const { pgliteOptions } = require('./helpers/pglite-options');

module.exports = async function globalSetup() {
  // Variables the caller set explicitly win over the test defaults.
  for (const [k, v] of Object.entries(testEnv()))
    if (process.env[k] === undefined) process.env[k] = v;
  if (process.env.DATABASE_URL) return;
  const { PGlite } = require('@electric-sql/pglite');
  const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-e2e-'));
  const db = await PGlite.create(pgliteOptions(dataDir));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  process.env.DATABASE_URL = `postgres://postgres@${server.getServerConn()}/postgres`;
  process.env.DB_POOL_MAX = '1';
  // Specs that need a database of their own make another of the same kind (scratch-database.ts).
  process.env.PSR_TEST_EMBEDDED = '1';
  globalThis.__PSR_EMBEDDED__ = { db, server, dataDir };
};
