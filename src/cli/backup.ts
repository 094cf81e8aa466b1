import type { Command } from 'commander';
import { listArchives, readArchive } from '../backup/archive-reader.js';
import type { ArchiveEntry, VerificationRecord } from '../backup/archive-reader.js';
import { createDockerResolver } from '../backup/docker-resolver.js';
import { loadBackupKey, resolveKeyPath } from '../backup/key-file.js';
import { CONFIG_SELECTOR } from '../backup/plan.js';
import { prepareBackupInputs, runBackupJob } from '../backup/backup-job.js';
import { formatBytes } from '../util/format-bytes.js';
import { runVerify } from '../backup/run-verify.js';
import { resolveBackupSettings } from '../backup/settings.js';
import { BackupError } from '../errors.js';
import { loadProject } from '../project/load.js';
import { createEngine } from '../runtime/engine.js';
import { runInterruptible } from '../runtime/interrupts.js';
import { claimProjectStack } from '../runtime/stack-owner.js';
import { takeStackLock } from './locked.js';
import { commandOutput, formatTable, printJson, projectDirectory } from './output.js';
import { readAistackVersion } from '../util/aistack-version.js';

export function registerBackupCommand(program: Command): void {
  const backup = program
    .command('backup')
    .description(
      'Back up the stack now (every service, or the ones named): databases, Redis, Qdrant, volumes, and aistack.yaml with secrets and TLS',
    )
    .argument('[services...]', 'services to back up (postgres: every database; config: aistack.yaml, secrets, TLS)')
    .option('--no-verify', 'skip restoring the new archive into scratch places')
    .hook('preAction', takeStackLock)
    .action(async (services: string[], options: { verify: boolean }, command: Command) => {
      const output = commandOutput(command);
      const say = (line: string): void => output.note(line);
      const project = await loadProject(projectDirectory(command));
      const engine = createEngine();
      // Only the project files need no Docker; for anything else say early when Docker is missing.
      if (!services.every((name) => name === CONFIG_SELECTOR) || services.length === 0) {
        await engine.info();
        await claimProjectStack(engine, project.paths, project.stack.name);
      }
      const { key, keyPath, keyCreated, resolver, revision } = await prepareBackupInputs({
        stack: project.stack,
        paths: project.paths,
        engine,
      });
      if (keyCreated) output.warn(`created the backup key ${keyPath}: keep a copy somewhere else — without it no archive can be restored`);
      const { manifest, verified } = await runInterruptible(
        {
          say,
          firstNote: 'the part being copied finishes, a service stopped for it starts again, and no archive is kept',
          interruptedCode: 'AIS_BACKUP_INTERRUPTED',
        },
        (interrupts) =>
          runBackupJob({
            stack: project.stack,
            paths: project.paths,
            key,
            resolver,
            trigger: 'manual',
            selection: services,
            verify: options.verify,
            aistackVersion: readAistackVersion(),
            say,
            onVerifiedPart: (part) => {
              if (part.ok) say(`verified ${part.file}: ${describePart(part)}`);
              else process.stderr.write(`FAILED   ${part.file}: ${describePart(part)}\n`);
            },
            signal: interrupts.signal,
            onLeftBehind: (describe) => interrupts.setLeftBehind(describe),
            ...(revision === undefined ? {} : { revision }),
          }),
      );
      output.data(
        `${manifest.id}  ${formatBytes(manifest.totalSize, 'below-ten')}  ${manifest.parts.length} part(s)${verified ? ', verified' : ''}\n`,
      );
    });

  backup
    .command('list')
    .description('List archives: when, what, size, verified?')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const directory = await backupsDirectoryOf(projectDirectory(command));
      const listing = await listArchives(directory);
      if (options.json) {
        printJson({
          archives: listing.archives.map((entry) => ({
            id: entry.id,
            createdAt: entry.manifest.createdAt,
            trigger: entry.manifest.trigger,
            what: describeParts(entry),
            sizeBytes: entry.manifest.totalSize,
            verified: entry.verification ? { ok: entry.verification.ok, at: entry.verification.at } : null,
          })),
          incomplete: listing.incomplete,
        });
        return;
      }
      if (listing.archives.length === 0) process.stdout.write(`no archives in ${directory}; run \`aistack backup\`\n`);
      else {
        process.stdout.write(
          formatTable(
            ['ID', 'CREATED', 'TRIGGER', 'SIZE', 'VERIFIED', 'WHAT'],
            listing.archives.map((entry) => [
              entry.id,
              entry.manifest.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
              entry.manifest.trigger,
              formatBytes(entry.manifest.totalSize, 'below-ten'),
              entry.verification ? `${entry.verification.ok ? 'yes' : 'FAILED'} ${entry.verification.at.slice(0, 10)}` : 'no',
              describeParts(entry).join(', '),
            ]),
          ),
        );
      }
      for (const item of listing.incomplete) process.stdout.write(`ignored ${item.name}: ${item.reason}\n`);
    });

  backup
    .command('verify')
    .description(
      'Restore an archive (default: the newest) into a scratch database, redis-server and directory, and compare with its manifest',
    )
    .argument('[id]', 'archive id (see `aistack backup list`)')
    .action(async (id: string | undefined, _options: unknown, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const settings = resolveBackupSettings(project.stack, project.paths);
      const entry = await pickArchive(settings.directory, id);
      const key = await loadBackupKey(resolveKeyPath(project.paths));
      const engine = createEngine();
      await engine.info();
      const record = await runVerify({
        entry,
        key,
        resolver: createDockerResolver({ stack: project.stack, paths: project.paths, engine }),
      });
      const output = commandOutput(command);
      for (const part of record.parts)
        if (part.ok) output.info(`ok     ${part.file}: ${describePart(part)}`);
        else output.data(`FAILED ${part.file}: ${describePart(part)}\n`);
      if (!record.ok)
        throw new BackupError('AIS_BACKUP_VERIFY_FAILED', {
          archive: entry.id,
          summary: record.summary,
          hint: 'do not rely on this archive; make a new backup',
        });
      output.info(`archive ${entry.id} verified: ${record.summary}`);
    });
}

/** A verified part's message; a failed one's is prefixed with its error code (docs/errors/backup.md). */
function describePart(part: VerificationRecord['parts'][number]): string {
  return part.code ? `${part.code} ${part.message}` : part.message;
}

export async function pickArchive(directory: string, id: string | undefined): Promise<ArchiveEntry> {
  if (id) return readArchive(directory, id);
  const newest = (await listArchives(directory)).archives[0];
  if (!newest) throw new BackupError('AIS_BACKUP_NOT_FOUND', { directory, hint: 'run `aistack backup` first' });
  return newest;
}

async function backupsDirectoryOf(directory: string): Promise<string> {
  const project = await loadProject(directory);
  return resolveBackupSettings(project.stack, project.paths).directory;
}

function describeParts(entry: ArchiveEntry): string[] {
  return entry.manifest.parts.map((part) =>
    part.kind === 'pg-dump'
      ? `db:${part.database}`
      : part.kind === 'config'
        ? 'config'
        : part.kind === 'qdrant-snapshot'
          ? `qdrant:${part.collection}`
          : (part.volume ?? part.service),
  );
}
