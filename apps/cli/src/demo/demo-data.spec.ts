import { passwordProblems } from '@haven/auth';
import { COMMUNE_ROLES, ROLES } from '@haven/domain';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS, demoPassword, DemoPasswordRequiredError, demoPasswordSource } from './demo-data';
import { formatDemoUsers } from './demo-seed.service';

describe('demo data', () => {
  it('has one demo user per role, named demo-*', () => {
    expect(DEMO_USERS.map((u) => u.role).sort()).toEqual([...ROLES].sort());
    for (const u of DEMO_USERS) expect(u.username).toMatch(/^demo-[a-z]+$/);
    expect(DEMO_USERS.find((u) => COMMUNE_ROLES.includes(u.role))).toBeDefined();
  });

  it('has a default password that satisfies the policy for every demo user', () => {
    for (const u of DEMO_USERS) expect(passwordProblems(DEMO_PASSWORD_DEFAULT, u.username)).toEqual([]);
  });

  it('takes DEMO_PASSWORD when set, and never shows it', () => {
    expect(demoPassword({})).toBe(DEMO_PASSWORD_DEFAULT);
    expect(demoPassword({ DEMO_PASSWORD: 'Other-secret-77' })).toBe('Other-secret-77');
    expect(demoPasswordSource({ DEMO_PASSWORD: 'Other-secret-77' })).not.toContain('Other-secret-77');
    expect(demoPasswordSource({})).toContain(DEMO_PASSWORD_DEFAULT);
  });

  it('has no default password in production', () => {
    expect(() => demoPassword({ NODE_ENV: 'production' })).toThrow(DemoPasswordRequiredError);
    expect(demoPassword({ NODE_ENV: 'production', DEMO_PASSWORD: 'Chosen-by-ops-1' })).toBe('Chosen-by-ops-1');
  });

  it('formats the users as an aligned table', () => {
    const table = formatDemoUsers([
      { username: 'demo-admin', role: DEMO_USERS[0].role, scope: 'province 46', outcome: 'created' },
      { username: 'demo-caseworker', role: DEMO_USERS[3].role, scope: 'province 46, communes 19753, 19774', outcome: 'unchanged' },
    ]);
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ {2}username +role +scope +seed$/);
    expect(lines[2].indexOf('province')).toBe(lines[3].indexOf('province'));
    expect(lines[2].indexOf('created')).toBe(lines[3].indexOf('unchanged'));
  });
});
