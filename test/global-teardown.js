const fs = require('node:fs');

module.exports = async function globalTeardown() {
  const e = globalThis.__PSR_EMBEDDED__;
  if (!e) return;
  await e.server.stop();
  await e.db.close();
  fs.rmSync(e.dataDir, { recursive: true, force: true });
};
