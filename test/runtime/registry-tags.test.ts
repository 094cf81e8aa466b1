import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AistackError } from '../../src/errors.js';
import { parseChallenge } from '../../src/runtime/registry-client.js';
import { listRegistryTags, nextPage, resolveRegistryRepository } from '../../src/runtime/registry-tags.js';
import type { RegistryStandIn, RegistryStandInOptions } from '../support/registry-standin.js';
import { startRegistryStandIn } from '../support/registry-standin.js';

const amd64 = { os: 'linux', architecture: 'amd64' };
let standIn: RegistryStandIn | undefined;

async function start(options: RegistryStandInOptions = {}): Promise<RegistryStandIn> {
  standIn = await startRegistryStandIn(options);
  return standIn;
}

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(AistackError);
    expect((error as AistackError).code).toBe('AIS_UPGRADE_REGISTRY_FAILED');
    return (error as Error).message;
  }
  throw new Error('expected a registry failure');
}

describe('listRegistryTags against a registry stand-in', () => {
  it('lists tags anonymously and inspects only the chosen ones: digest from Docker-Content-Digest, created from the config blob', async () => {
    const registry = await start();
    registry.add('mirror/team/app', '1.4.2', { created: '2026-10-01T00:00:00Z' });
    const digest = registry.add('mirror/team/app', '1.5.0', { created: '2026-11-20T12:00:00Z' });
    registry.add('mirror/team/app', 'latest', { created: '2026-11-20T12:00:00Z' });
    const result = await listRegistryTags(registry.host, 'mirror/team/app', { inspect: (tags) => tags.filter((tag) => tag === '1.5.0') });
    expect(result).toEqual({
      truncated: false,
      tags: [{ tag: '1.4.2' }, { tag: '1.5.0', digest, createdAt: '2026-11-20T12:00:00Z' }, { tag: 'latest' }],
    });
    expect(registry.requests.map((request) => `${request.method} ${request.url.replace(/sha256:[0-9a-f]{64}/, 'sha256:…')}`)).toEqual([
      'GET /v2/mirror/team/app/tags/list?n=500',
      'GET /v2/mirror/team/app/manifests/1.5.0',
      'GET /v2/mirror/team/app/blobs/sha256:…',
      'GET /storage/sha256:…',
    ]);
  });

  it('answers a Bearer challenge: an anonymous token from the realm (service and scope passed on), cached for the next requests', async () => {
    const registry = await start({ auth: 'bearer' });
    registry.add('mirror/ollama/ollama', '0.32.15', { created: '2026-10-01T00:00:00Z' });
    registry.add('mirror/ollama/ollama', '0.33.0', { created: '2026-11-01T00:00:00Z' });
    const result = await listRegistryTags(registry.host, 'mirror/ollama/ollama', { inspect: (tags) => tags.slice(-1) });
    expect(result.tags.map((tag) => `${tag.tag} ${tag.createdAt ?? '-'}`)).toEqual(['0.32.15 -', '0.33.0 2026-11-01T00:00:00Z']);
    expect(registry.tokens).toHaveLength(1);
    const token = registry.requests.find((request) => request.url.startsWith('/token'));
    expect(token).toEqual({
      method: 'GET',
      url: '/token?service=stand-in&scope=repository%3Amirror%2Follama%2Follama%3Apull',
      authorization: undefined,
    });
    // One 401, then every request carries the token.
    const registryRequests = registry.requests.filter((request) => request.url.startsWith('/v2/'));
    expect(registryRequests[0]!.authorization).toBeUndefined();
    expect(registryRequests.slice(1).every((request) => request.authorization === `Bearer ${registry.tokens[0]}`)).toBe(true);
  });

  it('takes a token sent only as access_token (OAuth2 name)', async () => {
    const registry = await start({ auth: 'bearer', accessTokenOnly: true });
    registry.add('app', '1.0.0', { created: '2026-10-01T00:00:00Z' });
    expect((await listRegistryTags(registry.host, 'app')).tags).toEqual([{ tag: '1.0.0' }]);
  });

  it('sends the credentials of docker login to the token server; without them the reason says to log in', async () => {
    const registry = await start({ auth: 'bearer', users: { alice: 's3cret-pass' } });
    registry.add('private/app', '1.0.0', { created: '2026-10-01T00:00:00Z' });
    const result = await listRegistryTags(registry.host, 'private/app', { credentials: { username: 'alice', password: 's3cret-pass' } });
    expect(result.tags).toEqual([{ tag: '1.0.0' }]);
    const token = registry.requests.find((request) => request.url.startsWith('/token'));
    expect(token?.authorization).toBe(`Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`);

    const anonymous = await reasonOf(listRegistryTags(registry.host, 'private/app'));
    expect(anonymous).toBe(
      `tags/list: the token server ${registry.host} answered 401 UNAUTHORIZED: authentication required (anonymous: \`docker ` +
        `login ${registry.host}\` if the repository is private)`,
    );
    const wrong = await reasonOf(listRegistryTags(registry.host, 'private/app', { credentials: { username: 'alice', password: 'wrong' } }));
    expect(wrong).not.toContain('wrong');
    expect(wrong).toContain('(with the credentials of `docker login`)');
  });

  it('answers a Basic challenge with the credentials, and says to log in without them', async () => {
    const registry = await start({ auth: 'basic', users: { bob: 'pw' } });
    registry.add('app', '2.0.0', { created: '2026-10-01T00:00:00Z' });
    expect((await listRegistryTags(registry.host, 'app', { credentials: { username: 'bob', password: 'pw' } })).tags).toEqual([
      { tag: '2.0.0' },
    ]);
    expect(await reasonOf(listRegistryTags(registry.host, 'app'))).toBe(
      `tags/list: ${registry.host} needs a login (\`docker login ${registry.host}\`)`,
    );
  });

  it('follows Link rel="next" pages (n and last) and stops at maxPages, saying the listing was truncated', async () => {
    const registry = await start({ pageLimit: 10 });
    for (let minor = 0; minor < 25; minor += 1)
      registry.add('app', `1.${String(minor).padStart(2, '0')}.0`, { created: '2026-10-01T00:00:00Z' });
    const all = await listRegistryTags(registry.host, 'app', { pageSize: 100 });
    expect(all.tags).toHaveLength(25);
    expect(all.truncated).toBe(false);
    expect(registry.requests.map((request) => request.url)).toEqual([
      '/v2/app/tags/list?n=100',
      '/v2/app/tags/list?n=10&last=1.09.0',
      '/v2/app/tags/list?n=10&last=1.19.0',
    ]);
    const bounded = await listRegistryTags(registry.host, 'app', { pageSize: 100, maxPages: 2 });
    expect(bounded.tags.map((tag) => tag.tag).at(-1)).toBe('1.19.0');
    expect(bounded.truncated).toBe(true);
  });

  it('resolves a manifest list and an OCI image index to the linux/amd64 image (digest stays the index digest; attestations skipped)', async () => {
    const registry = await start();
    const platforms = [
      { os: 'linux', architecture: 'arm64', variant: 'v8', created: '2026-11-02T00:00:00Z' },
      { os: 'linux', architecture: 'amd64', created: '2026-11-01T00:00:00Z' },
    ];
    const list = registry.add('app', '1.0.0', { platforms });
    const index = registry.add('app', '1.1.0', { platforms, oci: true });
    const onlyArm = registry.add('app', '1.2.0', { platforms: [platforms[0]!], oci: true });
    const result = await listRegistryTags(registry.host, 'app', { inspect: (tags) => tags, platform: amd64 });
    expect(result.tags).toEqual([
      { tag: '1.0.0', digest: list, createdAt: '2026-11-01T00:00:00Z' },
      { tag: '1.1.0', digest: index, createdAt: '2026-11-01T00:00:00Z' },
      // No image for this platform: the digest is known, the build time is not (the quarantine keeps it blocked).
      { tag: '1.2.0', digest: onlyArm },
    ]);
    const arm = await listRegistryTags(registry.host, 'app', {
      inspect: (tags) => tags.slice(0, 1),
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    });
    expect(arm.tags[0]).toEqual({ tag: '1.0.0', digest: list, createdAt: '2026-11-02T00:00:00Z' });
  });

  it('inspects at most maxInspected tags (the newest of the list inspect returns)', async () => {
    const registry = await start();
    for (const tag of ['1.0.0', '1.1.0', '1.2.0', '1.3.0']) registry.add('app', tag, { created: '2026-10-01T00:00:00Z' });
    const result = await listRegistryTags(registry.host, 'app', { inspect: (tags) => tags, maxInspected: 2 });
    expect(result.tags.map((tag) => `${tag.tag}${tag.digest ? ' inspected' : ''}`)).toEqual([
      '1.0.0',
      '1.1.0',
      '1.2.0 inspected',
      '1.3.0 inspected',
    ]);
  });

  it("turns the registry's error body into the reason (NAME_UNKNOWN)", async () => {
    const registry = await start();
    expect(await reasonOf(listRegistryTags(registry.host, 'mirror/nope'))).toBe(
      `tags/list: ${registry.host} answered 404 NAME_UNKNOWN: repository name not known to registry`,
    );
  });

  it('gives up on a registry that does not answer within the timeout, and on one that refuses the connection', async () => {
    const registry = await start({ hang: /tags\/list$/ });
    registry.add('app', '1.0.0', { created: '2026-10-01T00:00:00Z' });
    const started = Date.now();
    expect(await reasonOf(listRegistryTags(registry.host, 'app', { timeoutMs: 200 }))).toBe('tags/list: no answer within 0.2s');
    expect(Date.now() - started).toBeLessThan(5_000);

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await reasonOf(listRegistryTags(`127.0.0.1:${port}`, 'app'))).toBe('tags/list: connection refused (ECONNREFUSED)');
  });

  it('stops after maxRequests requests', async () => {
    const registry = await start({ pageLimit: 1 });
    for (const tag of ['1.0.0', '1.1.0', '1.2.0', '1.3.0']) registry.add('app', tag, { created: '2026-10-01T00:00:00Z' });
    expect(await reasonOf(listRegistryTags(registry.host, 'app', { maxRequests: 2 }))).toBe(
      `tags/list: gave up after 2 requests to ${registry.host}`,
    );
    expect(registry.requests).toHaveLength(2);
  });
});

