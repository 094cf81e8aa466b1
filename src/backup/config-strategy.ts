import { existsSync } from 'node:fs';
import { access, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { create, extract } from 'tar';
import type { ProjectPaths } from '../project/paths.js';
import type { ArchivePart } from './archive-manifest.js';
import type { ArchiveWriter } from './archive-writer.js';
import { createTarInspector } from './tar-inspector.js';

/**
 * The project's own files: aistack.yaml, .aistack/secrets, .aistack/tls, and aistack's own
 * databases (deploy history, monitor history), encrypted like every part.
 */
export function configEntries(paths: ProjectPaths): string[] {
  return [paths.manifest, paths.secrets, paths.tls, ...databaseFiles(paths)].map((file) => relative(paths, file));
}

function databaseFiles(paths: ProjectPaths): string[] {
  return [paths.stateDatabase, paths.monitorDatabase];
}

function relative(paths: ProjectPaths, file: string): string {
  return path.relative(paths.directory, file).split(path.sep).join('/');
}

/**
 * Files are staged in a private temporary directory first: SQLite databases through SQLite's
 * online backup (a consistent copy while aistack writes them), the rest copied as they are.
 */
export async function backupConfig(paths: ProjectPaths, writer: ArchiveWriter): Promise<ArchivePart> {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'aistack-config-'));
  try {
    const present: string[] = [];
    for (const entry of configEntries(paths)) {
      const source = path.join(paths.directory, entry);
      if (
        !(await access(source).then(
          () => true,
          () => false,
        ))
      )
        continue;
      const target = path.join(staging, entry);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      if (
        databaseFiles(paths)
          .map((file) => relative(paths, file))
          .includes(entry)
      ) {
        const database = new Database(source, { readonly: true, fileMustExist: true });
        try {
          await database.backup(target);
        } finally {
          database.close();
        }
      } else {
        await cp(source, target, { recursive: true, preserveTimestamps: true });
      }
      present.push(entry);
    }
    const inspector = createTarInspector('the project files');
    const source = create({ cwd: staging, portable: false }, present) as unknown as Readable;
    const part = await writer.writePart({ name: 'config.tar', kind: 'config', service: 'config', details: { entries: present } }, source, {
      compress: true,
      observe: (chunk) => inspector.write(chunk),
    });
    const summary = await inspector.end();
    const check = { kind: 'file-hashes' as const, files: summary.files, directories: summary.directories };
    writer.updatePart(part.file, { check });
    return { ...part, check };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Is every entry one of the project files (so a config part can only write those)? */
export function isConfigPath(relative: string, paths: ProjectPaths): boolean {
  const allowed = configEntries(paths);
  return allowed.some((entry) => relative === entry || relative.startsWith(`${entry}/`));
}

/**
 * Extract the project files over the current ones (the tar was validated before). aistack's own
 * databases are put back only where none exists (a new machine): a running `aistack serve`
 * keeps writing the live ones.
 */
export async function restoreConfig(paths: ProjectPaths, plain: Readable): Promise<void> {
  await mkdir(paths.state, { recursive: true, mode: 0o700 });
  await pipeline(
    plain,
    extract({
      cwd: paths.directory,
      strict: true,
      // validateParts refused links already; a second guard, since a link here could make a TLS key a password.
      filter: (entryPath: string, entry) => {
        if ('type' in entry && entry.type !== 'File' && entry.type !== 'Directory' && entry.type !== 'OldFile') return false;
        const relativePath = entryPath.replace(/^\.\//, '').replace(/\/$/, '');
        if (
          databaseFiles(paths)
            .map((file) => relative(paths, file))
            .includes(relativePath) &&
          existsSync(path.join(paths.directory, relativePath))
        )
          return false;
        return isConfigPath(relativePath, paths);
      },
    }),
  );
}
