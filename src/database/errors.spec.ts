import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable, isUniqueViolation } from './errors';

function failed(code: string, message = 'statement failed'): QueryFailedError {
  const driverError = Object.assign(new Error(message), { code });
  return new QueryFailedError('INSERT INTO x VALUES ($1)', ['v'], driverError);
}

function withCode(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('isUniqueViolation', () => {
  it('is true only for SQLSTATE 23505 on a failed statement', () => {
    expect(isUniqueViolation(failed('23505'))).toBe(true);
    expect(isUniqueViolation(failed('23503'))).toBe(false); // foreign key
    expect(isUniqueViolation(failed('23502'))).toBe(false); // not null
  });

  it('is false for an error that only carries the code outside a failed statement', () => {
    expect(isUniqueViolation(withCode('duplicate key', '23505'))).toBe(false);
    expect(isUniqueViolation({ code: '23505' })).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    ['57P01', 'admin shutdown'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'cannot connect now'],
    ['08006', 'connection failure'],
    ['08001', 'unable to connect'],
  ])('is true for SQLSTATE %s (%s)', (code) => {
    expect(isDatabaseUnavailable(withCode('whatever the server said', code))).toBe(true);
  });

  it.each([
    'connect ECONNREFUSED 127.0.0.1:5432',
    'read ECONNRESET',
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'terminating connection due to administrator command',
    'the database system is starting up',
    'the database system is shutting down',
    'the database system is in recovery mode',
  ])('is true for the driver message "%s"', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it('is true when TypeORM released the runner of a transaction whose connection died', () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
  });

  it('is false for a bad statement, a constraint, or anything that is not an Error', () => {
    expect(isDatabaseUnavailable(failed('42P01', 'relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(failed('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
