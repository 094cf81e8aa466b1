import { createHash } from 'node:crypto';

/** The version of an aistack.yaml text the console hands out and expects back: its SHA-256, hex. */
export function hashManifest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
