#!/usr/bin/env node
/**
 * `npm run test:services`: the e2e suite against the PostgreSQL server and Redis of this
 * machine. Each run gets its own fresh database and queue prefix, dropped afterwards.
 */
const { spawnSync } = require('node:child_process');
const { Client } = require('pg');

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

async function main() {
  const name = `psr_e2e_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let status = 1;
  try {
    const r = spawnSync(
      process.execPath,
      [
        require.resolve('jest/bin/jest'),
        '--config',
        'jest.e2e.config.js',
        '--runInBand',
        ...process.argv.slice(2),
      ],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          REDIS_URL,
          QUEUE_PREFIX: name,
          DB_POOL_MAX: '10',
        },
      },
    );
    status = r.status ?? 1;
  } finally {
    const again = new Client({ connectionString: ADMIN_URL });
    await again.connect();
    await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await again.end();
  }
  process.exit(status);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
