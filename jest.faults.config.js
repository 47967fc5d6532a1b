/**
 * Fault suite (`npm run test:faults`): throwaway PostgreSQL (initdb) and Redis on free ports,
 * the built service as child processes, stopped and restarted on purpose. Bounded to minutes.
 */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  testTimeout: 180000,
};
