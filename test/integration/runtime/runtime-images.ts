import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureTestImage } from '../../support/images.js';

const run = promisify(execFile);

/**
 * The shared test images (test/support/images.ts) with the few files the catalog's commands
 * expect from the upstream images: the official images' entrypoint scripts (here they only
 * `exec "$@"`) and BusyBox wget for HTTP health checks.
 */
export async function ensureRuntimeImages(): Promise<{ redis: string; nginx: string; postgres: string; busybox: string }> {
  const [redis, nginx, postgres, busybox] = await Promise.all([
    ensureTestImage('redis'),
    ensureTestImage('nginx'),
    ensureTestImage('postgres'),
    ensureTestImage('busybox'),
  ]);
  return {
    redis: await derive('aistack-test/runtime-redis:1', redis, ['COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh']),
    nginx: await derive('aistack-test/runtime-nginx:2', nginx, [
      'COPY entrypoint.sh /docker-entrypoint.sh',
      'COPY healthz.conf /etc/nginx/conf.d/healthz.conf',
      'RUN rm -f /etc/nginx/sites-enabled/default',
      'COPY default.conf /etc/nginx/conf.d/default.conf',
    ]),
    // The official image reads POSTGRES_PASSWORD_FILE as root, before it drops to the postgres
    // user; the shared stand-in reads it afterwards, which a 0600 secret file does not allow.
    postgres: await derive('aistack-test/runtime-postgres:2', postgres, [
      'RUN mv /usr/local/bin/docker-entrypoint.sh /usr/local/bin/docker-entrypoint-stand-in.sh',
      'COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh',
    ]),
    busybox,
  };
}

async function derive(tag: string, base: string, lines: readonly string[]): Promise<string> {
  const exists = await run('docker', ['image', 'inspect', tag]).then(
    () => true,
    () => false,
  );
  if (exists) return tag;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-runtime-image-'));
  try {
    await copyFile(existsSync('/bin/busybox') ? '/bin/busybox' : '/usr/bin/busybox', path.join(directory, 'busybox'));
    await writeFile(path.join(directory, 'entrypoint.sh'), '#!/bin/sh\nexec "$@"\n');
    await chmod(path.join(directory, 'entrypoint.sh'), 0o755);
    await writeFile(
      path.join(directory, 'postgres-entrypoint.sh'),
      '#!/bin/bash\nset -e\nif [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then export POSTGRES_PASSWORD="$(< ' +
        '"$POSTGRES_PASSWORD_FILE")"; unset POSTGRES_PASSWORD_FILE; fi\nexec docker-entrypoint-stand-in.sh "$@"\n',
    );
    await chmod(path.join(directory, 'postgres-entrypoint.sh'), 0o755);
    await writeFile(
      path.join(directory, 'healthz.conf'),
      'server { listen 127.0.0.1:8081; location = /healthz { return 200 "ok\\n"; } }\n',
    );
    await writeFile(
      path.join(directory, 'default.conf'),
      'server { listen 8080 default_server; location / { return 200 "nginx ok\\n"; } }\n',
    );
    await writeFile(
      path.join(directory, 'Dockerfile'),
      [
        `FROM ${base}`,
        'COPY busybox /usr/local/bin/busybox',
        'RUN ln -sf /usr/local/bin/busybox /usr/local/bin/wget && ln -sf /usr/local/bin/busybox /usr/local/bin/nc',
        ...lines,
        '',
      ].join('\n'),
    );
    await run('docker', ['build', '--quiet', '--tag', tag, directory]);
    return tag;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
