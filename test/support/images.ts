import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile, copyFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Small images built on this machine, because no registry can be reached here. They stand in for
 * the catalog's upstream images through the manifest's image overrides, the way an air-gapped
 * user points aistack at a private registry.
 *
 * - busybox:  busybox-static (sh, httpd, nc, wget) on scratch — seconds to build.
 * - debian:   a debootstrap'd bookworm (minbase) from the mirror apt is configured with.
 * - postgres: Debian's postgresql-15 with an entrypoint compatible with the official image
 *             (POSTGRES_PASSWORD[_FILE], POSTGRES_USER[_FILE], POSTGRES_DB[_FILE],
 *             /docker-entrypoint-initdb.d, PGDATA, pg_isready on PATH).
 * - redis:    Debian's redis-server and redis-cli.
 * - nginx:    Debian's nginx.
 * - node:     the debootstrap'd Debian with this machine's Node.js binary and a `node` user (uid
 *             1000), standing in for the official node:20-bookworm-slim image.
 */
export type TestImageKind = 'busybox' | 'debian' | 'postgres' | 'redis' | 'nginx' | 'node';

const run = promisify(execFile);
const TAGS: Record<TestImageKind, string> = {
  busybox: 'aistack-test/busybox:1',
  debian: 'aistack-test/debian:bookworm',
  postgres: 'aistack-test/postgres:15-2',
  redis: 'aistack-test/redis:7',
  nginx: 'aistack-test/nginx:2',
  node: 'aistack-test/node:20',
};
const SERVICES_TAG = 'aistack-test/debian-services:1';
const LOCK_DIRECTORY = path.join(os.tmpdir(), 'aistack-test-images.lock');

/** Build the image if it is missing (once per machine; safe across parallel test files) and return its reference. */
export async function ensureTestImage(kind: TestImageKind): Promise<string> {
  const tag = TAGS[kind];
  if (await imageExists(tag)) return tag;
  return withLock(async () => {
    if (await imageExists(tag)) return tag;
    await BUILDERS[kind]();
    return tag;
  });
}

async function imageExists(tag: string): Promise<boolean> {
  try {
    await run('docker', ['image', 'inspect', '--format', '{{.Id}}', tag]);
    return true;
  } catch {
    return false;
  }
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      await mkdir(LOCK_DIRECTORY);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_DIRECTORY}; remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK_DIRECTORY, { recursive: true, force: true });
  }
}

/** Run a command, streaming nothing; on failure include the tail of its output. */
async function exec(
  command: string,
  args: readonly string[],
  options: { input?: NodeJS.ReadableStream; cwd?: string } = {},
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    if (options.input && child.stdin) options.input.pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/** The Debian mirror apt is configured with (deb822 or one-line sources). */
export function readDebianMirror(): string {
  const candidates = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const deb822 = /^URIs:\s*(\S+)/m.exec(text);
    if (deb822?.[1] && !deb822[1].includes('security')) return deb822[1];
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(text);
    if (oneLine?.[1]) return oneLine[1];
  }
  throw new Error('no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list');
}

async function buildFromDirectory(
  tag: string,
  files: Record<string, string>,
  extra: (directory: string) => Promise<void> = async () => {},
): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-image-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      await writeFile(path.join(directory, name), content);
      if (name.endsWith('.sh')) await chmod(path.join(directory, name), 0o755);
    }
    await extra(directory);
    await exec('docker', ['build', '--quiet', '--tag', tag, directory]);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function buildBusybox(): Promise<void> {
  const binary = ['/bin/busybox', '/usr/bin/busybox'].find((candidate) => existsSync(candidate));
  if (!binary) throw new Error('busybox-static is not installed (apt-get install busybox-static)');
  await buildFromDirectory(
    TAGS.busybox,
    {
      Dockerfile: [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "mkdir", "-p", "/usr/bin", "/sbin", "/usr/sbin", "/tmp", "/etc", "/var/www", "/data"]',
        'RUN ["/bin/busybox", "--install", "-s"]',
        'RUN echo "root:x:0:0:root:/root:/bin/sh" > /etc/passwd && echo "root:x:0:" > /etc/group && chmod 1777 /tmp',
        'CMD ["sh"]',
        '',
      ].join('\n'),
    },
    async (directory) => copyFile(binary, path.join(directory, 'busybox')),
  );
}

