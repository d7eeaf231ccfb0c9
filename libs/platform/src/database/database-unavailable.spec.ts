import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const driverError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const failed = (driver: Error) => new QueryFailedError('SELECT 1', [], driver);

describe('isDatabaseUnavailable', () => {
  it('recognises a pool acquisition timeout and a lost or refused connection', () => {
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout', { cause: new Error('connect') }))).toBe(true);
    expect(isDatabaseUnavailable(failed(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(failed(driverError('57P01', 'terminating connection due to administrator command')))).toBe(true);
    expect(isDatabaseUnavailable(failed(driverError('08006')))).toBe(true);
    expect(isDatabaseUnavailable(driverError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDatabaseUnavailable(driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: driverError('ECONNRESET') }))).toBe(true);
  });

  it('leaves everything else to the 500 path', () => {
    expect(isDatabaseUnavailable(failed(driverError('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(isDatabaseUnavailable(failed(driverError('40P01', 'deadlock detected')))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect to Redis'))).toBe(false);
    expect(isDatabaseUnavailable('timeout exceeded when trying to connect')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
