import { readFileSync } from 'node:fs';

/** The version in package.json (`aistack --version`, backup manifests). */
export function readAistackVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
