import { parse } from 'yaml';

/**
 * aistack.yaml as the forms show it: the values as written (no defaults filled in), or an empty
 * mapping when the text does not parse. aistack.yaml holds no secret values (they are generated
 * into .aistack/secrets), so this is safe to send.
 */
export function readManifestValues(text: string): Record<string, unknown> {
  try {
    const value: unknown = parse(text, { maxAliasCount: 100, uniqueKeys: true });
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
