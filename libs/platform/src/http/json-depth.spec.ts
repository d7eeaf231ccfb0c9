import { exceedsDepth } from './json-depth';

const nest = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe('exceedsDepth', () => {
  it('accepts ordinary bodies and refuses deep ones, at the limit exactly', () => {
    expect(exceedsDepth({ a: { b: [1, { c: 'x' }] } }, 32)).toBe(false);
    expect(exceedsDepth(nest(32), 32)).toBe(false);
    expect(exceedsDepth(nest(33), 32)).toBe(true);
    expect(exceedsDepth({ ok: 1, deep: nest(40) }, 32)).toBe(true);
  });

  it('handles a body far deeper than the call stack allows', () => {
    expect(exceedsDepth(nest(200_000))).toBe(true);
  });

  it('treats scalars and null as flat', () => {
    expect(exceedsDepth(null)).toBe(false);
    expect(exceedsDepth('text')).toBe(false);
  });
});
