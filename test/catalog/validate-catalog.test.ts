import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../../src/catalog/validate-catalog.js';
import type { CatalogEntry } from '../../src/catalog/types.js';

const base: CatalogEntry = {
  id: 'app',
  title: 'App',
  category: 'ui',
  description: 'an app',
  homepage: 'https://example.org',
  image: { repository: 'example/app', tag: '1.2.3' },
  port: 8080,
  protocol: 'http',
  health: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/'], probe: { type: 'http', path: '/' } },
  volumes: [],
  secrets: [],
  environment: {},
  requires: [],
  resources: { memoryMb: 256, cpus: 1 },
  networks: ['edge'],
};
const postgres: CatalogEntry = { ...base, id: 'postgres', title: 'PostgreSQL', category: 'database', networks: ['internal'] };

const messages = (entries: readonly CatalogEntry[]) => validateCatalog(entries).map((problem) => `${problem.entry}: ${problem.message}`);

describe('validateCatalog', () => {
  it('accepts a minimal valid entry', () => {
    expect(messages([base])).toEqual([]);
  });

  it('reports floating tags', () => {
    expect(messages([{ ...base, image: { repository: 'example/app', tag: 'latest' } }])).toEqual(['app: image tag "latest" is not pinned']);
    expect(messages([{ ...base, image: { repository: 'example/app', tag: 'main' } }])).toEqual(['app: image tag "main" is not pinned']);
    expect(messages([{ ...base, image: { repository: 'example/app', tag: 'stable' } }])).toEqual(['app: image tag "stable" is not pinned']);
  });

  it('reports duplicate ids, unsorted entries and unknown requirements', () => {
    expect(messages([{ ...base, requires: ['postgress'] }, base])).toEqual([
      'app: duplicate id "app"',
      'app: requires unknown service "postgress"',
    ]);
    expect(messages([postgres, base])).toEqual(['app: not sorted by id: "app" comes after "postgres"']);
  });

  it('reports an empty health test and a test that tries both curl and wget', () => {
    expect(messages([{ ...base, health: { test: [], probe: { type: 'tcp' } } }])).toEqual([
      'app: health test must start with CMD or CMD-SHELL and name a command',
    ]);
    expect(
      messages([{ ...base, health: { test: ['CMD-SHELL', 'wget -q -O- http://x/ || curl -f http://x/'], probe: { type: 'tcp' } } }]),
    ).toEqual(['app: health test tries both curl and wget: use the one binary the image has']);
  });

  it('requires a shell and something to exec for env-only secrets', () => {
    const entry: CatalogEntry = {
      ...base,
      secrets: [{ name: 'key', kind: 'hex32', variable: 'APP_KEY', delivery: 'entrypoint', protects: 'the app' }],
    };
    expect(messages([entry])).toEqual([
      'app: secret "key" needs the entrypoint wrapper, but the entry names no shell',
      'app: secret "key" needs the entrypoint wrapper, but the entry names neither the image\'s entrypoint nor its command',
    ]);
    expect(messages([{ ...entry, shell: '/bin/sh', command: ['app'] }])).toEqual([]);
  });

  it('reports a secret shared with a secret nobody declares, and a file variable the image ignores', () => {
    expect(
      messages([
        {
          ...base,
          secrets: [
            { name: 'key', kind: 'hex32', variable: 'APP_KEY', delivery: 'file-variable', protects: 'the app', sameAs: 'other-key' },
          ],
          ignoredFileVariables: ['APP_KEY_FILE'],
        },
      ]),
    ).toEqual([
      'app: secret "key" is the same as unknown secret "other-key"',
      'app: secret "key" uses APP_KEY_FILE, which the entry lists as ignored',
    ]);
  });

  it('reports a database without postgres, and a database two entries claim', () => {
    const app = { ...base, database: { database: 'app', role: 'app' } };
    expect(messages([app, postgres])).toEqual(['app: declares a database but does not require postgres']);
    expect(messages([{ ...app, requires: ['postgres'] }, { ...app, id: 'bpp', requires: ['postgres'] }, postgres])).toEqual([
      'bpp: database "app" is also declared by app',
    ]);
  });

  it('reports two entries with the same default subdomain and a short timeout on a streaming route', () => {
    const route = {
      subdomain: 'chat',
      subPath: false,
      ownLogin: true,
      websocket: false,
      streaming: true,
      uploadMaxMb: 10,
      readTimeoutSeconds: 60,
    };
    expect(
      messages([
        { ...base, route },
        { ...base, id: 'bpp', route: { ...route, readTimeoutSeconds: 600 } },
      ]),
    ).toEqual(['app: a streaming route needs a read timeout of 300 s or more', 'bpp: route subdomain "chat" is also app\'s']);
  });

  it('reports require cycles and the docker socket mounted anywhere but the socket proxy', () => {
    expect(
      messages([
        { ...base, requires: ['bpp'] },
        { ...base, id: 'bpp', requires: ['app'] },
      ]),
    ).toEqual(['app: requires form a cycle: app → bpp → app']);
    expect(
      messages([
        { ...base, hostMounts: [{ source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: true, reason: 'x' }] },
      ]),
    ).toEqual(['app: only docker-socket-proxy may mount the Docker socket']);
  });

  it('reports CPU limits above 2 cores', () => {
    expect(messages([{ ...base, resources: { memoryMb: 256, cpus: 4 } }])).toEqual([
      "app: cpus 4 exceeds 2: Docker refuses a limit above the host's cores on small hosts",
    ]);
  });
});
