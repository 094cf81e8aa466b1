import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** `**` any folders, `*` and `?` within one name, like a shell glob. */
function globPattern(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      source += glob[index + 2] === '/' ? '(?:.*/)?' : '.*';
      index += glob[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Expand paths that are globs (`docs/**\/*.md`, `*.md`) against the file system; other paths stay
 * as given. A glob that matches nothing expands to nothing (the shell would pass it through).
 */
export async function expandPaths(patterns: readonly string[], directory: string): Promise<string[]> {
  const result: string[] = [];
  for (const pattern of patterns) {
    if (!/[*?]/.test(pattern)) {
      result.push(path.resolve(directory, pattern));
      continue;
    }
    const normalized = pattern.split(path.sep).join('/');
    const firstGlob = normalized.search(/[*?]/);
    const base = normalized.slice(0, normalized.lastIndexOf('/', firstGlob) + 1);
    const root = path.resolve(directory, base || '.');
    const matcher = globPattern(normalized.slice(base.length));
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    const matches = entries
      .filter((entry) => entry.isFile() && !entry.parentPath.includes('node_modules'))
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((file) => matcher.test(file))
      .sort()
      .map((file) => path.join(root, file));
    result.push(...matches);
  }
  return result;
}
