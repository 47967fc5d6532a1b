/**
 * e2e specs: the real AppModule over HTTP against a real PostgreSQL. Without DATABASE_URL the
 * global setup starts an embedded one (PGlite) for the whole run; with it (npm run
 * test:services) the suite runs against that server, and REDIS_URL turns on Bull queues.
 */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testTimeout: 60000,
};
