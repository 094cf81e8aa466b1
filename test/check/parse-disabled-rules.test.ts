import { describe, expect, it } from 'vitest';
import { parseDisabledRules } from '../../src/check/parse-disabled-rules.js';

const known = new Set(['ports/outside-plan', 'security/privileged']);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error: unknown) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('parseDisabledRules', () => {
  it('keeps each rule with its reason', () => {
    expect(parseDisabledRules([{ rule: 'ports/outside-plan', reason: 'legacy clients' }], 'aistack.yaml', known)).toEqual([
      { rule: 'ports/outside-plan', reason: 'legacy clients' },
    ]);
    expect(parseDisabledRules(undefined, 'aistack.yaml', known)).toEqual([]);
  });

  it('refuses an entry without a reason and an unknown rule', () => {
    expect(codeOf(() => parseDisabledRules([{ rule: 'ports/outside-plan', reason: ' ' }], '.aistack-check.yaml', known))).toBe(
      'AIS_CHECK_BAD_CONFIG',
    );
    expect(codeOf(() => parseDisabledRules('ports/outside-plan', '.aistack-check.yaml', known))).toBe('AIS_CHECK_BAD_CONFIG');
    expect(codeOf(() => parseDisabledRules([{ rule: 'ports/outside', reason: 'typo' }], '.aistack-check.yaml', known))).toBe(
      'AIS_CHECK_UNKNOWN_RULE',
    );
  });
});
