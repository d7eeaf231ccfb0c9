import type { ErrorDetail } from '../errors/app.exception';

/**
 * NUL and UTF-16 surrogates that are not half of a pair. With the `u` flag a well-formed pair is
 * one code point, so only the lone halves match. Neither is ever meaningful text, and PostgreSQL
 * refuses both (NUL in text and jsonb; a lone surrogate's `\ud800` escape in jsonb): reaching the
 * database they were 500s.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const BAD_TEXT = /[\u0000\ud800-\udfff]/u;

export const BAD_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** At most this many details: enough to fix a request, not a way to make the answer large. */
const MAX_PROBLEMS = 10;

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Every string (values and property names) in a parsed body, query or params object that holds a
 * NUL or an unpaired surrogate, as `{ field, message }` with the field's path (`children[0].fullName`).
 * A bad property name is reported at its parent's path. The value itself is never echoed: it may
 * hold a child's name. Iterative, so that no input can overflow the stack.
 */
export function textProblems(value: unknown, path = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  // A pending item: a value at a path, or (badKey) a property name already found bad at its parent's path.
  const stack: { value: unknown; at: string; badKey?: true }[] = [{ value, at: path }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: current, at, badKey } = stack.pop()!;
    const where = at || 'the body';
    if (badKey) {
      problems.push({ field: at || 'body', message: `a property name in ${where} ${BAD_TEXT_MESSAGE}` });
      continue;
    }
    if (typeof current === 'string') {
      if (BAD_TEXT.test(current)) problems.push({ field: at || 'body', message: `${where} ${BAD_TEXT_MESSAGE}` });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v: unknown, i) => [i, v]) : Object.entries(current);
    // Reversed onto the stack, so that problems come out in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      stack.push(typeof key === 'string' && BAD_TEXT.test(key) ? { value: undefined, at, badKey: true } : { value: child, at: join(at, key) });
    }
  }
  return problems;
}
