import { InvalidEnvironmentError, validateEnv } from '@haven/platform';
import { deliveryChannels } from './delivery-channels';

const STRONG = 'q7Gx2LmP9vR4tY8wZ1bN6cK3jH5fD0sA-e';

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateEnv(env);
    return [];
  } catch (e) {
    if (e instanceof InvalidEnvironmentError) return e.problems;
    throw e;
  }
}

describe('delivery configuration', () => {
  it('delivers over no channel by default, with 5 tries backing off from 30 s', () => {
    const env = validateEnv({});
    expect(deliveryChannels(env)).toEqual({ email: null, webhook: null });
    expect(env).toMatchObject({ DELIVERY_ATTEMPTS: 5, DELIVERY_BACKOFF_MS: 30_000 });
  });

  it('turns on e-mail with SMTP_URL, and webhooks with WEBHOOK_URL and WEBHOOK_SECRET together', () => {
    const env = validateEnv({ SMTP_URL: 'smtps://u:p@mail.example.vn:465', WEBHOOK_URL: 'https://tinh.example.vn/haven', WEBHOOK_SECRET: STRONG });
    expect(deliveryChannels(env)).toEqual({
      email: { url: 'smtps://u:p@mail.example.vn:465', from: 'Haven <no-reply@localhost>' },
      webhook: { url: 'https://tinh.example.vn/haven', secret: STRONG },
    });
    // Outside production a URL without a secret is accepted, but nothing unsigned is ever sent.
    expect(deliveryChannels(validateEnv({ WEBHOOK_URL: 'http://127.0.0.1:9000/hook' })).webhook).toBeNull();
  });

  it('validates the variables, and requires a strong WEBHOOK_SECRET in production when WEBHOOK_URL is set', () => {
    expect(
      problemsOf({ SMTP_URL: 'http://mail', WEBHOOK_URL: 'ftp://x', WEBHOOK_SECRET: 'short', DELIVERY_ATTEMPTS: '0', DELIVERY_BACKOFF_MS: 'soon' }).map(
        (p) => p.split(':')[0],
      ),
    ).toEqual(['SMTP_URL', 'WEBHOOK_URL', 'WEBHOOK_SECRET', 'DELIVERY_ATTEMPTS', 'DELIVERY_BACKOFF_MS']);
    const production = { NODE_ENV: 'production', JWT_ACCESS_SECRET: STRONG };
    expect(problemsOf(production)).toEqual([]);
    expect(problemsOf({ ...production, WEBHOOK_URL: 'https://tinh.example.vn/haven' })).toEqual([
      'WEBHOOK_SECRET: required in production when WEBHOOK_URL is set',
    ]);
    expect(problemsOf({ ...production, WEBHOOK_URL: 'https://tinh.example.vn/haven', WEBHOOK_SECRET: 'a'.repeat(40) })[0]).toMatch(/WEBHOOK_SECRET: too weak/);
    expect(problemsOf({ ...production, WEBHOOK_URL: 'https://tinh.example.vn/haven', WEBHOOK_SECRET: STRONG })).toEqual([]);
  });
});
