import { hash, verify } from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { ErrorDetail } from '@haven/platform';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's "safely unguessable" (about 10^8 guesses and up): ASVS 2.1.7 asks for a check against breached and common passwords. */
export const PASSWORD_MIN_SCORE = 3;

/**
 * Words anyone who has read the README or seen the product would try first: the product, its
 * demo and the first province. The published demo default of earlier releases is among them.
 */
const PRODUCT_WORDS = ['haven', 'demo', 'huế', 'hue', 'admin', 'password', 'matkhau', 'baove', 'treem', 'haven-demo-2026'];

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, product: PRODUCT_WORDS },
  graphs: zxcvbnCommon.adjacencyGraphs,
  translations: zxcvbnEn.translations,
});

/** Lower case without Vietnamese marks or spaces: "Nguyễn Thị Lan" → "nguyenthilan". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export interface PasswordOwner {
  username: string;
  fullName?: string | null;
}

/**
 * The policy (NIST SP 800-63B, ASVS 2.1): long enough, not common or guessable by a strength
 * estimator with a common-password dictionary, and not the owner's username or name. Character-
 * class rules are left out on purpose: they push people to `Password1!`, which this refuses.
 */
export function passwordProblems(password: string, owner: PasswordOwner | string): ErrorDetail[] {
  const { username, fullName } = typeof owner === 'string' ? { username: owner, fullName: null } : owner;
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const folded = fold(password);
  const user = fold(username);
  if (user.length >= 3 && folded.includes(user)) problems.push('must not contain the username');
  // The whole name; its single words go to the estimator below, which counts them as known words.
  const name = fold(fullName ?? '');
  if (name.length >= 4 && folded.includes(name)) problems.push('must not contain the full name');
  if (problems.length === 0) {
    // Only whole-policy passwords are scored: zxcvbn is the slow part, and a length error says enough.
    const nameWords = (fullName ?? '').split(/\s+/).filter(Boolean);
    const known = [username, ...username.split(/[._-]+/), ...nameWords, ...nameWords.map(fold)].filter((w) => w.length >= 2);
    const result = zxcvbn.check(password.slice(0, 100), known);
    if (result.score < PASSWORD_MIN_SCORE) problems.push('is too common or easy to guess; a few unrelated words make a strong password');
  }
  return problems.map((message) => ({ field: 'password', message }));
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { type: 2 /* argon2id */ });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
