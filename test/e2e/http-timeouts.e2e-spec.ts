import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../support/app';

/*
 * Slow clients cannot hold connections: headers must arrive within the headers
 * timeout however steadily they trickle, idle keep-alive sockets close, and past
 * the connection cap new sockets are dropped at once.
 */

const REQUEST = 'GET /api/v1/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

interface Watched {
  socket: Socket;
  received: () => string;
  /** Milliseconds from connection to close. */
  closed: Promise<number>;
}

async function open(port: number): Promise<Watched> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const started = Date.now();
  let data = '';
  socket.on('data', (chunk) => (data += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  return { socket, received: () => data, closed };
}

async function listen(api: TestApi): Promise<number> {
  await api.app.listen(0, '127.0.0.1');
  return (api.app.getHttpServer().address() as AddressInfo).port;
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still open'>((resolve) => (timer = setTimeout(() => resolve('still open'), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('headers and keep-alive timeouts', () => {
  let api: TestApi;
  let port: number;
  beforeAll(async () => {
    api = await startApi({
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '5000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '500',
      HTTP_CONNECTION_TIMEOUT_MS: '20000',
    });
    port = await listen(api);
  });
  afterAll(() => api.close());

  it('cuts off a client that trickles its headers, after the headers timeout', async () => {
    const client = await open(port);
    client.socket.write('GET /api/v1/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // A header line every 100 ms keeps the socket busy, so only the headers timeout can stop it.
    let n = 0;
    const trickle = setInterval(() => client.socket.writable && client.socket.write(`X-Slow-${n++}: 1\r\n`), 100);
    const elapsed = await within(client.closed, 4000);
    clearInterval(trickle);
    client.socket.destroy();
    expect(elapsed).not.toBe('still open');
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2500);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(n).toBeGreaterThan(5);
  });

  it('serves a client that sends its request in time, then closes the idle keep-alive socket', async () => {
    const client = await open(port);
    client.socket.write(REQUEST);
    const elapsed = await within(client.closed, 4000);
    client.socket.destroy();
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(elapsed).not.toBe('still open');
    expect(elapsed).toBeGreaterThanOrEqual(400);
  });
});

describe('the connection cap', () => {
  let api: TestApi;
  let port: number;
  beforeAll(async () => {
    api = await startApi({ HTTP_MAX_CONNECTIONS: '2' });
    port = await listen(api);
  });
  afterAll(() => api.close());

  it('drops connections past HTTP_MAX_CONNECTIONS at once, and serves the ones it holds', async () => {
    const held = [await open(port), await open(port)];
    const extra = await open(port);
    extra.socket.write(REQUEST);
    expect(await within(extra.closed, 2000)).not.toBe('still open');
    expect(extra.received()).toBe('');

    held[0].socket.write(REQUEST);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(held[0].received()).toMatch(/^HTTP\/1\.1 200 /);
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closed));

    // Room again once they are gone.
    const later = await open(port);
    later.socket.write(REQUEST);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(later.received()).toMatch(/^HTTP\/1\.1 200 /);
    later.socket.destroy();
  });
});
