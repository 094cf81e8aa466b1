import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The version in package.json, read once (`aistack --version`, SARIF output, backup manifests, aistack_build_info). */
export function readAistackVersion(): string {
  version ??= readVersion();
  return version;
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
