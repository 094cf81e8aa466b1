import { X509Certificate } from 'node:crypto';
import { readdir, readFile, statfs } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { ProjectPaths } from '../project/paths.js';
import type { Stack } from '../stack/types.js';
import { detectCompose } from './compose-command.js';
import { INSTALL_DOCKER_HINT } from './docker-error.js';
import type { Engine, EngineInfo } from './engine.js';
import type { ImageRegistry } from './image-registry.js';
import { assessStackImages, describeMissingImages } from './stack-images.js';
import { acceleratorChecks } from './doctor-accelerators.js';
import type { CommandRunner } from '../gpu/detect-accelerators.js';

export interface DoctorCheck {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
  /** The exact command (or edit) that fixes it. */
  readonly fix?: string;
}

/** Minimum Engine and compose versions aistack is tested with (Compose Specification files). */
const MIN_ENGINE = [20, 10];
const MIN_COMPOSE_V1 = [1, 27];

export interface DoctorOptions {
  /** Root of the host filesystem for GPU detection, and the command runner (tests pass fake trees and recorded outputs). @default / and the host's commands */
  readonly accelerators?: { readonly root: string; readonly run: CommandRunner };
  /** Asked whether each missing image can be pulled; without it a missing image only counts as missing. */
  readonly registry?: ImageRegistry;
}

/** Is this host ready for the stack? Every problem comes with its fix. */
export async function runDoctor(
  engine: Engine,
  paths: ProjectPaths,
  stack: Stack | undefined,
  now: Date,
  options: DoctorOptions = {},
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let info: EngineInfo | undefined;
  try {
    info = await engine.info();
    checks.push(
      compareVersion(info.version, MIN_ENGINE) >= 0
        ? { name: 'docker engine', status: 'ok', detail: `${info.version} (API ${info.apiVersion}, ${info.storageDriver})` }
        : {
            name: 'docker engine',
            status: 'warn',
            detail: `${info.version} is older than ${MIN_ENGINE.join('.')}`,
            fix: 'apt-get install --only-upgrade docker.io',
          },
    );
  } catch (error: unknown) {
    checks.push({
      name: 'docker engine',
      status: 'fail',
      detail: (error as Error).message,
      fix: INSTALL_DOCKER_HINT.replace(/^install Docker and start it: /, ''),
    });
  }
  try {
    const compose = await detectCompose();
    const old = compose.major === 1 && compareVersion(compose.version, MIN_COMPOSE_V1) < 0;
    checks.push(
      old
        ? {
            name: 'compose',
            status: 'fail',
            detail: `docker-compose ${compose.version} cannot read Compose Specification files`,
            fix: 'apt-get install docker-compose (1.29 or later), or the docker compose v2 plugin',
          }
        : { name: 'compose', status: 'ok', detail: `${compose.major === 2 ? 'docker compose' : 'docker-compose'} ${compose.version}` },
    );
  } catch (error: unknown) {
    checks.push({ name: 'compose', status: 'fail', detail: (error as Error).message, fix: 'apt-get install docker-compose' });
  }
  if (!stack) return checks;

  const ownProxy = info ? await proxyPublishes(engine, stack) : new Set<number>();
  for (const port of [stack.proxy.httpPort, stack.proxy.httpsPort]) {
    if (ownProxy.has(port)) {
      checks.push({ name: `port ${port}`, status: 'ok', detail: 'published by this stack' });
      continue;
    }
    const free = await isPortFree(stack.proxy.bind, port);
    if (free === undefined) {
      checks.push({
        name: `port ${port}`,
        status: 'ok',
        detail: `cannot test as this user (privileged port); Docker publishes it as root`,
      });
      continue;
    }
    checks.push(
      free
        ? { name: `port ${port}`, status: 'ok', detail: `free on ${stack.proxy.bind}` }
        : {
            name: `port ${port}`,
            status: 'fail',
            detail: `in use on ${stack.proxy.bind}; the proxy cannot publish it`,
            fix:
              `find the owner with \`ss -ltnp 'sport = :${port}'\` and stop it, or set ` +
              `proxy.${port === stack.proxy.httpPort ? 'httpPort' : 'httpsPort'} in aistack.yaml`,
          },
    );
  }

  const memoryMb = stack.services.reduce((sum, service) => sum + service.resources.memoryMb * service.replicas, 0);
  if (info && info.memoryBytes > 0) {
    const hostMb = Math.floor(info.memoryBytes / 1024 / 1024);
    checks.push(
      memoryMb <= hostMb
        ? { name: 'memory', status: 'ok', detail: `limits add up to ${memoryMb} MiB of ${hostMb} MiB` }
        : {
            name: 'memory',
            status: 'warn',
            detail: `limits add up to ${memoryMb} MiB but the host has ${hostMb} MiB`,
            fix: 'lower services.<id>.resources.memory in aistack.yaml, or remove services (`aistack remove <id>`)',
          },
    );
  }
  const neededGb = 5 + stack.services.length;
  try {
    const fs = await statfs(info?.dockerRoot ?? '/var/lib/docker').catch(() => statfs(paths.directory));
    const freeGb = (fs.bavail * fs.bsize) / 1024 ** 3;
    checks.push(
      freeGb >= neededGb
        ? { name: 'disk', status: 'ok', detail: `${freeGb.toFixed(1)} GiB free for Docker` }
        : {
            name: 'disk',
            status: 'warn',
            detail: `${freeGb.toFixed(1)} GiB free for Docker; the stack wants about ${neededGb} GiB`,
            fix: 'docker system prune (removes stopped containers and unused images)',
          },
    );
  } catch {
    // statfs is best effort
  }
  checks.push(...(await acceleratorChecks(stack, info, options)));
  if (info) checks.push(...(await imageChecks(engine, stack, options.registry)));
  checks.push(...(await certificateChecks(paths, stack, now)));
  return checks;
}