async function buildDebian(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'aistack-debootstrap-'));
  try {
    await exec('debootstrap', ['--variant=minbase', 'bookworm', root, readDebianMirror()]);
    // Keep the image small: apt lists and caches are rebuilt by whoever installs packages.
    await rm(path.join(root, 'var/cache/apt/archives'), { recursive: true, force: true });
    await mkdir(path.join(root, 'var/cache/apt/archives/partial'), { recursive: true });
    for (const entry of await readdir(path.join(root, 'var/lib/apt/lists')).catch(() => [])) {
      if (entry !== 'partial' && entry !== 'lock') await rm(path.join(root, 'var/lib/apt/lists', entry), { force: true });
    }
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await exec('docker', ['import', '--change', 'CMD ["bash"]', '-', TAGS.debian], { input: tar.stdout });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function buildServicesBase(): Promise<void> {
  if (await imageExists(SERVICES_TAG)) return;
  if (!(await imageExists(TAGS.debian))) await buildDebian();
  await buildFromDirectory(SERVICES_TAG, {
    Dockerfile: [
      `FROM ${TAGS.debian}`,
      'ENV DEBIAN_FRONTEND=noninteractive',
      'RUN apt-get update && apt-get install -y --no-install-recommends postgresql-15 redis-server redis-tools nginx-light ' +
        'ca-certificates && rm -rf /var/lib/apt/lists/*',
      '',
    ].join('\n'),
  });
}

const POSTGRES_ENTRYPOINT = `#!/bin/bash
# A small stand-in for the official image's docker-entrypoint.sh: the same variables, the same
# init directory, the same "only on an empty data directory" rule.
set -euo pipefail
file_env() {
  local var="$1" file_var="\${1}_FILE" default="\${2:-}"
  if [ -n "\${!var:-}" ] && [ -n "\${!file_var:-}" ]; then echo "both $var and $file_var are set" >&2; exit 1; fi
  local value="$default"
  if [ -n "\${!var:-}" ]; then value="\${!var}"; elif [ -n "\${!file_var:-}" ]; then value="$(< "\${!file_var}")"; fi
  export "$var"="$value"; unset "$file_var"
}
# As in the official image, *_FILE secrets are read before dropping to the postgres user.
file_env POSTGRES_USER postgres
file_env POSTGRES_PASSWORD
file_env POSTGRES_DB "$POSTGRES_USER"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql && chown -R postgres:postgres "$(dirname "$PGDATA")" /var/run/postgresql && chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "$POSTGRES_PASSWORD" ]; then echo "POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE is required" >&2; exit 1; fi
  pwfile=$(mktemp); printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 -D "$PGDATA" >/dev/null
  rm -f "$pwfile"
  printf "listen_addresses = '*'\\n" >> "$PGDATA/postgresql.conf"
  printf 'host all all all scram-sha-256\\n' >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [ "$POSTGRES_DB" != postgres ]; then psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \\"$POSTGRES_DB\\"" >/dev/null; fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) echo "running $f"; psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -d "$POSTGRES_DB" -f "$f" ;;
      *) ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "PostgreSQL init process complete; ready for start up."
fi
exec "$@"
`;

async function buildPostgres(): Promise<void> {
  await buildServicesBase();
  await buildFromDirectory(TAGS.postgres, {
    'docker-entrypoint.sh': POSTGRES_ENTRYPOINT,
    Dockerfile: [
      `FROM ${SERVICES_TAG}`,
      'ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/18/docker',
      'RUN mkdir -p /docker-entrypoint-initdb.d',
      'COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      'STOPSIGNAL SIGINT',
      'EXPOSE 5432',
      'CMD ["postgres"]',
      '',
    ].join('\n'),
  });
}

async function buildRedis(): Promise<void> {
  await buildServicesBase();
  await buildFromDirectory(TAGS.redis, {
    Dockerfile: [
      `FROM ${SERVICES_TAG}`,
      'RUN mkdir -p /data && chown redis:redis /data',
      'WORKDIR /data',
      'EXPOSE 6379',
      'CMD ["redis-server", "--protected-mode", "no", "--bind", "0.0.0.0", "--dir", "/data"]',
      '',
    ].join('\n'),
  });
}

async function buildNginx(): Promise<void> {
  await buildServicesBase();
  await buildFromDirectory(
    TAGS.nginx,
    {
      Dockerfile: [
        `FROM ${SERVICES_TAG}`,
        // Like the official image: an `nginx` worker user, /docker-entrypoint.sh and BusyBox wget for health checks.
        'RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log && useradd ' +
          '--system --no-create-home --shell /usr/sbin/nologin nginx',
        'COPY busybox /usr/local/bin/busybox',
        'RUN ln -s /usr/local/bin/busybox /usr/local/bin/wget && printf \'#!/bin/sh\\nexec "$@"\\n\' > ' +
          '/docker-entrypoint.sh && chmod 755 /docker-entrypoint.sh',
        'EXPOSE 80 443',
        'STOPSIGNAL SIGQUIT',
        'CMD ["nginx", "-g", "daemon off;"]',
        '',
      ].join('\n'),
    },
    copyBusybox,
  );
}

async function copyBusybox(directory: string): Promise<void> {
  const binary = ['/bin/busybox', '/usr/bin/busybox'].find((candidate) => existsSync(candidate));
  if (!binary) throw new Error('busybox-static is not installed (apt-get install busybox-static)');
  await copyFile(binary, path.join(directory, 'busybox'));
}

async function buildNode(): Promise<void> {
  if (!(await imageExists(TAGS.debian))) await buildDebian();
  await buildFromDirectory(
    TAGS.node,
    {
      Dockerfile: [
        `FROM ${TAGS.debian}`,
        'COPY node /usr/local/bin/node',
        'RUN useradd --create-home --uid 1000 --shell /bin/bash node',
        'CMD ["node"]',
        '',
      ].join('\n'),
    },
    async (directory) => copyFile(process.execPath, path.join(directory, 'node')),
  );
}

const BUILDERS: Record<TestImageKind, () => Promise<void>> = {
  busybox: buildBusybox,
  debian: buildDebian,
  postgres: buildPostgres,
  redis: buildRedis,
  nginx: buildNginx,
  node: buildNode,
};
