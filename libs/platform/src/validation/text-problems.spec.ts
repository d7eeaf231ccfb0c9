import { textProblems } from './text-problems';

const fields = (value: unknown, path?: string) => textProblems(value, path).map((p) => p.field);

describe('textProblems', () => {
  it('finds NUL and unpaired surrogates in nested objects and arrays, naming each path in document order', () => {
    const body = {
      ok: 'Nguyễn Văn An 🌞',
      a: 'x\u0000y',
      children: [{ fullName: 'fine' }, { fullName: 'lone \ud800 high', caregivers: [{ name: 'lone \udc00 low' }] }],
      n: 1,
      b: true,
      z: null,
    };
    expect(fields(body)).toEqual(['a', 'children[1].fullName', 'children[1].caregivers[0].name']);
  });

  it('accepts well-formed text: surrogate pairs, line breaks, other scripts', () => {
    expect(textProblems({ a: '😀\n\tTiếng Việt', b: ['\ud83d\ude00'] })).toEqual([]);
    expect(textProblems('plain')).toEqual([]);
    expect(textProblems(undefined)).toEqual([]);
  });

  it('a pair split across two strings is two lone halves', () => {
    expect(fields(['\ud83d', '\ude00'])).toEqual(['[0]', '[1]']);
  });

  it('reports a bad property name at its parent’s path, without echoing it', () => {
    const problems = textProblems({ child: { ['name\u0000']: 'x' }, ['\ud800']: 1 });
    expect(problems.map((p) => p.field)).toEqual(['child', 'body']);
    expect(problems[0].message).toContain('property name');
  });

  it('names the body itself when it is a bad string, and honours a path prefix', () => {
    expect(fields('\u0000')).toEqual(['body']);
    expect(fields({ q: '%\u0000' }, 'query')).toEqual(['query.q']);
  });

  it('never echoes the value', () => {
    const [problem] = textProblems({ fullName: 'Hoàng Thị Bí Mật\u0000' });
    expect(JSON.stringify(problem)).not.toContain('Bí Mật');
  });

  it('stops at 10 problems, and walks deep or wide input without recursion', () => {
    expect(textProblems(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(10);
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(textProblems(deep)).toHaveLength(1);
  });
});
