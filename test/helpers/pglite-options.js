/*
 * The options the service starts its embedded PostgreSQL with (src/database/embedded-cluster.ts),
 * for the suite's own embedded databases, so the e2e suite runs on PGlite as `npm start` does.
 */
const { PGlite } = require('@electric-sql/pglite');
const { startParams } = require('../../src/database/embedded-settings.json');

exports.pgliteOptions = (dataDir) => ({
  dataDir,
  startParams: [...PGlite.defaultStartParams, ...startParams],
});
