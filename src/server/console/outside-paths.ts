import path from 'node:path';
import type { Manifest } from '../../manifest/schema.js';

/** A setting of aistack.yaml that names a host path outside the project directory. */
export interface OutsidePath {
  /** Dotted key, e.g. `tls.certificate`. */
  readonly key: string;
  readonly value: string;
  readonly resolved: string;
}

/**
 * Host paths the manifest points at outside the project (TLS files, the ACME CA file, the backup
 * directory). Applying such a manifest from the console needs an explicit confirmation, and is
 * audited.
 */
export function findOutsidePaths(manifest: Manifest, projectDirectory: string): OutsidePath[] {
  const candidates: [string, string | undefined][] = [];
  if (manifest.tls.mode === 'files') {
    candidates.push(['tls.certificate', manifest.tls.certificate], ['tls.key', manifest.tls.key], ['tls.chain', manifest.tls.chain]);
  }
  if (manifest.tls.mode === 'acme') candidates.push(['tls.caFile', manifest.tls.caFile]);
  candidates.push(['backup.directory', manifest.backup?.directory]);
  const root = path.resolve(projectDirectory);
  const out: OutsidePath[] = [];
  for (const [key, value] of candidates) {
    if (value === undefined) continue;
    const resolved = path.resolve(root, value);
    const relative = path.relative(root, resolved);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) continue;
    out.push({ key, value, resolved });
  }
  return out;
}
