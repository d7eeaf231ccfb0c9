import { acceptableClaims } from './jwt.strategy';

const sub = '6f1c7a52-6a3b-4f60-9b8e-0d3c2a1b4c5d';
const sid = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const now = 1_800_000_000;
const good = { sub, sid, sv: 3, iat: now - 10, exp: now + 890 };

describe('acceptableClaims', () => {
  it('accepts a token of the configured lifetime', () => {
    expect(acceptableClaims(good, 900, now)).toEqual({ sub, sid, sv: 3 });
  });

  it('refuses a token without exp or iat, or living longer than configured', () => {
    expect(acceptableClaims({ ...good, exp: undefined }, 900, now)).toBeNull();
    expect(acceptableClaims({ ...good, iat: undefined }, 900, now)).toBeNull();
    expect(acceptableClaims({ ...good, exp: good.iat + 901 }, 900, now)).toBeNull();
    expect(acceptableClaims({ ...good, iat: now - 100, exp: now + 10 * 365 * 86400 }, 900, now)).toBeNull();
  });

  it('refuses a token issued in the future or already expired', () => {
    expect(acceptableClaims({ ...good, iat: now + 120, exp: now + 900 }, 900, now)).toBeNull();
    expect(acceptableClaims({ ...good, iat: now - 900, exp: now }, 900, now)).toBeNull();
  });

  it('refuses a token without a session version or sign-in id', () => {
    expect(acceptableClaims({ ...good, sv: undefined }, 900, now)).toBeNull();
    expect(acceptableClaims({ ...good, sv: '3' }, 900, now)).toBeNull();
    expect(acceptableClaims({ ...good, sid: undefined }, 900, now)).toBeNull();
    expect(acceptableClaims({ ...good, sub: 'admin' }, 900, now)).toBeNull();
  });
});
