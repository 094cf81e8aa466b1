import { describe, expect, it } from 'vitest';
import { wordProblem } from '../../../src/errors.js';

describe('target error templates', () => {
  it('word a Swarm update that was rolled back apart from one that was paused', () => {
    expect(
      wordProblem('AIS_SWARM_UPDATE_ROLLED_BACK', { outcome: 'rolled back', detail: 'update rolled back due to failure' }).message,
    ).toBe('Swarm rolled the update back (update rolled back due to failure)');
    expect(wordProblem('AIS_SWARM_UPDATE_ROLLED_BACK', { outcome: 'paused', detail: 'paused' }).message).toBe(
      'Swarm paused the update (paused)',
    );
  });

  it('say whether no swarm revision was found or the one named is not a swarm revision', () => {
    expect(wordProblem('AIS_SWARM_NO_REVISION', { revision: undefined }).message).toBe('no earlier healthy swarm revision to roll back to');
    expect(wordProblem('AIS_SWARM_NO_REVISION', { revision: 7 }).message).toBe('revision 7 is not a swarm revision');
  });

  it('name the docker subcommand that failed and what it said', () => {
    expect(wordProblem('AIS_SWARM_CLI_FAILED', { command: ['stack', 'deploy'], output: 'this node is not a swarm manager' }).message).toBe(
      'docker stack deploy failed: this node is not a swarm manager',
    );
  });
});
