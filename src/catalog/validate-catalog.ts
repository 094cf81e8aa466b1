import { healthTestBinary } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/** One thing wrong with a catalog entry. */
export interface CatalogProblem {
  readonly entry: string;
  readonly message: string;
}

/** Tags that move: an image pinned to one of them is not pinned (check-reference: images family). */
export const FLOATING_TAGS: ReadonlySet<string> = new Set([
  'latest',
  'main',
  'master',
  'stable',
  'edge',
  'nightly',
  'dev',
  'beta',
  'main-stable',
  'main-latest',
  'main-slim',
  'rolling',
]);

const ID = /^[a-z][a-z0-9-]{0,40}$/;
const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Check the catalog's own consistency: ids, references between entries, pinned tags, health
 * tests, secrets and their delivery, volumes, routes and databases. Pure; returns every problem
 * (an empty list means valid) in entry order.
 */
export function validateCatalog(entries: readonly CatalogEntry[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const ids = new Set<string>();
  const secretNames = new Set<string>();
  const volumeNames = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) problems.push({ entry: entry.id, message: `duplicate id "${entry.id}"` });
    ids.add(entry.id);
    for (const secret of entry.secrets) if (!secret.sameAs) secretNames.add(`${entry.id}-${secret.name}`);
    for (const volume of entry.volumes) if (!volume.sameAs) volumeNames.add(`${entry.id}-${volume.name}`);
    if (entry.database) secretNames.add(`postgres-${entry.database.role}-password`);
  }
  for (let index = 1; index < entries.length; index += 1) {
    const previous = entries[index - 1];
    const current = entries[index];
    if (previous && current && previous.id > current.id) {
      problems.push({ entry: current.id, message: `not sorted by id: "${current.id}" comes after "${previous.id}"` });
    }
  }
  const subdomains = new Map<string, string>();
  const databases = new Map<string, string>();
  for (const entry of entries) {
    const report = (message: string): void => {
      problems.push({ entry: entry.id, message });
    };
    checkIdentity(entry, report);
    checkReferences(entry, ids, report);
    checkHealth(entry, report);
    checkSecrets(entry, secretNames, report);
    checkVolumes(entry, volumeNames, report);
    checkRoute(entry, ids, subdomains, report);
    if (entry.database) {
      const { database, role } = entry.database;
      if (!SQL_NAME.test(database) || !SQL_NAME.test(role)) report(`database "${database}" / role "${role}" must be lower-case SQL names`);
      if (!entry.requires.includes('postgres')) report('declares a database but does not require postgres');
      const owner = databases.get(database);
      if (owner) report(`database "${database}" is also declared by ${owner}`);
      databases.set(database, entry.id);
    }
  }
  problems.push(...findRequireCycles(entries));
  return problems;
}

type Report = (message: string) => void;

function checkIdentity(entry: CatalogEntry, report: Report): void {
  if (!ID.test(entry.id)) report(`id "${entry.id}" must be lower-case letters, digits and dashes`);
  if (entry.title.trim() === '') report('title is empty');
  if (entry.description.trim() === '') report('description is empty');
  const tag = entry.image.tag;
  if (tag.trim() === '' || FLOATING_TAGS.has(tag.toLowerCase())) report(`image tag "${tag}" is not pinned`);
  if (entry.image.repository.includes(':') && !entry.image.repository.split('/')[0]?.includes('.')) {
    report(`image repository "${entry.image.repository}" carries a tag; put it in image.tag`);
  }
  if (!Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) report(`port ${entry.port} is not a TCP port`);
  if (entry.networks.length === 0) report('sits on no network');
  if (new Set(entry.networks).size !== entry.networks.length) report('lists a network twice');
  if (!(entry.resources.memoryMb > 0) || !(entry.resources.cpus > 0)) report('resources must be positive');
  if (entry.resources.cpus > 2)
    report(`cpus ${entry.resources.cpus} exceeds 2: Docker refuses a limit above the host's cores on small hosts`);
  if (entry.category === 'infrastructure' && entry.partOf) report('infrastructure cannot be part of another service');
}

function checkReferences(entry: CatalogEntry, ids: ReadonlySet<string>, report: Report): void {
  for (const required of entry.requires) {
    if (required === entry.id) report('requires itself');
    else if (!ids.has(required)) report(`requires unknown service "${required}"`);
  }
  if (new Set(entry.requires).size !== entry.requires.length) report('requires a service twice');
  if (entry.partOf !== undefined && !ids.has(entry.partOf)) report(`is part of unknown service "${entry.partOf}"`);
  if (entry.partOf === entry.id) report('is part of itself');
  for (const mount of entry.hostMounts ?? []) {
    if (!mount.source.startsWith('/') || !mount.target.startsWith('/'))
      report(`host mount ${mount.source} → ${mount.target} needs absolute paths`);
    if (mount.source === '/var/run/docker.sock' && entry.id !== 'docker-socket-proxy')
      report('only docker-socket-proxy may mount the Docker socket');
  }
  if (entry.networks.includes('docker-api') && entry.id !== 'docker-socket-proxy' && entry.id !== 'monitor')
    report('only docker-socket-proxy and the monitor may join the docker-api network');
  if (entry.id === 'docker-socket-proxy' && entry.networks.some((network) => network !== 'docker-api'))
    report('docker-socket-proxy must sit on the docker-api network alone');
}

