import { passwordProblems } from '@haven/auth';
import { COMMUNE_ROLES, ORGANISATION_TYPES, Role, ROLES, SERVICE_TYPES } from '@haven/domain';
import {
  DEMO_COMMUNES,
  DEMO_ORGANISATION,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD_DEFAULT,
  DEMO_USERS,
  demoPassword,
  DemoPasswordRequiredError,
  demoPasswordSource,
} from './demo-data';
import { formatDemoUsers } from './demo-seed.service';

describe('demo data', () => {
  it('has one demo user per staff role, a second caseworker and one partner per demo organisation, named demo-*', () => {
    const staff = DEMO_USERS.filter((u) => u.role !== Role.Partner);
    expect(staff.map((u) => u.role).sort()).toEqual([...ROLES.filter((r) => r !== Role.Partner), Role.Caseworker].sort());
    const partners = DEMO_USERS.filter((u) => u.role === Role.Partner);
    expect(partners.map((u) => u.organisation)).toEqual(DEMO_ORGANISATIONS.map((o) => o.key));
    for (const u of DEMO_USERS) expect(u.username).toMatch(/^demo-[a-z]+\d?(-[a-z]+)?$/);
    expect(new Set(DEMO_USERS.map((u) => u.username)).size).toBe(DEMO_USERS.length);
    // The first partner keeps the name it had before there were other demo organisations.
    expect(partners[0]).toMatchObject({ username: 'demo-partner', organisation: DEMO_ORGANISATION.key });
  });

  it('has partner organisations in Huế for every service type, with demo names and contacts', () => {
    expect(new Set(DEMO_ORGANISATIONS.flatMap((o) => o.serviceTypes))).toEqual(new Set(SERVICE_TYPES));
    // Existing demo databases know the first one by this name.
    expect(DEMO_ORGANISATION.name).toBe('Trung tâm Trợ giúp pháp lý Huế (demo)');
    for (const key of ['key', 'name', 'contactEmail', 'contactPhone'] as const)
      expect(new Set(DEMO_ORGANISATIONS.map((o) => o[key])).size).toBe(DEMO_ORGANISATIONS.length);
    for (const o of DEMO_ORGANISATIONS) {
      expect(o.name).toMatch(/ \(demo\)$/);
      expect(ORGANISATION_TYPES).toContain(o.type);
      expect(o.contactEmail).toMatch(/^[a-z.]+@example\.org$/);
      expect(o.contactPhone).toMatch(/^0900 000 \d{3}$/);
      // The whole province, or named wards that include every demo ward.
      if (o.communeCodes.length) expect(o.communeCodes).toEqual(expect.arrayContaining(DEMO_COMMUNES));
      for (const c of o.communeCodes) expect(c).toMatch(/^\d{5}$/);
    }
  });

  it('gives communes to commune staff only; each demo commune has exactly one caseworker, and the supervisor and intake officer cover all', () => {
    for (const u of DEMO_USERS) expect(u.communeCodes.length > 0).toBe(COMMUNE_ROLES.includes(u.role));
    for (const commune of DEMO_COMMUNES) {
      expect(DEMO_USERS.filter((u) => u.role === Role.Caseworker && u.communeCodes.includes(commune))).toHaveLength(1);
    }
    for (const role of [Role.Supervisor, Role.IntakeOfficer])
      expect([...DEMO_USERS.find((u) => u.role === role)!.communeCodes].sort()).toEqual([...DEMO_COMMUNES].sort());
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
