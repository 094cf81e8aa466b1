import { parse } from 'yaml';

/**
 * The settings two aistack.yaml texts disagree on, as paths (`monitor.notifiers[0].url`), sorted;
 * at most `limit` of them. Comments and formatting are no change. Pure.
 */
export function listManifestChanges(before: string, after: string, limit = 5): string[] {
  const changes: string[] = [];
  compare(readYaml(before), readYaml(after), '', changes);
  return changes.sort().slice(0, limit);
}

function readYaml(text: string): unknown {
  try {
    return parse(text) as unknown;
  } catch {
    // Not YAML (a broken edit): the whole text is the one value.
    return text;
  }
}

function compare(a: unknown, b: unknown, at: string, changes: string[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < Math.max(a.length, b.length); index += 1) compare(a[index], b[index], `${at}[${index}]`, changes);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) compare(a[key], b[key], at === '' ? key : `${at}.${key}`, changes);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) changes.push(at === '' ? '(the whole file)' : at);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
