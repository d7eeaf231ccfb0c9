import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { QueryFailedError } from 'typeorm';
import { safeError } from './safe-error';

describe('safeError', () => {
  it('keeps a database error’s code and constraint but never its parameters or detail', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint: 'child_pkey',
      table: 'child',
      detail: 'Key (full_name)=(Nguyễn Văn An) already exists.',
    });
    const error = new QueryFailedError('SELECT * FROM child WHERE full_name = $1', ['Nguyễn Văn An'], driverError);
    const logged = JSON.stringify(safeError(error));
    expect(logged).not.toContain('Nguyễn');
    expect(logged).not.toContain('full_name = $1');
    expect(safeError(error)).toEqual(expect.objectContaining({ type: 'QueryFailedError', code: '23505', constraint: 'child_pkey', table: 'child' }));
  });

  it('keeps an ordinary error’s message and stack', () => {
    const logged = safeError(new TypeError('x is undefined'));
    expect(logged).toEqual(expect.objectContaining({ type: 'TypeError', message: 'x is undefined', stack: expect.stringContaining('TypeError') }));
  });
});

describe('safeError on what is not an Error', () => {
  it('keeps the type, the constructor and a string message and code', () => {
    class PoolTimeout {
      message = 'timeout exceeded when trying to connect';
      code = 'ETIMEOUT';
    }
    expect(safeError(new PoolTimeout())).toEqual({
      type: 'object',
      constructor: 'PoolTimeout',
      message: 'timeout exceeded when trying to connect',
      code: 'ETIMEOUT',
    });
    expect(safeError({ message: 'x'.repeat(1000) }).message).toHaveLength(300);
    expect(safeError('Nguyễn Văn An')).toEqual({ type: 'string' });
    expect(safeError(null)).toEqual({ type: 'null' });
    expect(safeError(undefined)).toEqual({ type: 'undefined' });
  });

  it('keeps only the code of a driver-like object, never its query, parameters or detail', () => {
    const thrown = {
      message: 'invalid input syntax for type date: "Nguyễn Văn An"',
      code: '22007',
      detail: 'Key (full_name)=(Nguyễn Văn An)',
      query: 'SELECT * FROM child WHERE full_name = $1',
      parameters: ['Nguyễn Văn An'],
    };
    const logged = JSON.stringify(safeError(thrown));
    expect(logged).not.toContain('Nguyễn');
    expect(logged).not.toContain('full_name');
    expect(safeError(thrown)).toEqual({ type: 'object', constructor: 'Object', message: 'database error 22007', code: '22007' });
  });

  it('hides the message of node-postgres’s own DatabaseError, which quotes the values', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "Nguyễn Văn An"'), {
      severity: 'ERROR',
      code: '22P02',
      routine: 'string_to_uuid',
    });
    expect(JSON.stringify(safeError(error))).not.toContain('Nguyễn');
    expect(safeError(error)).toEqual(expect.objectContaining({ message: 'database error 22P02', code: '22P02' }));
  });

  it('changes nothing when given its own description (the filter describes, then the logger serializes)', () => {
    for (const error of [
      new TypeError('x is undefined'),
      new QueryFailedError('SELECT $1', ['Nguyễn Văn An'], Object.assign(new Error('boom'), { code: '57P01' })),
    ]) {
      expect(safeError(safeError(error))).toEqual(safeError(error));
    }
  });
});

describe('safeError as the logger’s err serializer', () => {
  /** The line pino-http writes with `err` serialized as LoggingModule configures it (pino-http's own serializer runs first). */
  function logged(err: unknown): Record<string, unknown> {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    pinoHttp({ serializers: { err: safeError } }, stream).logger.error({ err }, 'unhandled error');
    return (JSON.parse(lines[0]) as { err: Record<string, unknown> }).err;
  }

  it('logs an error’s type, message and stack, and a database error’s code without its parameters', () => {
    expect(logged(new Error('timeout exceeded when trying to connect'))).toEqual(
      expect.objectContaining({ type: 'Error', message: 'timeout exceeded when trying to connect', stack: expect.stringContaining('safe-error.spec') }),
    );
    const failed = new QueryFailedError(
      'SELECT * FROM child WHERE full_name = $1',
      ['Nguyễn Văn An'],
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    );
    expect(JSON.stringify(logged(failed))).not.toContain('Nguyễn');
    expect(logged(failed)).toEqual(expect.objectContaining({ type: 'QueryFailedError', message: 'database error 57P01', code: '57P01' }));
  });

  it('logs a description given by the exception filter as it is', () => {
    const description = safeError(new Error('timeout exceeded when trying to connect'));
    expect(logged(description)).toEqual(description);
  });
});
