import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPEN_STREAMS } from '../../src/server/event-stream.js';
import { createFixture, logIn } from './support/server-fixture.js';
import type { Fixture, LoggedIn } from './support/server-fixture.js';

let fixture: Fixture;
let session: LoggedIn;
let port: number;
const requests: http.ClientRequest[] = [];

beforeAll(async () => {
  fixture = await createFixture();
  session = await logIn(fixture.app);
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  port = (fixture.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const request of requests) request.destroy();
  await fixture.close();
});

function open(): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { cookie: session.cookie }, agent: false }, resolve);
    request.on('error', reject);
    requests.push(request);
  });
}

describe('live stream limit', () => {
  it(`answers 503 once ${MAX_OPEN_STREAMS} streams are open`, async () => {
    const statuses = await Promise.all(Array.from({ length: MAX_OPEN_STREAMS }, open).map(async (response) => (await response).statusCode));
    expect(new Set(statuses)).toEqual(new Set([200]));
    const refused = await open();
    expect(refused.statusCode).toBe(503);
    const body = await new Promise<string>((resolve) => {
      let text = '';
      refused.on('data', (chunk: Buffer) => (text += chunk.toString()));
      refused.on('end', () => resolve(text));
    });
    expect(JSON.parse(body)).toEqual({
      code: 'AIS_SERVER_TOO_MANY_STREAMS',
      message: `${MAX_OPEN_STREAMS} live streams are open already`,
      hint: 'close other dashboard tabs, then reload',
    });
  }, 30_000);
});