function checkHealth(entry: CatalogEntry, report: Report): void {
  const test = entry.health.test;
  if (entry.job) return;
  if (test.length < 2 || (test[0] !== 'CMD' && test[0] !== 'CMD-SHELL')) {
    report('health test must start with CMD or CMD-SHELL and name a command');
    return;
  }
  if (test.slice(1).some((part) => part.trim() === '') || healthTestBinary(test) === undefined) report('health test has an empty command');
  if (test.some((part) => /\bcurl\b/.test(part)) && test.some((part) => /\bwget\b/.test(part))) {
    report('health test tries both curl and wget: use the one binary the image has');
  }
  if (entry.health.probe.type === 'http' && !entry.health.probe.path.startsWith('/')) report('probe path must start with /');
}

function checkSecrets(entry: CatalogEntry, known: ReadonlySet<string>, report: Report): void {
  const names = new Set<string>();
  const variables = new Set<string>();
  for (const secret of entry.secrets) {
    if (names.has(secret.name)) report(`secret "${secret.name}" is declared twice`);
    names.add(secret.name);
    if (!ID.test(secret.name)) report(`secret name "${secret.name}" must be lower-case letters, digits and dashes`);
    if (secret.sameAs !== undefined && !known.has(secret.sameAs))
      report(`secret "${secret.name}" is the same as unknown secret "${secret.sameAs}"`);
    if (secret.derive !== undefined) {
      if (!known.has(secret.derive.from)) report(`secret "${secret.name}" derives from unknown secret "${secret.derive.from}"`);
      if (!secret.derive.template.includes('{value}')) report(`secret "${secret.name}" derives without {value} in its template`);
    }
    if (secret.protects.trim() === '') report(`secret "${secret.name}" does not say what it protects`);
    if (secret.variable !== undefined) {
      if (!ENV_NAME.test(secret.variable)) report(`secret "${secret.name}" variable "${secret.variable}" is not an environment name`);
      if (variables.has(secret.variable)) report(`variable ${secret.variable} is set by two secrets`);
      variables.add(secret.variable);
    }
    if (secret.delivery !== 'mount' && secret.variable === undefined)
      report(`secret "${secret.name}" is delivered as ${secret.delivery} but names no variable`);
    if (secret.delivery !== 'file-variable' && secret.fileVariable !== undefined)
      report(`secret "${secret.name}" has a fileVariable but is delivered as ${secret.delivery}`);
    if (
      secret.delivery === 'file-variable' &&
      entry.ignoredFileVariables?.includes(secret.fileVariable ?? `${secret.variable ?? ''}_FILE`)
    ) {
      report(`secret "${secret.name}" uses ${secret.fileVariable ?? `${secret.variable ?? ''}_FILE`}, which the entry lists as ignored`);
    }
    if (secret.delivery === 'entrypoint') checkWrappable(entry, `secret "${secret.name}"`, report);
  }
  for (const name of entry.ignoredFileVariables ?? []) {
    if (!name.endsWith('_FILE')) report(`ignoredFileVariables entry ${name} does not end in _FILE`);
  }
}

/** An entrypoint wrapper needs a shell in the image and something to exec afterwards. */
function checkWrappable(entry: CatalogEntry, what: string, report: Report): void {
  if (entry.shell === undefined) report(`${what} needs the entrypoint wrapper, but the entry names no shell`);
  if (entry.entrypoint === undefined && entry.command === undefined) {
    report(`${what} needs the entrypoint wrapper, but the entry names neither the image's entrypoint nor its command`);
  }
}

function checkVolumes(entry: CatalogEntry, known: ReadonlySet<string>, report: Report): void {
  const names = new Set<string>();
  const targets = new Set<string>();
  for (const volume of entry.volumes) {
    if (names.has(volume.name)) report(`volume "${volume.name}" is declared twice`);
    if (targets.has(volume.target)) report(`two volumes mount at ${volume.target}`);
    names.add(volume.name);
    targets.add(volume.target);
    if (!volume.target.startsWith('/')) report(`volume "${volume.name}" target ${volume.target} is not absolute`);
    if (volume.sameAs !== undefined && !known.has(volume.sameAs))
      report(`volume "${volume.name}" is the same as unknown volume "${volume.sameAs}"`);
    if (volume.backup.kind === 'skip' && volume.backup.reason.trim() === '')
      report(`volume "${volume.name}" skips backup without a reason`);
  }
}

function checkRoute(entry: CatalogEntry, ids: ReadonlySet<string>, subdomains: Map<string, string>, report: Report): void {
  const route = entry.route;
  if (!route) return;
  if (!DNS_LABEL.test(route.subdomain)) report(`route subdomain "${route.subdomain}" is not a DNS label`);
  const owner = subdomains.get(route.subdomain);
  if (owner) report(`route subdomain "${route.subdomain}" is also ${owner}'s`);
  subdomains.set(route.subdomain, entry.id);
  if (!(route.uploadMaxMb > 0)) report('route uploadMaxMb must be positive');
  if (!(route.readTimeoutSeconds > 0)) report('route readTimeoutSeconds must be positive');
  if (route.streaming && route.readTimeoutSeconds < 300) report('a streaming route needs a read timeout of 300 s or more');
  if (!entry.networks.includes('edge') && !entry.networks.includes('internal'))
    report('a routed service must sit on a network the proxy joins');
  for (const location of route.locations ?? []) {
    if (!location.path.startsWith('/')) report(`route location ${location.path} must start with /`);
    if (!ids.has(location.service)) report(`route location ${location.path} goes to unknown service "${location.service}"`);
  }
}

function findRequireCycles(entries: readonly CatalogEntry[]): CatalogProblem[] {
  const requires = new Map(entries.map((entry) => [entry.id, entry.requires]));
  const problems: CatalogProblem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: readonly string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      problems.push({ entry: id, message: `requires form a cycle: ${cycle.join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const next of requires.get(id) ?? []) if (requires.has(next)) visit(next, [...path, id]);
    state.set(id, 'done');
  };
  for (const entry of entries) visit(entry.id, []);
  return problems;
}
