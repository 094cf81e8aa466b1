import { compareVersions, parseTagVersion } from '../version.js';

/**
 * The step goes from below `version` to `version` or above (`crosses('17.6', '18.1', '18')`).
 * False when either tag is not a version: a rule cannot judge a tag it cannot read.
 */
export function crosses(fromTag: string, toTag: string | undefined, version: string): boolean {
  if (toTag === undefined) return false;
  const from = parseTagVersion(fromTag);
  const to = parseTagVersion(toTag);
  const at = parseTagVersion(version);
  if (!from || !to || !at) return false;
  return compareVersions(from, at) < 0 && compareVersions(to, at) >= 0;
}

/** The first number differs (`17.6` → `18.1`). */
export function changesMajor(fromTag: string, toTag: string | undefined): boolean {
  if (toTag === undefined) return false;
  const from = parseTagVersion(fromTag);
  const to = parseTagVersion(toTag);
  return from !== undefined && to !== undefined && from.numbers[0] !== to.numbers[0];
}
