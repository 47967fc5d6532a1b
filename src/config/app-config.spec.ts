import { loadConfig } from './app-config';
import { ConfigValidationError } from './env.validation';

/** A server-mode environment, so loadConfig never writes embedded secrets to disk. */
const SERVER = {
  DATABASE_URL: 'postgres://psr@localhost/psr',
  JWT_SECRET: 'j'.repeat(32),
  FIELD_ENCRYPTION_KEYS: `k1:${'A'.repeat(43)}=`,
  BLIND_INDEX_KEY: 'b'.repeat(32),
};

function failure(env: Record<string, string>): ConfigValidationError {
  try {
    loadConfig({ ...SERVER, ...env });
  } catch (err) {
    if (err instanceof ConfigValidationError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig: FOI policy', () => {
  it('defaults to threshold 5, k 3 and 30-year extracts', () => {
    expect(loadConfig(SERVER).foi).toEqual({ threshold: 5, k: 3, maxExtractYears: 30 });
    expect(
      loadConfig({
        ...SERVER,
        FOI_SUPPRESSION_THRESHOLD: '',
        FOI_K_ANONYMITY: '',
        FOI_MAX_EXTRACT_YEARS: '',
      }).foi,
    ).toEqual({ threshold: 5, k: 3, maxExtractYears: 30 });
  });

  it('reads whole numbers within range', () => {
    expect(
      loadConfig({
        ...SERVER,
        FOI_SUPPRESSION_THRESHOLD: '10',
        FOI_K_ANONYMITY: '1',
        FOI_MAX_EXTRACT_YEARS: '100',
      }).foi,
    ).toEqual({ threshold: 10, k: 1, maxExtractYears: 100 });
  });

  it.each([
    ['FOI_SUPPRESSION_THRESHOLD', '1'],
    ['FOI_SUPPRESSION_THRESHOLD', 'abc'],
    ['FOI_SUPPRESSION_THRESHOLD', '101'],
    ['FOI_SUPPRESSION_THRESHOLD', '5.0'],
    ['FOI_SUPPRESSION_THRESHOLD', '1e1'],
    ['FOI_SUPPRESSION_THRESHOLD', ' 5'],
    ['FOI_K_ANONYMITY', '0'],
    ['FOI_K_ANONYMITY', 'three'],
    ['FOI_MAX_EXTRACT_YEARS', '0'],
    ['FOI_MAX_EXTRACT_YEARS', '-3'],
  ])('stops on %s=%j with a message naming it', (name, value) => {
    const err = failure({ [name]: value });
    expect(err.message).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(err.message.match(/^ {2}\w+:/gm)).toHaveLength(1);
  });

  it('names every bad FOI variable at once', () => {
    const err = failure({
      FOI_SUPPRESSION_THRESHOLD: '1',
      FOI_K_ANONYMITY: 'x',
      FOI_MAX_EXTRACT_YEARS: '1000',
    });
    for (const name of ['FOI_SUPPRESSION_THRESHOLD', 'FOI_K_ANONYMITY', 'FOI_MAX_EXTRACT_YEARS']) {
      expect(err.message).toContain(`  ${name}: `);
    }
  });
});
