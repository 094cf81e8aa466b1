import path from 'node:path';
import type { Range } from '../types.js';
import { mergeMappings, originOf } from './compose-merge.js';
import type { Origins } from './compose-merge.js';
import { interpolate, parseEnvFile } from './interpolate.js';
import type { EnvFileEntry } from './interpolate.js';
import { parseYamlSource } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

export type PathSegment = string | number;

/** A range in a named file. */
export interface Location extends Range {
  readonly file: string;
}

export type EnvEntry = EnvFileEntry;

export interface VariableUse {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly required: boolean;
  readonly defaultValue?: string;
  /** Set when `${VAR:?message}` finds VAR unset: compose refuses to start with this message. */
  readonly missing?: string;
  /** Whether the variables of the file's project (environment, its .env or include env_file) set it. */
  readonly isSet: boolean;
  readonly range: Location;
}

export interface ServiceModel {
  readonly name: string;
  /** The service after interpolation, merging and `extends` (plain data). */
  readonly value: Readonly<Record<string, unknown>>;
  /** `profiles:`; empty: always started. */
  readonly profiles: readonly string[];
}

/** Something about the files themselves: an include or env_file that does not exist, an empty file. */
export interface ModelProblem {
  readonly kind: 'missingFile' | 'empty' | 'notMapping' | 'unknownExtends' | 'includeConflict';
  readonly message: string;
  readonly location: Location;
  /** includeConflict: the section and name both define, the included file and where the resource already is. */
  readonly conflict?: {
    readonly section: string;
    readonly name: string;
    readonly included: string;
    readonly defined: Location | undefined;
  };
}

export interface ComposeModel {
  /** The first compose file (as shown in findings). */
  readonly file: string;
  /** Every compose file read: `-f` files, included and extended ones. */
  readonly files: readonly string[];
  readonly texts: readonly string[];
  /** The project's .env (or .env.example when .env is missing: `envFallback`). */
  readonly envFile: string | undefined;
  readonly envFallback: boolean;
  readonly envEntries: readonly EnvEntry[];
  /** .env keys used other than by `${VAR}`: `env_file: .env`, bare `- VAR` entries, interpolation inside .env. */
  readonly envUses: ReadonlySet<string>;
  /** The whole project after interpolation, merging, `include` and `extends`. */
  readonly root: Readonly<Record<string, unknown>>;
  /** Active services (every service unless profiles were selected). */
  readonly services: readonly ServiceModel[];
  /** Profiles selected with `--profile` / COMPOSE_PROFILES; undefined: every profile is checked. */
  readonly selectedProfiles: readonly string[] | undefined;
  readonly variableUses: readonly VariableUse[];
  readonly problems: readonly ModelProblem[];
  /** Where the value at a path was written; falls back to the closest ancestor that exists. */
  rangeOf(path: readonly PathSegment[]): Location;
  /** Where the key of a mapping entry was written (the value's range for sequence items). */
  keyRangeOf(path: readonly PathSegment[]): Location;
  /** The value at a path as written, before interpolation. */
  rawAt(path: readonly PathSegment[]): unknown;
  /** The value of a container's entry as written, before interpolation (rawAt without the walk from the root). */
  rawOf(container: object, key: PathSegment): unknown;
}

export interface ComposeInput {
  /** Compose files in `-f` order, as shown in findings (relative to where `check` runs). */
  readonly files: readonly string[];
  /** Texts the shell has read, by the same names; undefined: the file does not exist. */
  readonly sources: ReadonlyMap<string, string | undefined>;
  /** Variables of the environment compose runs in. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** `--profile` / COMPOSE_PROFILES; undefined: every profile. */
  readonly profiles?: readonly string[] | undefined;
  /** The project directory (`--project-directory`); the first file's directory by default. */
  readonly projectDirectory?: string;
}

