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
