import { describe, expect, it } from 'vitest';
import { UpgradeError, wordProblem } from '../../../src/errors.js';

describe('upgrade error templates', () => {
  it('tell a --to version with no step from nothing to upgrade at all', () => {
    expect(wordProblem('AIS_UPGRADE_NO_STEP', { requested: { service: 'app', to: '3.0.0', current: '1.0.0' } }).message).toBe(
      'app has no upgrade to 3.0.0 (it runs 1.0.0)',
    );
    expect(new UpgradeError('AIS_UPGRADE_NO_STEP', {}).message).toBe(
      'nothing to upgrade: every selected service runs the newest version found',
    );
  });

  it('say whether the data was restored after a failed upgrade', () => {
    expect(wordProblem('AIS_UPGRADE_ROLLED_BACK', { backup: undefined, failure: 'app did not turn healthy' }).message).toBe(
      'the upgrade failed; aistack.yaml is back as it was\napp did not turn healthy',
    );
    expect(wordProblem('AIS_UPGRADE_ROLLED_BACK', { backup: '20261203-1200', failure: 'app did not turn healthy' }).message).toBe(
      'the upgrade failed and was undone: the images were rolled back, aistack.yaml is back as it was and the data was ' +
        'restored from backup 20261203-1200\napp did not turn healthy',
    );
  });

  it('list each blocked rule with the migration it asks for', () => {
    const rule = { id: 'postgres/major', title: 'a new major version', migration: 'pg_upgrade' };
    expect(wordProblem('AIS_UPGRADE_BLOCKED', { blocked: [{ service: 'postgres', rule }] }).message).toBe(
      'blocked; nothing was changed:\n  postgres: postgres/major: a new major version\n    do: pg_upgrade',
    );
  });
});
