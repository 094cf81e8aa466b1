import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { parseDisabledRules } from '../check/parse-disabled-rules.js';
import type { DisabledRule } from '../check/types.js';

/** `.aistack-check.yaml` next to a foreign compose file: `disable: [{ rule, reason }]`. Missing file: nothing disabled. */
export async function loadCheckConfig(file: string, knownRules: ReadonlySet<string>): Promise<DisabledRule[]> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const document = parse(text) as { disable?: unknown } | null;
  return parseDisabledRules(document?.disable, file, knownRules);
}