describe('registry protocol details', () => {
  it('parses Bearer and Basic challenges', () => {
    expect(
      parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/postgres:pull"'),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/postgres:pull' },
    });
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseChallenge(null)).toBeUndefined();
  });

  it('finds the next page in a Link header, relative to the page', () => {
    expect(nextPage('</v2/app/tags/list?n=10&last=b>; rel="next"', 'http://127.0.0.1:5000/v2/app/tags/list?n=10')).toBe(
      'http://127.0.0.1:5000/v2/app/tags/list?n=10&last=b',
    );
    expect(nextPage('<https://r.example/x>; rel="prev"', 'https://r.example/v2/app/tags/list')).toBeUndefined();
    expect(nextPage(null, 'https://r.example/')).toBeUndefined();
  });

  it('names repositories as the docker CLI does: library/ only on Docker Hub, a mirror gets the name as written', () => {
    expect(resolveRegistryRepository('docker.io', 'postgres')).toEqual({ host: 'registry-1.docker.io', name: 'library/postgres' });
    expect(resolveRegistryRepository('docker.io', 'ollama/ollama')).toEqual({ host: 'registry-1.docker.io', name: 'ollama/ollama' });
    expect(resolveRegistryRepository('mirror.internal:5000', 'mirror/postgres')).toEqual({
      host: 'mirror.internal:5000',
      name: 'mirror/postgres',
    });
    expect(resolveRegistryRepository('mirror.internal:5000', 'postgres')).toEqual({ host: 'mirror.internal:5000', name: 'postgres' });
  });
});