export type ComposeLoad = { readonly model: ComposeModel; readonly missing?: undefined } | { readonly missing: readonly string[] };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plain-data equality (what compose compares an included resource with). */
function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => isDeepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function join(directory: string, file: string): string {
  if (path.isAbsolute(file)) return path.normalize(file);
  return path.normalize(path.join(directory, file)) || '.';
}

const START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Build the Compose model of a project the way `docker compose config` does: each file parsed and
 * interpolated with its project's .env, the `-f` files merged (compose-spec merge rules), `include`
 * and `extends` followed, profiles applied. Pure: the files come in `sources`; when one it needs is
 * not there yet, the result lists what to read (the shell reads it and calls again).
 */
export function loadCompose(input: ComposeInput): ComposeLoad {
  const missing = new Set<string>();
  const read = (file: string): string | undefined | null => {
    if (!input.sources.has(file)) {
      missing.add(file);
      return null;
    }
    return input.sources.get(file);
  };
  const origins: Origins = new WeakMap();
  const yamlSources: YamlSource[] = [];
  const raws = new WeakMap<object, Map<string | number, string>>();
  const variableUses: VariableUse[] = [];
  const seenUses = new Set<string>();
  const problems: ModelProblem[] = [];
  const environment = new Map<string, string>();
  for (const [name, value] of Object.entries(input.environment)) if (value !== undefined) environment.set(name, value);

  const sourceOf = (container: object): YamlSource | undefined => yamlSources.find((source) => source.owns(container));
  const locateEntry = (container: object, key: PathSegment): { file: string; key: Range | undefined; value: Range } | undefined => {
    const origin = originOf(origins, container, key);
    if (origin.container !== container || origin.key !== key) return locateEntry(origin.container, origin.key);
    const source = sourceOf(container);
    const entry = source?.entry(container, key);
    return source && entry ? { file: source.file, ...entry } : undefined;
  };
  const containerLocation = (container: object): Location | undefined => {
    const source = sourceOf(container);
    const range = source?.rangeOfContainer(container);
    return source && range ? { file: source.file, ...range } : undefined;
  };

  // The project's .env: variables for interpolation, and the keys `unused-env-key` looks at.
  const projectDirectory = input.projectDirectory ?? path.dirname(input.files[0] ?? 'compose.yaml');
  const loadEnv = (directory: string): { file: string; entries: EnvEntry[]; fallback: boolean } | undefined => {
    const file = join(directory, '.env');
    const text = read(file);
    if (text === null) return undefined;
    if (text !== undefined) return { file, entries: parseEnvFile(text, environment), fallback: false };
    const example = join(directory, '.env.example');
    const exampleText = read(example);
    if (typeof exampleText !== 'string') return undefined;
    return { file: example, entries: parseEnvFile(exampleText, environment), fallback: true };
  };
  const projectEnv = loadEnv(projectDirectory);
  // Every file is interpolated with the project's variables: parsing before they are known would be
  // thrown away (a 50 MB file was parsed three times: without .env, then without .env.example).
  if (missing.size > 0) return { missing: [...missing].sort() };
  const variablesFor = (entries: readonly EnvEntry[]): Map<string, string> => {
    const variables = new Map(environment);
    for (const entry of entries) if (!variables.has(entry.name)) variables.set(entry.name, entry.value);
    return variables;
  };
  const projectVariables = variablesFor(projectEnv?.entries ?? []);

  /** Interpolate a file's values in place (each string once, shared anchors once), recording uses and raw strings. */
  const interpolateSource = (source: YamlSource, variables: ReadonlyMap<string, string>): void => {
    // Without aliases every container is reached once; with them, shared anchors are visited once.
    const visited = source.hasAliases ? new Set<object>() : undefined;
    const visit = (container: object): void => {
      if (visited) {
        if (visited.has(container)) return;
        visited.add(container);
      }
      const isList = Array.isArray(container);
      const keys = isList ? undefined : Object.keys(container);
      const size = isList ? container.length : keys!.length;
      for (let index = 0; index < size; index += 1) {
        const key: string | number = isList ? index : keys![index]!;
        const item = (container as Record<string | number, unknown>)[key];
        if (typeof item === 'string') {
          if (!item.includes('$')) continue;
          const result = interpolate(item, variables);
          if (result.value !== item) {
            const map = raws.get(container) ?? new Map<string | number, string>();
            map.set(key, item);
            raws.set(container, map);
            (container as Record<string | number, unknown>)[key] = result.value;
          }
          const start = source.valueStart(container, key);
          for (const reference of result.references) {
            const offset =
              start === undefined ? undefined : start.block ? start.offset : start.offset + (start.quoted ? 1 : 0) + reference.offset;
            const range = offset === undefined ? START : source.rangeAt(offset, offset + (start?.block ? 0 : reference.length));
            const identity = `${source.file}:${range.line}:${range.column}:${reference.name}`;
            if (seenUses.has(identity)) continue;
            seenUses.add(identity);
            variableUses.push({
              name: reference.name,
              hasDefault: reference.hasDefault,
              required: reference.required,
              isSet: variables.has(reference.name),
              ...(reference.defaultValue === undefined ? {} : { defaultValue: reference.defaultValue }),
              ...(reference.missing === undefined ? {} : { missing: reference.missing }),
              range: { file: source.file, ...range },
            });
          }
        } else if (typeof item === 'object' && item !== null) visit(item);
      }
    };
    if (typeof source.value === 'object' && source.value !== null) visit(source.value);
  };

  const parsed = new Map<string, Record<string, unknown> | undefined>();
  /** Parse and interpolate one compose file (once); problems for an empty file or a top-level that is not a mapping. */
  const loadFile = (file: string, variables: ReadonlyMap<string, string>): Record<string, unknown> | undefined | null => {
    if (parsed.has(file)) return parsed.get(file);
    const text = read(file);
    if (text === null) return null;
    if (text === undefined) return undefined;
    const source = parseYamlSource(file, text);
    yamlSources.push(source);
    interpolateSource(source, variables);
    let root: Record<string, unknown> | undefined;
    if (source.value === undefined || source.value === null) {
      problems.push({
        kind: 'empty',
        message: 'the file is empty; a Compose file is a mapping with at least `services:`',
        location: { file, ...START },
      });
    } else if (!isRecord(source.value)) {
      problems.push({
        kind: 'notMapping',
        message: `the top level is a ${Array.isArray(source.value) ? 'list' : 'scalar'}; a Compose file is a mapping (services:, volumes:, …)`,
        location: { file, ...source.rangeAt(0, Math.min(text.length, !text.includes('\n') ? text.length : text.indexOf('\n'))) },
      });
    } else root = source.value;
    parsed.set(file, root);
    return root;
  };
  const missingFile = (what: string, file: string, container: object, key: PathSegment): void => {
    const entry = locateEntry(container, key);
    problems.push({
      kind: 'missingFile',
      message: `${what} ${file} does not exist`,
      location: entry ? { file: entry.file, ...entry.value } : { file: input.files[0] ?? 'compose.yaml', ...START },
    });
  };

  // 1. include: each entry a project of its own (its directory, its .env), its resources added to
  // the file that includes it. Compose applies includes per file, before the -f files are merged,
  // so an override file may change an included service; the file itself may not redefine one.
  /** Where an include entry names its file: the string item, or `path:` (or its list item). */
  const locateIncludeEntry = (entry: unknown, include: unknown[], index: number, pathIndex: number): Location | undefined => {
    const container = isRecord(entry) ? (Array.isArray(entry.path) ? entry.path : entry) : include;
    const key = isRecord(entry) ? (Array.isArray(entry.path) ? pathIndex : 'path') : index;
    const found = locateEntry(container, key);
    return found ? { file: found.file, ...found.value } : undefined;
  };
  const includeProject = (owner: Record<string, unknown>, ownerFile: string, depth: number): void => {
    const include = owner.include;
    if (!Array.isArray(include) || depth > 10) return;
    include.forEach((entry: unknown, index) => {
      const spec = typeof entry === 'string' ? { path: entry } : isRecord(entry) ? entry : undefined;
      if (!spec) return;
      const paths = Array.isArray(spec.path) ? spec.path : [spec.path];
      const baseDirectory = path.dirname(ownerFile);
      paths.forEach((item: unknown, pathIndex) => {
        if (typeof item !== 'string') return;
        const file = join(baseDirectory, item);
        const directory = typeof spec.project_directory === 'string' ? join(baseDirectory, spec.project_directory) : path.dirname(file);
        const envFiles = spec.env_file === undefined ? undefined : Array.isArray(spec.env_file) ? spec.env_file : [spec.env_file];
        let entries: EnvEntry[] = [];
        if (envFiles) {
          for (const envFile of envFiles) {
            if (typeof envFile !== 'string') continue;
            const text = read(join(baseDirectory, envFile));
            if (typeof text === 'string') entries = [...entries, ...parseEnvFile(text, environment)];
          }
        } else entries = loadEnv(directory)?.entries ?? [];
        const loaded = loadFile(file, variablesFor(entries));
        if (loaded === null) return;
        if (loaded === undefined) {
          const container = isRecord(entry) ? (Array.isArray(entry.path) ? entry.path : entry) : include;
          const key = isRecord(entry) ? (Array.isArray(entry.path) ? pathIndex : 'path') : index;
          missingFile('included file', file, container, key);
          return;
        }
        includeProject(loaded, file, depth + 1);
        for (const section of ['services', 'networks', 'volumes', 'secrets', 'configs']) {
          const imported = loaded[section];
          if (!isRecord(imported)) continue;
          const current = owner[section];
          if (isRecord(current)) {
            // Compose refuses a resource the project already has ("services.db conflicts with
            // imported resource"); the same definition twice (one file included twice) is accepted.
            for (const name of Object.keys(imported)) {
              if (!(name in current) || isDeepEqual(current[name], imported[name])) continue;
              const at = locateIncludeEntry(entry, include, index, pathIndex);
              const defined = locateEntry(current, name);
              problems.push({
                kind: 'includeConflict',
                message: `${section}.${name} conflicts with imported resource`,
                location: at ?? { file: ownerFile, ...START },
                conflict: {
                  section,
                  name,
                  included: file,
                  defined: defined ? { file: defined.file, ...(defined.key ?? defined.value) } : undefined,
                },
              });
            }
          }
          // The including project's own definitions win (after the conflict is reported).
          owner[section] = isRecord(current) ? mergeMappings(imported, current, origins) : imported;
          if (!isRecord(current)) {
            const map = origins.get(owner) ?? new Map<string | number, ReturnType<typeof originOf>>();
            map.set(section, originOf(origins, loaded, section));
            origins.set(owner, map);
          }
        }
      });
    });
  };

  // 2. The -f files, each with its includes, merged in order.
  let root: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let first = true;
  for (const file of input.files) {
    const loaded = loadFile(file, projectVariables);
    if (!loaded) continue;
    includeProject(loaded, file, 0);
    root = first ? loaded : mergeMappings(root, loaded, origins);
    first = false;
  }

  // 3. extends: the base service (same or another file) under the local one, with the same merge rules.
  const servicesValue = root.services;
  const services: Record<string, unknown> = isRecord(servicesValue) ? servicesValue : {};
  const resolved = new Map<string, Record<string, unknown>>();
  const resolveService = (
    name: string,
    pool: Record<string, unknown>,
    poolFile: string,
    trail: readonly string[],
  ): Record<string, unknown> | undefined => {
    const key = `${poolFile}#${name}`;
    const cached = resolved.get(key);
    if (cached) return cached;
    const service = pool[name];
    if (!isRecord(service)) return undefined;
    const spec = service.extends;
    if (spec === undefined || trail.includes(key)) return service;
    const base = typeof spec === 'string' ? { service: spec } : isRecord(spec) ? spec : undefined;
    const baseName = base?.service;
    if (typeof baseName !== 'string') return service;
    let basePool = pool;
    let baseFile = poolFile;
    if (typeof base?.file === 'string') {
      baseFile = join(path.dirname(poolFile), base.file);
      const loaded = loadFile(baseFile, projectVariables);
      if (loaded === null) return service;
      if (loaded === undefined) {
        missingFile('extended file', baseFile, base, 'file');
        return service;
      }
      basePool = isRecord(loaded.services) ? loaded.services : {};
    }
    const baseService = resolveService(baseName, basePool, baseFile, [...trail, key]);
    if (!baseService) {
      const entry = locateEntry(isRecord(spec) ? spec : service, isRecord(spec) ? 'service' : 'extends');
      problems.push({
        kind: 'unknownExtends',
        message: `${name} extends ${baseName}, which ${baseFile} does not define`,
        location: entry ? { file: entry.file, ...entry.value } : { file: poolFile, ...START },
      });
      return service;
    }
    const local: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const localOrigins = new Map<string | number, ReturnType<typeof originOf>>();
    for (const [field, value] of Object.entries(service)) {
      if (field === 'extends') continue;
      local[field] = value;
      localOrigins.set(field, originOf(origins, service, field));
    }
    origins.set(local, localOrigins);
    const merged = mergeMappings(baseService, local, origins);
    resolved.set(key, merged);
    return merged;
  };
  const firstFile = input.files[0] ?? 'compose.yaml';
  for (const name of Object.keys(services)) {
    const service = services[name];
    if (!isRecord(service) || service.extends === undefined) continue;
    const merged = resolveService(name, services, firstFile, []);
    if (merged && merged !== service) {
      services[name] = merged;
    }
  }

  // env_file entries must exist unless `required: false` (compose refuses to start otherwise).
  for (const [name, value] of Object.entries(services)) {
    if (!isRecord(value)) continue;
    const envFile = value.env_file;
    const list: unknown[] = Array.isArray(envFile) ? envFile : envFile === undefined ? [] : [envFile];
    list.forEach((item, index) => {
      const file = typeof item === 'string' ? item : isRecord(item) && typeof item.path === 'string' ? item.path : undefined;
      if (file === undefined || (isRecord(item) && item.required === false)) return;
      const text = read(join(projectDirectory, file));
      if (text !== undefined) return;
      const container = Array.isArray(envFile) ? envFile : value;
      missingFile(`env_file of ${name}:`, join(projectDirectory, file), container, Array.isArray(envFile) ? index : 'env_file');
    });
  }

  if (missing.size > 0) return { missing: [...missing].sort() };

  // 4. Profiles, and the .env keys used other than by interpolation.
  const selected = input.profiles && input.profiles.length > 0 ? input.profiles : undefined;
  const all: ServiceModel[] = Object.entries(services).map(([name, value]) => {
    const service = isRecord(value) ? value : {};
    const profiles = Array.isArray(service.profiles) ? service.profiles.map(String) : [];
    return { name, value: service, profiles };
  });
  const active = selected
    ? all.filter((service) => service.profiles.length === 0 || service.profiles.some((profile) => selected.includes(profile)))
    : all;
  const envUses = new Set<string>();
  if (projectEnv) {
    for (const entry of projectEnv.entries) for (const reference of entry.references) envUses.add(reference.name);
    const keys = new Set(projectEnv.entries.map((entry) => entry.name));
    for (const service of active) {
      const envFile = service.value.env_file;
      const list = Array.isArray(envFile) ? envFile : envFile === undefined ? [] : [envFile];
      for (const item of list) {
        const file = typeof item === 'string' ? item : isRecord(item) && typeof item.path === 'string' ? item.path : undefined;
        if (file !== undefined && join(projectDirectory, file) === join(projectDirectory, '.env')) for (const key of keys) envUses.add(key);
      }
      const variables = service.value.environment;
      if (Array.isArray(variables)) {
        for (const item of variables) if (typeof item === 'string' && !item.includes('=')) envUses.add(item);
      } else if (isRecord(variables)) {
        for (const [name, value] of Object.entries(variables)) if (value === null || value === undefined) envUses.add(name);
      }
    }
  }

  const walk = (segments: readonly PathSegment[]): { parent: object | undefined; key: PathSegment | undefined; depth: number } => {
    let current: unknown = root;
    let parent: object | undefined;
    let key: PathSegment | undefined;
    let depth = 0;
    for (const segment of segments) {
      if (typeof current !== 'object' || current === null) break;
      const next: unknown = Array.isArray(current)
        ? typeof segment === 'number'
          ? (current as unknown[])[segment]
          : undefined
        : (current as Record<string, unknown>)[String(segment)];
      if (next === undefined) break;
      parent = current;
      key = segment;
      current = next;
      depth += 1;
    }
    return { parent, key, depth };
  };
  const rawOf = (container: object, key: PathSegment): unknown => {
    let origin = originOf(origins, container, key);
    while (origins.get(origin.container)?.has(origin.key)) origin = originOf(origins, origin.container, origin.key);
    const raw = raws.get(origin.container)?.get(origin.key);
    return raw ?? (origin.container as Record<string | number, unknown>)[origin.key];
  };
  const fallback: Location = { file: firstFile, ...START };
  const rangeOf = (segments: readonly PathSegment[]): Location => {
    const { parent, key } = walk(segments);
    if (parent === undefined || key === undefined) return containerLocation(root) ?? fallback;
    const entry = locateEntry(parent, key);
    return entry ? { file: entry.file, ...entry.value } : (containerLocation(parent) ?? fallback);
  };
  return {
    model: {
      file: firstFile,
      files: yamlSources.map((source) => source.file),
      texts: yamlSources.map((source) => source.text),
      envFile: projectEnv?.file,
      envFallback: projectEnv?.fallback ?? false,
      envEntries: projectEnv?.entries ?? [],
      envUses,
      root,
      services: active,
      selectedProfiles: selected,
      variableUses,
      problems,
      rangeOf,
      keyRangeOf(segments) {
        const { parent, key, depth } = walk(segments);
        if (depth === segments.length && parent !== undefined && typeof key === 'string') {
          const entry = locateEntry(parent, key);
          if (entry?.key) return { file: entry.file, ...entry.key };
        }
        return rangeOf(segments);
      },
      rawAt(segments) {
        const { parent, key, depth } = walk(segments);
        if (parent === undefined || key === undefined || depth !== segments.length) return undefined;
        return rawOf(parent, key);
      },
      rawOf,
    },
  };
}