/** One check per image that is not here (can it be pulled?), then a summary with the ways out. */
async function imageChecks(engine: Engine, stack: Stack, registry: ImageRegistry | undefined): Promise<DoctorCheck[]> {
  const images = await assessStackImages(engine, stack, registry);
  const missing = images.filter((image) => image.state.kind !== 'present');
  if (missing.length === 0)
    return [
      {
        name: 'images',
        status: 'ok',
        detail: images.length === 1 ? 'its one image is on this host' : `all ${images.length} images are on this host`,
      },
    ];
  const blocked = missing.filter((image) => image.state.kind !== 'pullable');
  const checks: DoctorCheck[] = missing.map((image) => {
    const state = image.state;
    const detail =
      state.kind === 'pullable'
        ? 'not here; can be pulled (`aistack up` pulls it)'
        : state.kind === 'build'
          ? "not here; aistack's own image is built, not pulled"
          : `not here and cannot be pulled: ${state.kind === 'unavailable' ? state.reason : ''}`;
    return {
      name: `image ${image.reference}`,
      status: state.kind === 'pullable' ? 'warn' : 'fail',
      detail: `${detail} (${image.services.join(', ')})`,
    };
  });
  checks.push(
    blocked.length === 0
      ? {
          name: 'images',
          status: 'warn',
          detail: `${missing.length} of ${images.length} images are not here; all can be pulled`,
          fix: 'aistack images pull (or `aistack up`, which pulls them first)',
        }
      : {
          name: 'images',
          status: 'fail',
          detail:
            `${missing.length} of ${images.length} images are not here, ${blocked.length} cannot be pulled; \`aistack up\` ` +
            'would stop before creating anything',
          fix: describeMissingImages(images).waysOut.join('\n'),
        },
  );
  return checks;
}

async function certificateChecks(paths: ProjectPaths, stack: Stack, now: Date): Promise<DoctorCheck[]> {
  const files = stack.tls.mode === 'files' ? [path.resolve(paths.directory, stack.tls.certificate)] : await listCertificates(paths.tls);
  const checks: DoctorCheck[] = [];
  for (const file of files) {
    const name = `certificate ${path.relative(paths.directory, file)}`;
    try {
      const certificate = new X509Certificate(await readFile(file));
      const days = Math.floor((new Date(certificate.validTo).getTime() - now.getTime()) / 86_400_000);
      const fix =
        stack.tls.mode === 'files' ? `replace ${file} with a renewed certificate` : 'aistack up (renews certificates that are due)';
      if (days < 0) checks.push({ name, status: 'fail', detail: `expired ${-days} days ago (${certificate.validTo})`, fix });
      else if (days < 14) checks.push({ name, status: 'warn', detail: `expires in ${days} days (${certificate.validTo})`, fix });
      else checks.push({ name, status: 'ok', detail: `valid for ${days} more days` });
    } catch (error: unknown) {
      checks.push({
        name,
        status: 'fail',
        detail: `cannot read it: ${(error as Error).message}`,
        fix: stack.tls.mode === 'files' ? 'check tls.certificate in aistack.yaml' : 'aistack up (creates the certificates)',
      });
    }
  }
  return checks;
}

async function listCertificates(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true }).catch(() => [] as string[]);
  return entries
    .filter((entry) => /\.(crt|pem)$/.test(entry) && !/key/i.test(entry))
    .map((entry) => path.join(directory, entry))
    .sort();
}

async function proxyPublishes(engine: Engine, stack: Stack): Promise<Set<number>> {
  const containers = await engine.listContainers(stack.name).catch(() => []);
  return new Set(
    containers.filter((container) => container.state === 'running').flatMap((container) => container.ports.map((port) => port.hostPort)),
  );
}

/** true: free; false: in use; undefined: not allowed to try (a port below 1024 as a normal user). */
export function isPortFree(host: string, port: number): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EACCES' ? undefined : false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Compare dotted versions numerically (`20.10.24+dfsg1` ≥ `20.10`). */
export function compareVersion(version: string, minimum: readonly number[]): number {
  const parts = version.split(/[.+-]/).map((part) => Number.parseInt(part, 10));
  for (let index = 0; index < minimum.length; index += 1) {
    const difference = (parts[index] ?? 0) - (minimum[index] ?? 0);
    if (Number.isNaN(difference)) return -1;
    if (difference !== 0) return difference;
  }
  return 0;
}
