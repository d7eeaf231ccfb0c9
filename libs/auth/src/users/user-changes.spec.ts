import { Role } from '@haven/domain';
import { summariseUserChange, UserState } from './user-changes';

const caseworker: UserState = {
  fullName: 'Lê Văn A',
  email: null,
  role: Role.Caseworker,
  communeCodes: ['19753', '19774'],
  organisationId: null,
  active: true,
};

describe('summariseUserChange', () => {
  it('sees nothing in no change', () => {
    expect(summariseUserChange(caseworker, { ...caseworker }, false)).toEqual({
      changes: {},
      kinds: [],
      endsSessions: false,
      grantsCaseAccess: false,
      lostCommunes: [],
    });
  });

  it('a new role ends sessions, and grants case access when the new role reads cases', () => {
    const admin = { ...caseworker, role: Role.Admin, communeCodes: [] };
    const toManager = summariseUserChange(admin, { ...admin, role: Role.Manager }, false);
    expect(toManager).toMatchObject({
      kinds: ['role_changed'],
      endsSessions: true,
      grantsCaseAccess: true,
      changes: { role: { from: 'admin', to: 'manager' } },
    });
    const toAdmin = summariseUserChange({ ...caseworker, communeCodes: [] }, admin, false);
    expect(toAdmin).toMatchObject({ endsSessions: true, grantsCaseAccess: false });
  });

  it('a password reset of a case reader ends sessions and is a grant; of an admin it is not a grant', () => {
    expect(summariseUserChange(caseworker, caseworker, true)).toMatchObject({ kinds: ['password_reset'], endsSessions: true, grantsCaseAccess: true });
    const admin = { ...caseworker, role: Role.Admin, communeCodes: [] };
    expect(summariseUserChange(admin, admin, true)).toMatchObject({ endsSessions: true, grantsCaseAccess: false });
  });

  it('losing a commune ends sessions and lists the commune lost; gaining one is a grant', () => {
    const lost = summariseUserChange(caseworker, { ...caseworker, communeCodes: ['19753'] }, false);
    expect(lost).toMatchObject({ kinds: ['communes_changed'], endsSessions: true, grantsCaseAccess: false, lostCommunes: ['19774'] });
    const gained = summariseUserChange(caseworker, { ...caseworker, communeCodes: ['19753', '19774', '19777'] }, false);
    expect(gained).toMatchObject({ grantsCaseAccess: true, lostCommunes: [] });
  });

  it('disabling loses every commune and ends sessions; enabling a case reader is a grant', () => {
    const off = { ...caseworker, active: false };
    expect(summariseUserChange(caseworker, off, false)).toMatchObject({ kinds: ['disabled'], endsSessions: true, lostCommunes: ['19753', '19774'] });
    expect(summariseUserChange(off, caseworker, false)).toMatchObject({ kinds: ['enabled'], grantsCaseAccess: true, endsSessions: false });
  });

  it('a new name or e-mail is a profile change that keeps sessions', () => {
    const renamed = summariseUserChange(caseworker, { ...caseworker, fullName: 'Lê Văn B', email: 'b@example.org' }, false);
    expect(renamed).toMatchObject({ kinds: ['profile_changed'], endsSessions: false, grantsCaseAccess: false });
    expect(Object.keys(renamed.changes).sort()).toEqual(['email', 'fullName']);
  });
});
