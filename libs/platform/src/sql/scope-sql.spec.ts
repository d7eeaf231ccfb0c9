import { DataSource } from 'typeorm';
import type { Scope } from '@haven/domain';
import { scopeSql, ScopeColumns } from './scope-sql';
import { NamedParams, SqlParams } from './sql-params';

const CASE: ScopeColumns = { province: 'c.province_code', commune: 'c.commune_code', assignee: 'c.assignee_id', creator: 'c.created_by' };

const render = (scope: Scope, columns: ScopeColumns = CASE) => {
  const p = new SqlParams();
  return { text: scopeSql(scope, columns, p), values: p.values };
};

describe('scopeSql with positional parameters', () => {
  it('renders none as FALSE, without parameters', () => {
    expect(render({ kind: 'none' })).toEqual({ text: 'FALSE', values: [] });
  });

  it('renders a province', () => {
    expect(render({ kind: 'province', province: '46' })).toEqual({ text: 'c.province_code = $1', values: ['46'] });
  });

  it('renders communes of a province, the list as one array parameter', () => {
    expect(render({ kind: 'communes', province: '46', communes: ['19753', '19774'] })).toEqual({
      text: '(c.province_code = $1 AND c.commune_code = ANY($2::varchar[]))',
      values: ['46', ['19753', '19774']],
    });
  });

  it('renders communes without a province as the communes alone', () => {
    expect(render({ kind: 'communes', province: null, communes: ['19753'] })).toEqual({ text: 'c.commune_code = ANY($1::varchar[])', values: [['19753']] });
  });

  it('renders a caseworker’s own cases: assigned or created, in the communes', () => {
    expect(render({ kind: 'own', province: '46', communes: ['19753'], userId: 'u1', unassignedOnly: false })).toEqual({
      text: '(c.province_code = $1 AND c.commune_code = ANY($2::varchar[]) AND (c.assignee_id = $3 OR c.created_by = $3))',
      values: ['46', ['19753'], 'u1'],
    });
  });

  it('renders an intake officer’s own cases: created and unassigned, in the communes', () => {
    expect(render({ kind: 'own', province: '46', communes: ['19753'], userId: 'u1', unassignedOnly: true })).toEqual({
      text: '(c.province_code = $1 AND c.commune_code = ANY($2::varchar[]) AND c.created_by = $3 AND c.assignee_id IS NULL)',
      values: ['46', ['19753'], 'u1'],
    });
  });

  it('renders an organisation', () => {
    expect(render({ kind: 'organisation', organisationId: 'o1' }, { organisation: 'r.organisation_id' })).toEqual({
      text: 'r.organisation_id = $1',
      values: ['o1'],
    });
  });

  it('renders an empty list of communes as FALSE, whatever the kind', () => {
    expect(render({ kind: 'communes', province: '46', communes: [] })).toEqual({ text: 'FALSE', values: [] });
    expect(render({ kind: 'own', province: '46', communes: [], userId: 'u1', unassignedOnly: false })).toEqual({ text: 'FALSE', values: [] });
  });

  it('numbers after the parameters already collected', () => {
    const p = new SqlParams();
    p.add('open');
    expect(scopeSql({ kind: 'province', province: '46' }, CASE, p)).toBe('c.province_code = $2');
    expect(p.values).toEqual(['open', '46']);
  });

  it('refuses a scope whose column the table does not have', () => {
    expect(() =>
      render(
        { kind: 'own', province: '46', communes: ['19753'], userId: 'u1', unassignedOnly: false },
        { province: 'd.province_code', commune: 'd.commune_code' },
      ),
    ).toThrow(/needs the assignee column/);
  });
});

describe('scopeSql with named parameters (TypeORM query builders)', () => {
  it('renders the same text with :prefix_n names', () => {
    const p = new NamedParams('childScope');
    expect(scopeSql({ kind: 'communes', province: '46', communes: ['19753'] }, CASE, p)).toBe(
      '(c.province_code = :childScope_0 AND c.commune_code = ANY(:childScope_1::varchar[]))',
    );
    expect(p.values).toEqual({ childScope_0: '46', childScope_1: ['19753'] });
  });

  it('reaches PostgreSQL through TypeORM as one array parameter and a reused user parameter', () => {
    const dataSource = new DataSource({ type: 'postgres' });
    const p = new NamedParams();
    const condition = scopeSql({ kind: 'own', province: '46', communes: ['19753', '19774'], userId: 'u1', unassignedOnly: false }, CASE, p);
    const [sql, values] = dataSource
      .createQueryBuilder()
      .select('c.id')
      .from('case', 'c')
      .where('c.stage <> :stage', { stage: 'closed' })
      .andWhere(condition, p.values)
      .getQueryAndParameters();
    expect(sql).toContain('(c.province_code = $2 AND c.commune_code = ANY($3::varchar[]) AND (c.assignee_id = $4 OR c.created_by = $4))');
    expect(values).toEqual(['closed', '46', ['19753', '19774'], 'u1']);
  });
});
