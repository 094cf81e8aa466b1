import { CheckError } from '../errors.js';
import type { DisabledRule } from './types.js';

/** Parse `check.disable` entries (`{ rule, reason }`, reason required) from aistack.yaml or .aistack-check.yaml. */
export function parseDisabledRules(value: unknown, file: string, knownRules: ReadonlySet<string>): DisabledRule[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new CheckError('AIS_CHECK_BAD_CONFIG', {
      file,
      hint: 'write disable: [{ rule: ports/outside-plan, reason: "why" }]',
    });
  return value.map((entry: unknown, index) => {
    const rule = (entry as { rule?: unknown } | null)?.rule;
    const reason = (entry as { reason?: unknown } | null)?.reason;
    if (typeof rule !== 'string' || typeof reason !== 'string' || reason.trim() === '') {
      throw new CheckError('AIS_CHECK_BAD_CONFIG', {
        file,
        index,
        hint: 'every disabled rule says why, e.g. { rule: ports/outside-plan, reason: "legacy port kept for clients" }',
      });
    }
    if (!knownRules.has(rule))
      throw new CheckError('AIS_CHECK_UNKNOWN_RULE', {
        rule,
        file,
        index,
        hint: 'run `aistack check --list-rules` for the rule ids',
      });
    return { rule, reason };
  });
}
