import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar';
import type { ArchivePart } from './archive-manifest.js';
import type { ArchiveWriter } from './archive-writer.js';
import { createTarInspector } from './tar-inspector.js';

/** Read and replace the content of one volume: a host directory in tests, a Docker volume in a stack. */
export interface VolumeAccess {
  readonly description: string;
  /** Directory name Docker puts in front of every entry (the mount's base name); undefined when entries are relative. */
  readonly root: string | undefined;
  exportTar(): Promise<Readable>;
  /** Remove everything in the volume, then extract the (already validated) tar into it. */
  replaceFromTar(plain: Readable, root: string | undefined): Promise<void>;
}

/** Tar the volume, hashing every file as it streams by; refuses content that could not be restored safely. */
export async function backupVolume(
  access: VolumeAccess,
  writer: ArchiveWriter,
  meta: { readonly service: string; readonly volume: string; readonly target: string; readonly live: boolean },
): Promise<ArchivePart> {
  const inspector = createTarInspector(`volume ${meta.volume}`, access.root);
  const source = await access.exportTar();
  const part = await writer.writePart(
    {
      name: `volume-${meta.volume}.tar`,
      kind: 'volume-tar',
      service: meta.service,
      volume: meta.volume,
      target: meta.target,
      details: { live: meta.live, ...(access.root ? { root: access.root } : {}) },
    },
    source,
    { compress: true, observe: (chunk) => inspector.write(chunk) },
  );
  const summary = await inspector.end();
  const check = { kind: 'file-hashes' as const, files: summary.files, directories: summary.directories };
  writer.updatePart(part.file, { check });
  return { ...part, check };
}

export function partRoot(part: ArchivePart): string | undefined {
  const root = part.details?.root;
  return typeof root === 'string' ? root : undefined;
}

/** Extract into a scratch directory and compare the sha256 of every file with the manifest. */
export async function verifyVolumeTar(
  plain: Readable,
  part: ArchivePart,
  expected: Readonly<Record<string, string>>,
): Promise<{ ok: boolean; message: string }> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'aistack-verify-volume-'));
  try {
    const root = partRoot(part);
    await pipeline(plain, extract({ cwd: scratch, strip: root ? 1 : 0, preserveOwner: false, strict: true }));
    const actual = await hashTree(scratch);
    const problems: string[] = [];
    for (const [file, hash] of Object.entries(expected)) {
      if (actual[file] === undefined) problems.push(`${file} missing`);
      else if (actual[file] !== hash) problems.push(`${file} differs`);
    }
    for (const file of Object.keys(actual)) if (!(file in expected)) problems.push(`${file} unexpected`);
    return problems.length === 0
      ? { ok: true, message: `${Object.keys(expected).length} files match` }
      : { ok: false, message: problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (+${problems.length - 5} more)` : '') };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** sha256 of every regular file under a directory, by relative POSIX path. */
export async function hashTree(directory: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(full)) hash.update(chunk as Buffer);
    result[path.relative(directory, full).split(path.sep).join('/')] = hash.digest('hex');
  }
  return result;
}
