import { hash, verify } from 'argon2';
import { ErrorDetail } from '@haven/platform';

export const PASSWORD_MIN_LENGTH = 10;

/**
 * The minimum policy: long enough, not all one kind of character, and not
 * the username. Length matters most (NIST SP 800-63B); the rest stops the
 * most common weak choices.
 */
export function passwordProblems(password: string, username: string): ErrorDetail[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > 256) problems.push('must be at most 256 characters');
  if (!/[A-Za-z]/.test(password) || !/[^A-Za-z]/.test(password)) problems.push('must mix letters with digits or symbols');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
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
