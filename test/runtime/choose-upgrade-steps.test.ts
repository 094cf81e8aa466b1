import { describe, expect, it } from 'vitest';
import { AistackError } from '../../src/errors.js';
import { chooseUpgradeSteps } from '../../src/runtime/apply-upgrade.js';
import type { UpgradePlan, UpgradeStep } from '../../src/upgrade/plan.js';

const step = (toTag: string, origin: UpgradeStep['origin']): UpgradeStep => ({
  to: `app:${toTag}`,
  toTag,
  origin,
  verdict: 'safe',
  rules: [],
  migrationSteps: [],
});
const plan: UpgradePlan = {
  stack: 'demo',
  generatedAt: '2026-12-02T00:00:00.000Z',
  offline: true,
  quarantineDays: 7,
  services: [
    {
      service: 'app',
      catalogId: undefined,
      current: { reference: 'app:1.0.0', tag: '1.0.0', from: 'revision' },
      catalogTag: undefined,
      source: 'offline',
      sourceNote: 'no registry',
      steps: [step('1.1.0', 'local'), step('2.0.0', 'local')],
      standing: [],
    },
    {
      service: 'qdrant',
      catalogId: 'qdrant',
      current: { reference: 'qdrant/qdrant:v1.18.2', tag: 'v1.18.2', from: 'revision' },
      catalogTag: 'v1.19.0',
      source: 'offline',
      sourceNote: 'no registry',
      steps: [step('v1.19.0', 'catalog'), step('v1.19.1', 'local')],
      standing: [],
    },
  ],
};

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error: unknown) {
    return error instanceof AistackError ? error.code : 'not an AistackError';
  }
  return undefined;
};

describe('chooseUpgradeSteps', () => {
  it("takes the catalog's pin when there is one, else the newest step; --to picks one", () => {
    expect(chooseUpgradeSteps(plan, [], undefined).map((chosen) => `${chosen.service} ${chosen.step.toTag}`)).toEqual([
      'app 2.0.0',
      'qdrant v1.19.0',
    ]);
    expect(chooseUpgradeSteps(plan, ['app'], '1.1.0').map((chosen) => chosen.step.to)).toEqual(['app:1.1.0']);
  });

  it('names unknown services, a --to without exactly one service, and a version the plan did not find', () => {
    expect(codeOf(() => chooseUpgradeSteps(plan, ['appp'], undefined))).toBe('AIS_UPGRADE_UNKNOWN_SERVICE');
    expect(codeOf(() => chooseUpgradeSteps(plan, [], '2.0.0'))).toBe('AIS_UPGRADE_TO_NEEDS_ONE_SERVICE');
    expect(codeOf(() => chooseUpgradeSteps(plan, ['app'], '3.0.0'))).toBe('AIS_UPGRADE_NO_STEP');
  });
});
