import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { create, extract } from 'tar';
import type { ProjectPaths } from '../project/paths.js';
import type { ArchivePart } from './archive-manifest.js';
import type { ArchiveWriter } from './archive-writer.js';
import { createTarInspector } from './tar-inspector.js';

/** The project's own files: aistack.yaml, .aistack/secrets, .aistack/tls (encrypted like every part). */
export function configEntries(paths: ProjectPaths): string[] {
  return [paths.manifest, paths.secrets, paths.tls].map((file) => path.relative(paths.directory, file).split(path.sep).join('/'));
}

export async function backupConfig(paths: ProjectPaths, writer: ArchiveWriter): Promise<ArchivePart> {
  const present: string[] = [];
  for (const entry of configEntries(paths)) {
    if (await access(path.join(paths.directory, entry)).then(() => true, () => false)) present.push(entry);
  }
  const inspector = createTarInspector('the project files');
  const source = create({ cwd: paths.directory, portable: false }, present) as unknown as Readable;
  const part = await writer.writePart({ name: 'config.tar', kind: 'config', service: 'config', details: { entries: present } }, source, {
    compress: true,
    observe: (chunk) => inspector.write(chunk),
  });
  const summary = await inspector.end();
  const check = { kind: 'file-hashes' as const, files: summary.files, directories: summary.directories };
  writer.updatePart(part.file, { check });
  return { ...part, check };
}

/** Is every entry one of the project files (so a config part can only write those)? */
export function isConfigPath(relative: string, paths: ProjectPaths): boolean {
  const allowed = configEntries(paths);
  return allowed.some((entry) => relative === entry || relative.startsWith(`${entry}/`));
}

/** Extract the project files over the current ones (the tar was validated before). */
export async function restoreConfig(paths: ProjectPaths, plain: Readable): Promise<void> {
  await mkdir(paths.state, { recursive: true, mode: 0o700 });
  await pipeline(
    plain,
    extract({
      cwd: paths.directory,
      strict: true,
      filter: (entryPath: string) => isConfigPath(entryPath.replace(/^\.\//, '').replace(/\/$/, ''), paths),
    }),
  );
}
