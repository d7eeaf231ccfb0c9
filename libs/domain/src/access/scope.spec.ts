import { Role, ROLES } from '../roles';
import {
  caseScopeOf,
  childScopeOf,
  deadlineScopeOf,
  homeProvinceScopeOf,
  partnerScopeOf,
  referralScopeOf,
  reportScopeOf,
  Scope,
  ScopeActor,
  scopeAdmits,
  ScopedRow,
} from './scope';

const HUE = '46';
const PX = '19753';
const KL = '19774';

const actor = (role: Role, over: Partial<ScopeActor> = {}): ScopeActor => ({
  id: `${role}-1`,
  role,
  provinceCode: HUE,
  communeCodes: [Role.Supervisor, Role.Caseworker, Role.IntakeOfficer].includes(role) ? [PX] : [],
  organisationId: role === Role.Partner ? 'org-1' : null,
  ...over,
});

const manager = actor(Role.Manager);
const supervisor = actor(Role.Supervisor);
const caseworker = actor(Role.Caseworker);
const intake = actor(Role.IntakeOfficer);
const admin = actor(Role.Admin);
const partner = actor(Role.Partner);

describe('caseScopeOf', () => {
  it('gives a manager their province', () => {
    expect(caseScopeOf(manager)).toEqual({ kind: 'province', province: HUE });
  });

  it('gives a supervisor their communes of their province', () => {
    expect(caseScopeOf(supervisor)).toEqual({ kind: 'communes', province: HUE, communes: [PX] });
  });

  it('gives a caseworker the cases of their communes they are assigned to or created', () => {
    expect(caseScopeOf(caseworker)).toEqual({ kind: 'own', province: HUE, communes: [PX], userId: caseworker.id, unassignedOnly: false });
  });

  it('gives an intake officer the unassigned cases of their communes they created', () => {
    expect(caseScopeOf(intake)).toEqual({ kind: 'own', province: HUE, communes: [PX], userId: intake.id, unassignedOnly: true });
  });

  it('gives admins, partners and unknown roles nothing', () => {
    expect(caseScopeOf(admin)).toEqual({ kind: 'none' });
    expect(caseScopeOf(partner)).toEqual({ kind: 'none' });
    expect(caseScopeOf(actor('district_officer' as Role))).toEqual({ kind: 'none' });
  });

  it('copies the communes (a later change to the actor does not move the scope)', () => {
    const communes = [PX];
    const scope = caseScopeOf(actor(Role.Supervisor, { communeCodes: communes }));
    communes.push(KL);
    expect(scope).toEqual({ kind: 'communes', province: HUE, communes: [PX] });
  });
});

describe('childScopeOf', () => {
  it('gives a manager their province', () => {
    expect(childScopeOf(manager)).toEqual({ kind: 'province', province: HUE });
  });

  it.each([supervisor, caseworker, intake])('gives $role the children of their communes, without a province check', (a) => {
    expect(childScopeOf(a)).toEqual({ kind: 'communes', province: null, communes: [PX] });
  });

  it('gives admins, partners and unknown roles nothing', () => {
    for (const a of [admin, partner, actor('district_officer' as Role)]) expect(childScopeOf(a)).toEqual({ kind: 'none' });
  });
});

describe('referralScopeOf and partnerScopeOf', () => {
  it('gives a partner its organisation', () => {
    expect(referralScopeOf(partner)).toEqual({ kind: 'organisation', organisationId: 'org-1' });
    expect(partnerScopeOf(partner)).toEqual({ kind: 'organisation', organisationId: 'org-1' });
  });

  it('gives a partner without an organisation nothing', () => {
    expect(referralScopeOf(actor(Role.Partner, { organisationId: null }))).toEqual({ kind: 'none' });
  });

  it('gives staff their case scope, and admins nothing', () => {
    for (const a of [manager, supervisor, caseworker, intake]) expect(referralScopeOf(a)).toEqual(caseScopeOf(a));
    expect(referralScopeOf(admin)).toEqual({ kind: 'none' });
  });

  it('gives no one but partners an organisation', () => {
    for (const role of ROLES.filter((r) => r !== Role.Partner)) expect(partnerScopeOf(actor(role, { organisationId: 'org-1' }))).toEqual({ kind: 'none' });
  });
});

