import { databaseName, maintenanceUrl, quoteIdent } from './db-create';

describe('db:create helpers', () => {
  it('reads the database name from DATABASE_URL', () => {
    expect(databaseName('postgres://postgres@127.0.0.1:5432/haven')).toBe('haven');
    expect(databaseName('postgresql://u:p@db:5432/haven%20demo?sslmode=require')).toBe('haven demo');
  });

  it('refuses a URL without a database', () => {
    expect(() => databaseName('postgres://u:secret@127.0.0.1:5432/')).toThrow(/names no database/);
    expect(() => databaseName('postgres://u:secret@127.0.0.1:5432/')).not.toThrow(/secret/);
  });

  it('points at the maintenance database of the same server, keeping credentials and options', () => {
    expect(maintenanceUrl('postgres://u:p@db:6543/haven?sslmode=require')).toBe('postgres://u:p@db:6543/postgres?sslmode=require');
    expect(maintenanceUrl('postgres://u@db/haven', 'template1')).toBe('postgres://u@db/template1');
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('haven')).toBe('"haven"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