export interface ComposeInMemory {
  readonly file: string;
  readonly text: string;
  readonly envFile?: string;
  readonly envText?: string;
  /** Other files by name: `-f` overrides, included and extended files, env files. Any other file is missing. */
  readonly files?: Readonly<Record<string, string>>;
  /** Names in `files` merged over the first file, in order. */
  readonly overrideFiles?: readonly string[];
  /** Variables of the calling environment (compose reads them too). */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  readonly profiles?: readonly string[];
}

/** A compose project whose files are all in memory, as `render` and the tests have it. */
export function parseCompose(source: ComposeInMemory): ComposeModel {
  const directory = path.dirname(source.file);
  const sources = new Map<string, string | undefined>(Object.entries(source.files ?? {}));
  sources.set(source.file, source.text);
  const envFile = source.envFile ?? join(directory, '.env');
  if (!sources.has(join(directory, '.env'))) sources.set(join(directory, '.env'), source.envText);
  const input = {
    files: [source.file, ...(source.overrideFiles ?? [])],
    sources,
    environment: source.environment ?? {},
    ...(source.profiles ? { profiles: source.profiles } : {}),
  };
  for (;;) {
    const result = loadCompose(input);
    if (!result.missing) {
      const model = result.model;
      return source.envFile === undefined || model.envFile === undefined || model.envFallback ? model : { ...model, envFile };
    }
    for (const file of result.missing) sources.set(file, undefined);
  }
}
