/** Settings every e2e run shares; secrets here are test-only values. */
const crypto = require('node:crypto');

module.exports = function testEnv() {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    JWT_SECRET: 'e2e-test-secret-that-is-long-enough-0123456789',
    FIELD_ENCRYPTION_KEYS: `t1:${crypto.createHash('sha256').update('e2e-field-key').digest('base64')}`,
    BLIND_INDEX_KEY: 'e2e-blind-index-key-that-is-long-enough-0123456789',
    TRUST_PROXY: 'loopback',
    // High: with REDIS_URL the counters are shared by every app the suite starts in a minute.
    LOGIN_THROTTLE_PER_IP: '100000',
    LOGIN_THROTTLE_PER_USER: '100000',
    DEMO_SEED: 'false',
    // Tests run the daily tasks themselves, for a date they choose.
    RUN_SCHEDULER: 'false',
  };
};