describe('deadlineScopeOf and reportScopeOf', () => {
  it.each([
    ['deadlines', deadlineScopeOf],
    ['reports', reportScopeOf],
  ] as const)('%s: a manager their province, a supervisor their communes, anyone else nothing', (_, of) => {
    expect(of(manager)).toEqual({ kind: 'province', province: HUE });
    expect(of(supervisor)).toEqual({ kind: 'communes', province: HUE, communes: [PX] });
    for (const a of [caseworker, intake, admin, partner, actor('district_officer' as Role)]) expect(of(a)).toEqual({ kind: 'none' });
  });

  it('keeps a supervisor without communes as an empty commune scope (which admits nothing)', () => {
    const scope = reportScopeOf(actor(Role.Supervisor, { communeCodes: [] }));
    expect(scope).toEqual({ kind: 'communes', province: HUE, communes: [] });
    expect(scopeAdmits(scope, { provinceCode: HUE, communeCode: PX })).toBe(false);
  });
});

describe('homeProvinceScopeOf', () => {
  it('gives admins and managers their province, anyone else nothing', () => {
    expect(homeProvinceScopeOf(admin)).toEqual({ kind: 'province', province: HUE });
    expect(homeProvinceScopeOf(manager)).toEqual({ kind: 'province', province: HUE });
    for (const a of [supervisor, caseworker, intake, partner]) expect(homeProvinceScopeOf(a)).toEqual({ kind: 'none' });
  });
});

describe('scopeAdmits', () => {
  const row = (over: ScopedRow = {}): ScopedRow => ({
    provinceCode: HUE,
    communeCode: PX,
    assigneeId: null,
    createdBy: 'someone',
    organisationId: null,
    ...over,
  });

  it('admits nothing for none', () => {
    expect(scopeAdmits({ kind: 'none' }, row())).toBe(false);
  });

  it('admits a province by its code', () => {
    const scope: Scope = { kind: 'province', province: HUE };
    expect(scopeAdmits(scope, row())).toBe(true);
    expect(scopeAdmits(scope, row({ provinceCode: '01' }))).toBe(false);
  });

  it('admits communes inside the province, or anywhere without one', () => {
    const scope: Scope = { kind: 'communes', province: HUE, communes: [PX] };
    expect(scopeAdmits(scope, row())).toBe(true);
    expect(scopeAdmits(scope, row({ communeCode: KL }))).toBe(false);
    expect(scopeAdmits(scope, row({ provinceCode: '01' }))).toBe(false);
    expect(scopeAdmits({ ...scope, province: null }, row({ provinceCode: '01' }))).toBe(true);
    expect(scopeAdmits({ ...scope, communes: [] }, row())).toBe(false);
  });

  it('admits a caseworker’s assigned or created cases of their communes', () => {
    const scope = caseScopeOf(caseworker);
    expect(scopeAdmits(scope, row({ assigneeId: caseworker.id }))).toBe(true);
    expect(scopeAdmits(scope, row({ createdBy: caseworker.id, assigneeId: 'other' }))).toBe(true);
    expect(scopeAdmits(scope, row({ assigneeId: 'other' }))).toBe(false);
    expect(scopeAdmits(scope, row({ assigneeId: caseworker.id, communeCode: KL }))).toBe(false);
    expect(scopeAdmits(scope, row({ assigneeId: caseworker.id, provinceCode: '01' }))).toBe(false);
  });

  it('admits an intake officer’s own cases until they are assigned', () => {
    const scope = caseScopeOf(intake);
    expect(scopeAdmits(scope, row({ createdBy: intake.id }))).toBe(true);
    expect(scopeAdmits(scope, row({ createdBy: intake.id, assigneeId: 'cw' }))).toBe(false);
    expect(scopeAdmits(scope, row({ createdBy: 'other' }))).toBe(false);
    expect(scopeAdmits(scope, row({ createdBy: intake.id, communeCode: KL }))).toBe(false);
  });

  it('admits an organisation’s rows', () => {
    const scope = partnerScopeOf(partner);
    expect(scopeAdmits(scope, row({ organisationId: 'org-1' }))).toBe(true);
    expect(scopeAdmits(scope, row({ organisationId: 'org-2' }))).toBe(false);
  });
});
