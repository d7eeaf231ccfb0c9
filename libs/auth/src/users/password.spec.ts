import { passwordProblems } from './password';

const messages = (password: string, owner: Parameters<typeof passwordProblems>[1] = 'nguyen.thi.lan') =>
  passwordProblems(password, owner).map((p) => p.message);

describe('password policy', () => {
  it.each(['Password12', 'password123', 'Qwerty12345', 'Haven-demo-2026', 'Password1234!', 'qwertyuiop123', 'Matkhau@2026'])(
    'refuses the common or guessable %s',
    (password) => {
      expect(messages(password)).not.toEqual([]);
    },
  );

  it('refuses fewer than 12 characters, counting characters rather than UTF-16 units', () => {
    expect(messages('Sông-Hương-1')).toEqual([]);
    expect(messages('Sông-Hươn-1')).toEqual(['must be at least 12 characters']);
  });

  it('accepts a few unrelated words', () => {
    expect(messages('Correct-horse-42')).toEqual([]);
    expect(messages('Song-Huong-mua-thu-46')).toEqual([]);
    expect(messages('cá vàng bơi qua cầu Trường Tiền')).toEqual([]);
  });

  it('refuses the username and the full name, with or without marks and spaces', () => {
    expect(messages('nguyen.thi.lan-Rivers-88', 'nguyen.thi.lan')).toContain('must not contain the username');
    expect(messages('Orchid-NguyenThiLan-19', { username: 'lan01', fullName: 'Nguyễn Thị Lan' })).toContain('must not contain the full name');
    expect(messages('Nguyen-Thi-Lan-2026', { username: 'lan01', fullName: 'Nguyễn Thị Lan' })).toContain('must not contain the full name');
  });

  it('names only the password field and never echoes it', () => {
    const details = passwordProblems('Password12', 'someone');
    expect(details.every((d) => d.field === 'password' && !d.message.includes('Password12'))).toBe(true);
  });
});
