import { BackupError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import type { ArchivePart } from './archive-manifest.js';
import type { ArchiveEntry } from './archive-reader.js';
import { checkArchiveChecksums, openPart } from './archive-reader.js';
import { isConfigPath, restoreConfig } from './config-strategy.js';
import { computeKeyId } from './encryption.js';
import { CONFIG_SELECTOR } from './plan.js';
import { ensureDatabase, restorePostgresDatabase } from './postgres-strategy.js';
import { restoreQdrantCollection } from './qdrant-strategy.js';
import { restoreRedis } from './redis-strategy.js';
import type { BackupResolver } from './resolver.js';
import { createTarInspector } from './tar-inspector.js';
import { partRoot } from './volume-strategy.js';

export interface RestoreOptions {
  readonly entry: ArchiveEntry;
  readonly key: Buffer;
  readonly paths: ProjectPaths;
  /** Service, database, volume names, `postgres` (every database) or `config`; empty: all data (not config). */
  readonly selection: readonly string[];
  /** The resolver is only needed for data parts (not for `config` alone). */
  readonly resolver: BackupResolver | undefined;
  /** Shown the list of what will be overwritten; false cancels before anything is touched. */
  readonly confirm: (actions: readonly string[]) => Promise<boolean>;
  readonly say?: (line: string) => void;
  /**
   * Aborted (Ctrl-C): the part being restored finishes, no further part starts, and what was
   * stopped starts again; then AIS_BACKUP_INTERRUPTED says what was and was not restored.
   */
  readonly signal?: AbortSignal;
  /** Told what a forced exit (a second Ctrl-C) would leave behind, and undefined once nothing would be. */
  readonly onLeftBehind?: (describe: (() => string) | undefined) => void;
}

/** Which parts a selection restores. Without names: every data part; the project files only when named. */
export function selectParts(parts: readonly ArchivePart[], selection: readonly string[]): ArchivePart[] {
  if (selection.length === 0) return parts.filter((part) => part.kind !== 'config');
  const chosen = parts.filter((part) =>
    selection.some((name) =>
      name === CONFIG_SELECTOR
        ? part.kind === 'config'
        : part.kind !== 'config' &&
          (part.service === name || part.owner === name || part.volume === name || part.database === name || part.collection === name),
    ),
  );
  const unmatched = selection.filter(
    (name) =>
      !chosen.some(
        (part) =>
          [part.service, part.owner, part.volume, part.database, part.collection].includes(name) ||
          (name === CONFIG_SELECTOR && part.kind === 'config'),
      ),
  );
  if (unmatched.length > 0) {
    const available = [
      ...new Set(
        parts.flatMap((part) =>
          part.kind === 'config' ? [CONFIG_SELECTOR] : [part.owner ?? part.service, ...(part.volume ? [part.volume] : [])],
        ),
      ),
    ].sort();
    throw new BackupError('AIS_BACKUP_NOT_IN_ARCHIVE', {
      names: unmatched,
      hint: `it holds: ${available.join(', ')}`,
    });
  }
  return chosen;
}

/**
 * Validate everything first — key, checksums, authentication of every byte, tar entries — and only
 * then stop what must stop, restore, start and wait for health.
 */
export async function runRestore(options: RestoreOptions): Promise<{ readonly restored: boolean; readonly actions: readonly string[] }> {
  const say = options.say ?? (() => undefined);
  const { entry, key } = options;
  const parts = selectParts(entry.manifest.parts, options.selection);
  say(`checking archive ${entry.id}: ${parts.length} part(s) (checksums, decryption, contents) …`);
  await validateParts(entry, parts, key, options.paths);
  say(`archive ${entry.id}: ${parts.length} part(s) checked (checksums, decryption, contents)`);

  const stops = new Set<string>();
  const actions: string[] = [];
  for (const part of parts) {
    switch (part.kind) {
      case 'pg-dump':
        stops.add(part.owner ?? part.service);
        actions.push(`replace PostgreSQL database "${part.database}" (stops ${part.owner ?? part.service} meanwhile)`);
        break;
      case 'redis-rdb':
        actions.push(`replace the Redis data of ${part.service} (stops ${part.service} meanwhile)`);
        break;
      case 'volume-tar':
        stops.add(part.service);
        actions.push(`replace everything in volume ${part.volume} (stops ${part.service} meanwhile)`);
        break;
      case 'qdrant-snapshot':
        actions.push(`replace Qdrant collection "${part.collection}" of ${part.service}`);
        break;
      case 'config':
        actions.push('overwrite aistack.yaml, .aistack/secrets and .aistack/tls with the archived ones');
        break;
    }
  }
  if (!(await options.confirm(actions))) return { restored: false, actions };

  const needsResolver = parts.some((part) => part.kind !== 'config');
  const resolver = options.resolver;
  if (needsResolver && !resolver)
    throw new BackupError('AIS_BACKUP_NO_STACK', {
      hint: 'restore the project files first: `aistack restore <id> config`',
    });
  const restored: string[] = [];
  let current: string | undefined;
  const label = (part: ArchivePart): string =>
    part.kind === 'pg-dump'
      ? `database ${part.database}`
      : part.kind === 'volume-tar'
        ? `volume ${part.volume}`
        : part.kind === 'qdrant-snapshot'
          ? `collection ${part.collection}`
          : part.kind === 'redis-rdb'
            ? `${part.service} data`
            : 'aistack.yaml, secrets and TLS';
  let stopped: string[] = [];
  options.onLeftBehind?.(
    () =>
      (stopped.length > 0 ? `Stopped for the restore and not started again: ${stopped.join(', ')} (\`aistack up\` starts them). ` : '') +
      (current ? `${current} was being restored and may be incomplete: run the restore again.` : ''),
  );
  if (resolver && stops.size > 0) say(`stopping ${[...stops].sort().join(', ')} …`);
  stopped = resolver && stops.size > 0 ? await resolver.control.stop([...stops].sort()) : [];
  try {
    for (const part of parts) {
      if (options.signal?.aborted) break;
      current = label(part);
      const plain = openPart(entry, part, key);
      switch (part.kind) {
        case 'pg-dump': {
          say(`restoring database ${part.database} …`);
          const target = await resolver!.postgres();
          await ensureDatabase(target, part.database ?? '', part.role);
          await restorePostgresDatabase(target, part.database ?? '', plain);
          say(`ok    database ${part.database}`);
          break;
        }
        case 'redis-rdb':
          say(`restoring the data of ${part.service}, then waiting until it is healthy (up to ${resolver!.startTimeout(part.service)}s) …`);
          await restoreRedis(await resolver!.redis(part.service), part, plain);
          await resolver!.control.waitHealthy([part.service], resolver!.startTimeout(part.service) * 1000);
          say(`ok    ${part.service} data`);
          break;
        case 'volume-tar': {
          say(`restoring volume ${part.volume} …`);
          const volume = {
            name: part.volume ?? '',
            service: part.service,
            target: part.target ?? '',
            backup: { kind: 'volume-tar' as const, live: true },
            description: '',
          };
          await (await resolver!.volume(volume)).replaceFromTar(plain, partRoot(part));
          say(`ok    volume ${part.volume}`);
          break;
        }
        case 'qdrant-snapshot':
          say(`restoring collection ${part.collection} …`);
          await restoreQdrantCollection(await resolver!.qdrant(part.service), part, plain);
          say(`ok    collection ${part.collection}`);
          break;
        case 'config':
          await restoreConfig(options.paths, plain);
          say('ok    aistack.yaml, secrets and TLS');
          break;
      }
      restored.push(current);
      current = undefined;
    }
  } finally {
    if (resolver && stopped.length > 0) {
      const timeout = Math.max(...stopped.map((service) => resolver.startTimeout(service)));
      say(`starting ${stopped.join(', ')} again, waiting until healthy (up to ${timeout}s) …`);
      await resolver.control.start(stopped);
      await resolver.control.waitHealthy(stopped, timeout * 1000);
      say(`started ${stopped.join(', ')} again`);
      stopped = [];
    }
    options.onLeftBehind?.(undefined);
  }
  if (options.signal?.aborted) {
    const missing = parts.map(label).filter((name) => !restored.includes(name));
    throw new BackupError('AIS_BACKUP_INTERRUPTED', {
      operation: 'restore',
      archive: entry.id,
      restored,
      notRestored: missing,
      stoppedAny: stops.size > 0,
      hint:
        missing.length > 0
          ? `run \`aistack restore ${entry.id}${options.selection.length > 0 ? ` ${options.selection.join(' ')}` : ''}\` again to restore the rest`
          : 'nothing is left to do',
    });
  }
  return { restored: true, actions };
}

const MAGIC: Partial<Record<ArchivePart['kind'], string>> = { 'pg-dump': 'PGDMP', 'redis-rdb': 'REDIS' };

/** Every check a restore makes before it touches anything; throws the first problem. */
export async function validateParts(entry: ArchiveEntry, parts: readonly ArchivePart[], key: Buffer, paths: ProjectPaths): Promise<void> {
  const keyId = computeKeyId(key);
  if (entry.manifest.encryption && entry.manifest.encryption.keyId !== keyId) {
    throw new BackupError('AIS_BACKUP_KEY_MISMATCH', {
      archive: entry.id,
      archiveKeyId: entry.manifest.encryption.keyId,
      keyId,
      hint: 'point AISTACK_BACKUP_KEY_FILE at the key that was in use when the archive was made',
    });
  }
  await checkArchiveChecksums(entry, parts);
  for (const part of parts) {
    const label = `${entry.id}/${part.file}`;
    const inspector =
      part.kind === 'volume-tar' || part.kind === 'config'
        ? createTarInspector(label, part.kind === 'volume-tar' ? partRoot(part) : undefined)
        : undefined;
    let head = Buffer.alloc(0);
    let bytes = 0;
    for await (const chunk of openPart(entry, part, key)) {
      const buffer = chunk as Buffer;
      if (head.length < 8) head = Buffer.concat([head, buffer.subarray(0, 8)]);
      bytes += buffer.length;
      inspector?.write(buffer);
    }
    const summary = await inspector?.end();
    const magic = MAGIC[part.kind];
    if (magic && head.subarray(0, magic.length).toString('latin1') !== magic) {
      throw new BackupError('AIS_BACKUP_PART_INVALID', {
        part: label,
        expected: part.kind === 'pg-dump' ? 'pg-dump' : 'redis-rdb',
        hint: 'the archive is damaged; use another one',
      });
    }
    if (bytes !== part.plainSize) {
      throw new BackupError('AIS_BACKUP_PART_INVALID', {
        part: label,
        bytes,
        recorded: part.plainSize,
        hint: 'the archive is damaged; use another one',
      });
    }
    if (part.kind === 'config' && summary) {
      const link = summary.links[0];
      if (link !== undefined)
        throw new BackupError('AIS_BACKUP_UNSAFE_ENTRY', {
          part: label,
          entry: link,
          link: true,
          hint: 'this archive is refused; nothing was restored. Use an archive aistack made',
        });
      const outside = Object.keys(summary.files).find((file) => !isConfigPath(file, paths));
      if (outside)
        throw new BackupError('AIS_BACKUP_UNSAFE_ENTRY', {
          part: label,
          entry: outside,
          which: 'is not a project file',
          hint: 'this archive is refused; nothing was restored',
        });
    }
  }
}
