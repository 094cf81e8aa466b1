import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { DockerError } from '../errors.js';
import type { ComposeCommand } from './compose-command.js';
import { detectCompose, runProcess } from './compose-command.js';

/** One compose project on disk: the name, its files and the directory relative paths resolve against. */
export interface ComposeProjectOptions {
  readonly name: string;
  readonly files: readonly string[];
  readonly projectDirectory: string;
}

export interface DeclaredService {
  readonly networks: number;
  readonly replicas: number;
}

/** Lifecycle through the compose program. Inspection, events and logs go through the Engine API instead. */
export interface ComposeProject {
  readonly name: string;
  readonly command: ComposeCommand;
  /** Create networks, volumes and containers without starting them (recreates changed ones); with `noDeps` only the named services. */
  create(services?: readonly string[], options?: { readonly noDeps?: boolean }): Promise<void>;
  /** `up -d --no-deps` for the given services: aistack decides the order, not compose. */
  up(services: readonly string[]): Promise<void>;
  stop(services: readonly string[]): Promise<void>;
  restart(services: readonly string[]): Promise<void>;
  remove(services: readonly string[]): Promise<void>;
  down(options: { readonly volumes: boolean }): Promise<void>;
  pull(services?: readonly string[]): Promise<void>;
  /** Run any compose subcommand; returns its stdout. */
  run(args: readonly string[]): Promise<string>;
  /** Per service: how many networks it is declared on (compose's `default` when none) and how many replicas it runs. */
  declaredServices(): Promise<ReadonlyMap<string, DeclaredService>>;
}

export async function createComposeProject(options: ComposeProjectOptions, command?: ComposeCommand): Promise<ComposeProject> {
  const compose = command ?? (await detectCompose());
  const files = compose.major === 1 ? await Promise.all(options.files.map(adaptForComposeV1)) : options.files;
  const base = [
    ...compose.prefix,
    '--project-name',
    options.name,
    '--project-directory',
    options.projectDirectory,
    ...files.flatMap((file) => ['--file', file]),
  ];
  const run = async (args: readonly string[], timeoutMs = 15 * 60_000): Promise<string> => {
    const result = await runProcess(compose.program, [...base, ...args], { cwd: options.projectDirectory, timeoutMs });
    if (result.code !== 0) {
      const lastLines = result.stderr.trim().split('\n').slice(-12);
      const detail = lastLines.join('\n');
      throw new DockerError('AIS_DOCKER_COMPOSE_FAILED', {
        command: `${compose.program} ${[...compose.prefix, ...args].join(' ')}`,
        exitCode: result.code,
        lastLines,
        hint: detail.includes('aistack/aistack')
          ? "aistack's own image (the monitor) is built, not pulled: run `docker build -t aistack/aistack:0.1.0 .` in the " +
            'aistack checkout after `npm ci` (see Dockerfile), or set `monitor: { enabled: false }`'
          : /pull|registry|manifest unknown|not found/i.test(detail)
            ? 'an image is missing here and cannot be pulled: `aistack images load -i <tar>` (from `aistack images save` on ' +
              'a connected host), or point services.<id>.image at a registry you can reach'
            : 'read the compose output above; `aistack doctor` checks the Docker host',
      });
    }
    return result.stdout;
  };
  let declared: Promise<ReadonlyMap<string, DeclaredService>> | undefined;
  return {
    name: options.name,
    command: compose,
    run,
    declaredServices: () => (declared ??= readDeclaredServices(options.files)),
    create: async (services = [], createOptions = {}) => {
      await run(['up', '--no-start', '--remove-orphans', ...(createOptions.noDeps ? ['--no-deps'] : []), ...services]);
    },
    up: async (services) => {
      if (services.length > 0) await run(['up', '--detach', '--no-deps', ...services]);
    },
    stop: async (services) => {
      await run(['stop', ...services]);
    },
    restart: async (services) => {
      await run(['restart', ...services]);
    },
    remove: async (services) => {
      await run(['rm', '--force', '--stop', ...services]);
    },
    down: async ({ volumes }) => {
      await run(['down', '--remove-orphans', ...(volumes ? ['--volumes'] : [])]);
    },
    pull: async (services = []) => {
      await run(['pull', ...services]);
    },
  };
}

/**
 * docker-compose 1.x gets a copy of the file adapted to what it can do:
 * - it rejects the Compose Specification's top-level `name` (the project name is passed with
 *   --project-name anyway);
 * - every `depends_on` condition becomes `service_started`: aistack's own rollout enforces the
 *   conditions and asks compose only to create containers, or to start named ones with
 *   `--no-deps`. Under `up --no-start` compose 1.29 would otherwise hang forever on a
 *   `service_completed_successfully` dependency, and hold back (or fail) the creation of a
 *   service whose `service_healthy` dependency aistack has already started.
 */
async function adaptForComposeV1(file: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  const document = parse(text) as { name?: unknown; services?: Record<string, { depends_on?: unknown } | null> } | null;
  if (!document || typeof document !== 'object') return file;
  let changed = false;
  if ('name' in document) {
    delete document.name;
    changed = true;
  }
  for (const service of Object.values(document.services ?? {})) {
    const dependsOn = service?.depends_on;
    if (!dependsOn || typeof dependsOn !== 'object' || Array.isArray(dependsOn)) continue;
    for (const dependency of Object.values(dependsOn as Record<string, { condition?: string } | null>)) {
      if (dependency?.condition !== undefined && dependency.condition !== 'service_started') {
        dependency.condition = 'service_started';
        changed = true;
      }
    }
  }
  if (!changed) return file;
  const target = path.join(path.dirname(file), `.${path.basename(file, path.extname(file))}.compose-v1.yaml`);
  // YAML 1.1 output: PyYAML reads a plain `no` or `on` as a boolean.
  await writeFile(target, stringify(document, { lineWidth: 0, version: '1.1' }));
  return target;
}

/** Networks and replicas per service across the compose files (a later file's value replaces an earlier one). */
async function readDeclaredServices(files: readonly string[]): Promise<ReadonlyMap<string, DeclaredService>> {
  const services = new Map<string, DeclaredService>();
  for (const file of files) {
    const document = parse(await readFile(file, 'utf8')) as {
      services?: Record<
        string,
        { networks?: unknown; network_mode?: unknown; scale?: unknown; deploy?: { replicas?: unknown } | null } | null
      >;
    } | null;
    for (const [service, definition] of Object.entries(document?.services ?? {})) {
      const before = services.get(service) ?? { networks: 1, replicas: 1 };
      const declared = definition?.networks;
      const networks =
        definition?.network_mode !== undefined
          ? 0
          : Array.isArray(declared)
            ? declared.length
            : declared && typeof declared === 'object'
              ? Object.keys(declared).length
              : before.networks;
      const replicas = Number(definition?.deploy?.replicas ?? definition?.scale ?? before.replicas);
      services.set(service, { networks, replicas: Number.isInteger(replicas) && replicas >= 0 ? replicas : before.replicas });
    }
  }
  return services;
}
