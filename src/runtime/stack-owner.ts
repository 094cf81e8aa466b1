import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DockerError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Engine } from './engine.js';
import { PROJECT_LABEL } from './engine.js';
import type { RuntimeContext } from './runtime-context.js';
import { openStateStore } from './state-store.js';

/** The id of the project directory that owns a stack's containers, networks and volumes. */
export const OWNER_LABEL = 'ai.aistack.owner';
/** Where that directory was when the resource was made (for messages; the id decides). */
export const OWNER_DIRECTORY_LABEL = 'ai.aistack.owner-directory';
/** Compose's own record of the project directory, on containers only (also before aistack labelled anything). */
const WORKING_DIRECTORY_LABEL = 'com.docker.compose.project.working_dir';

export interface StackOwner {
  /** Random, made once, kept in .aistack/stack-id: it moves with the folder. */
  readonly id: string;
  readonly directory: string;
}

/** Another directory's claim on a compose project name. */
export interface ForeignClaim {
  /** The owning directory, or undefined when nothing says which one it is. */
  readonly directory: string | undefined;
  /** `container aistack_web_1`, `volume aistack_postgres-data` … */
  readonly resources: readonly string[];
}

/** This directory's owner id, created on first use. */
export async function readStackOwner(paths: ProjectPaths): Promise<StackOwner> {
  const file = stackIdFile(paths);
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (/^[0-9a-f-]{36}$/.test(existing)) return { id: existing, directory: paths.directory };
  const id = randomUUID();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${id}\n`, { mode: 0o644 });
  return { id, directory: paths.directory };
}

/** The owner id when one was made already (init must not create .aistack/ just to look). */
export async function peekStackOwner(paths: ProjectPaths): Promise<StackOwner | undefined> {
  if (!existsSync(stackIdFile(paths))) return undefined;
  return readStackOwner(paths);
}

/**
 * Everything on the Engine labelled with compose project `stackName` that another directory owns.
 * Ours: labelled with our id; or, made before aistack labelled its resources, a container whose
 * compose working directory is this one, and networks and volumes when this directory has
 * deployed the stack before (`deployedHere`) or owns one of its containers.
 */
export async function findForeignClaims(
  engine: Engine,
  stackName: string,
  owner: StackOwner | undefined,
  options: { readonly deployedHere: boolean },
): Promise<ForeignClaim[]> {
  const filters = { label: [`${PROJECT_LABEL}=${stackName}`] };
  const [containers, networks, volumes] = await Promise.all([
    engine.docker.listContainers({ all: true, filters }),
    engine.docker.listNetworks({ filters }),
    engine.docker.listVolumes({ filters }),
  ]);
  const claims = new Map<string, string[]>();
  const claim = (key: string, resource: string): void => {
    claims.set(key, [...(claims.get(key) ?? []), resource]);
  };
  const UNKNOWN = '';
  let ownsContainer = false;
  const unlabelled: string[] = [];
  const judge = (labels: Record<string, string> | undefined, resource: string, isContainer: boolean): void => {
    const id = labels?.[OWNER_LABEL];
    if (id !== undefined) {
      if (id !== owner?.id) claim(labels?.[OWNER_DIRECTORY_LABEL] ?? UNKNOWN, resource);
      else if (isContainer) ownsContainer = true;
      return;
    }
    if (!isContainer) {
      unlabelled.push(resource);
      return;
    }
    const workingDirectory = labels?.[WORKING_DIRECTORY_LABEL];
    if (workingDirectory !== undefined && path.resolve(workingDirectory) === owner?.directory) ownsContainer = true;
    else claim(workingDirectory ?? UNKNOWN, resource);
  };
  for (const container of containers) judge(container.Labels, `container ${container.Names[0]?.replace(/^\//, '') ?? container.Id}`, true);
  for (const network of networks) judge(network.Labels, `network ${network.Name}`, false);
  for (const volume of volumes.Volumes ?? []) judge(volume.Labels ?? undefined, `volume ${volume.Name}`, false);
  if (unlabelled.length > 0 && !(options.deployedHere || ownsContainer)) for (const resource of unlabelled) claim(UNKNOWN, resource);
  return [...claims].map(([directory, resources]) => ({ directory: directory === UNKNOWN ? undefined : directory, resources }));
}

/**
 * Refuse to act on a compose project that another directory owns: two folders with the same
 * `name:` would otherwise share containers (`up` in one removes the other's as orphans), networks
 * and volumes. Returns this directory's owner, whose labels every new resource gets.
 */
export async function assertStackOwner(options: {
  readonly engine: Engine;
  readonly paths: ProjectPaths;
  readonly stackName: string;
  readonly deployedHere: boolean;
}): Promise<StackOwner> {
  const owner = await readStackOwner(options.paths);
  const claims = await findForeignClaims(options.engine, options.stackName, owner, { deployedHere: options.deployedHere });
  const claim = claims[0];
  if (!claim) return owner;
  const proposal = await proposeStackName(options.engine, owner, path.basename(options.paths.directory), options.stackName);
  throw new DockerError('AIS_RUNTIME_STACK_OWNED', {
    stack: options.stackName,
    owner: claim.directory,
    directory: options.paths.directory,
    resources: claims.flatMap((entry) => entry.resources),
    hint:
      `give this stack its own name: set \`name: ${proposal}\` in ${options.paths.manifest}, then run the command again` +
      (claim.directory ? `; manage the other stack from its folder (\`aistack -C ${claim.directory} status\`)` : ''),
  });
}

/**
 * A compose project name for a directory whose preferred one is taken on this Engine: the folder's
 * name (lower-case; other characters become -), then with -2, -3 … until one is free.
 */
export async function proposeStackName(engine: Engine, owner: StackOwner | undefined, folder: string, taken: string): Promise<string> {
  const base =
    folder
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .replace(/-+$/, '') || 'stack';
  for (let attempt = 1; attempt < 20; attempt += 1) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    if (candidate === taken) continue;
    if ((await findForeignClaims(engine, candidate, owner, { deployedHere: false })).length === 0) return candidate;
  }
  return `${base}-${owner?.id.slice(0, 8) ?? 'new'}`;
}

/**
 * The name `init` gives a new stack: `preferred`, unless another directory's stack uses it on this
 * Engine, then one from the folder's name. `note` says why when it is not the preferred one.
 */
export async function chooseStackName(
  engine: Engine,
  paths: ProjectPaths,
  preferred: string,
): Promise<{ readonly name: string; readonly note?: string }> {
  const owner = await peekStackOwner(paths);
  const claims = await findForeignClaims(engine, preferred, owner ?? { id: '', directory: paths.directory }, { deployedHere: false });
  if (claims.length === 0) return { name: preferred };
  const name = await proposeStackName(engine, owner, path.basename(paths.directory), preferred);
  const other = claims.find((claim) => claim.directory !== undefined)?.directory;
  return {
    name,
    note:
      `the stack name "${preferred}" is already used on this Docker Engine${other ? ` by ${other}` : ''}; this stack is ` +
      `called "${name}" (\`name:\` in aistack.yaml)`,
  };
}

/** assertStackOwner for a runtime command: "deployed here" is what this directory's history says. */
export async function claimStack(context: RuntimeContext, stackName: string): Promise<StackOwner> {
  return assertStackOwner({
    engine: context.engine,
    paths: context.paths,
    stackName,
    deployedHere: context.store.listRevisions(1_000_000).some((revision) => revision.stackName === stackName),
  });
}

/** The same for commands without a runtime context (backup, restore): the history is read from .aistack/state.db. */
export async function claimProjectStack(engine: Engine, paths: ProjectPaths, stackName: string): Promise<StackOwner> {
  let deployedHere = false;
  if (existsSync(paths.stateDatabase)) {
    const store = openStateStore(paths.stateDatabase);
    try {
      deployedHere = store.listRevisions(1_000_000).some((revision) => revision.stackName === stackName);
    } finally {
      store.close();
    }
  }
  return assertStackOwner({ engine, paths, stackName, deployedHere });
}

function stackIdFile(paths: ProjectPaths): string {
  return path.join(paths.state, 'stack-id');
}
