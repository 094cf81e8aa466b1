import { REDIS_PASSWORD_SECRET } from './shared-secrets.js';
import type { CatalogEntry } from './types.js';

const passwordFile = `/run/secrets/${REDIS_PASSWORD_SECRET}`;

/**
 * The password reaches redis-server as configuration on stdin (`redis-server -`, read as the last
 * argument) from a here-document filled from the secret file at start: never on the command
 * line, where `docker inspect` and `ps` would show it. `exec` keeps redis-server as PID 1 (after
 * docker-entrypoint.sh drops to the redis user), so `docker stop` shuts it down cleanly.
 */
const startScript = [
  'set -e',
  `[ -s ${passwordFile} ] || { echo "aistack: ${passwordFile} is missing or empty" >&2; exit 1; }`,
  'exec docker-entrypoint.sh redis-server - <<EOF',
  `requirepass $(cat ${passwordFile})`,
  'dir /data',
  'save 60 1',
  'appendonly no',
  'EOF',
].join('\n');

/** Redis: cache and queue broker (Dify, optional for others). Password always on (Traps 16). */
export const redisEntry: CatalogEntry = {
  id: 'redis',
  title: 'Redis',
  category: 'cache',
  description: 'Cache and message broker with a password and RDB snapshots',
  homepage: 'https://redis.io',
  image: { repository: 'redis', tag: '8.10.1-alpine' },
  port: 6379,
  protocol: 'redis',
  // redis-cli ping answers NOAUTH (exit 0) without the password: look for PONG.
  health: {
    test: ['CMD', 'sh', '-c', `REDISCLI_AUTH="$(cat ${passwordFile})" redis-cli --no-auth-warning -h 127.0.0.1 ping | grep -q PONG`],
    interval: '10s',
    timeout: '5s',
    retries: 10,
    startPeriod: '10s',
    probe: { type: 'redis' },
  },
  volumes: [
    {
      name: 'data',
      target: '/data',
      backup: { kind: 'redis-rdb' },
      description: 'RDB snapshots (save 60 1)',
    },
  ],
  secrets: [
    {
      name: 'password',
      kind: 'password',
      delivery: 'mount',
      protects: "Redis (requirepass): Dify's cache and Celery broker",
      // Read by the start command (requirepass) and by every health check (REDISCLI_AUTH).
      live: { kind: 'redis-default-user' },
    },
  ],
  environment: {},
  entrypoint: ['docker-entrypoint.sh'],
  command: ['sh', '-c', startScript],
  shell: '/bin/sh',
  requires: [],
  resources: { memoryMb: 512, cpus: 0.5, pids: 256 },
  networks: ['internal'],
  notes: [
    'No *_FILE support in the image: the password is read from the mounted secret by the start command (config on stdin) ' +
      'and by the health check (REDISCLI_AUTH).',
    'Persistence is opt-in upstream; aistack turns on RDB snapshots (save 60 1) so redis-rdb backups have something to copy.',
  ],
  ignoredFileVariables: ['REDIS_PASSWORD_FILE', 'REDISCLI_AUTH_FILE'],
  readsFileVariables: [],
};
