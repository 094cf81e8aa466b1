import { createHash } from 'node:crypto';
import path from 'node:path';
import { Parser } from 'tar';
import type { ReadEntry } from 'tar';
import { BackupError } from '../errors.js';

/** What a tar holds: sha256 of every regular file (by path relative to the volume) and the directory count. */
export interface TarSummary {
  readonly files: Record<string, string>;
  readonly directories: number;
  /** Symbolic and hard links that stay inside (by path); volumes may hold them, project files may not. */
  readonly links: readonly string[];
}

export interface TarInspector {
  write(chunk: Buffer): void;
  end(): Promise<TarSummary>;
}

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * Reads a tar as it streams by and refuses any entry that could write outside the directory it is
 * extracted into: absolute paths, `..` components, symbolic links whose target leaves the
 * directory, hard links to such paths, entries below a symbolic link, and device files or FIFOs.
 * `root` is the top-level directory Docker puts in front of every entry (the mount's base name).
 */
export function createTarInspector(label: string, root?: string): TarInspector {
  const files: Record<string, string> = {};
  const symlinks = new Set<string>();
  const links: string[] = [];
  let directories = 0;
  let failure: Error | undefined;
  const refuse = (entryPath: string, why: string): void => {
    failure ??= new BackupError('AIS_BACKUP_UNSAFE_ENTRY', {
      part: label,
      entry: entryPath,
      which: why,
      hint: 'this archive could write outside its target, so it is refused; nothing was restored. Use another archive',
    });
  };
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      const relative = toRelative(entry.path, root);
      if (typeof relative !== 'string') {
        refuse(entry.path, relative.why);
        entry.resume();
        return;
      }
      const parts = relative === '' ? [] : relative.split('/');
      for (let index = 1; index < parts.length; index += 1) {
        if (symlinks.has(parts.slice(0, index).join('/'))) {
          refuse(entry.path, 'lies below a symbolic link');
          break;
        }
      }
      if (entry.type === 'Directory' || entry.type === 'GNUDumpDir') directories += 1;
      else if (entry.type === 'SymbolicLink') {
        const target = entry.linkpath ?? '';
        if (target.startsWith('/')) refuse(entry.path, `is a symbolic link to the absolute path ${JSON.stringify(target)}`);
        else {
          const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(relative), target));
          if (resolved === '..' || resolved.startsWith('../'))
            refuse(entry.path, `is a symbolic link that points outside (${JSON.stringify(target)})`);
        }
        symlinks.add(relative);
        links.push(relative);
      } else if (entry.type === 'Link') {
        links.push(relative);
        const target = toRelative(entry.linkpath ?? '', root);
        if (typeof target !== 'string') refuse(entry.path, `is a hard link to ${JSON.stringify(entry.linkpath)}, which ${target.why}`);
      } else if (FILE_TYPES.has(entry.type)) {
        const hash = createHash('sha256');
        entry.on('data', (chunk: Buffer) => hash.update(chunk));
        entry.on('end', () => {
          files[relative] = hash.digest('hex');
        });
        return;
      } else {
        refuse(entry.path, `is a ${entry.type}, which a backup never needs`);
      }
      entry.resume();
    },
  });
  parser.on('error', (error: Error) => {
    failure ??= new BackupError('AIS_BACKUP_TAR_INVALID', {
      part: label,
      reason: error.message,
      hint: 'the archive is damaged; use another one',
      cause: error,
    });
  });
  const ended = new Promise<void>((resolve) => parser.on('end', () => resolve()));
  // The parser's callbacks set `failure` during write(): a function reads it afresh each time.
  const throwIfFailed = (): void => {
    if (failure) throw failure;
  };
  return {
    write(chunk) {
      throwIfFailed();
      parser.write(chunk);
      throwIfFailed();
    },
    async end() {
      parser.end();
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (failure) throw failure;
      return { files, directories, links };
    },
  };
}

/** The entry path relative to the volume, or why it is refused. */
function toRelative(raw: string, root: string | undefined): string | { why: string } {
  if (raw.startsWith('/') || /^[A-Za-z]:[\\/]/.test(raw)) return { why: 'is an absolute path' };
  const parts = raw.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) return { why: 'climbs out with ".."' };
  if (root !== undefined) {
    if (parts[0] !== root) return { why: `is not under ${root}/` };
    parts.shift();
  }
  return parts.join('/');
}
