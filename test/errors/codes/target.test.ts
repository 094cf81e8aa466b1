import { describe, expect, it } from 'vitest';
import { wordError } from '../../../src/errors.js';

describe('target error templates', () => {
  it('word a Swarm update that was rolled back apart from one that was paused', () => {
    expect(wordError('AIS_SWARM_UPDATE_ROLLED_BACK', { outcome: 'rolled back', detail: 'update rolled back due to failure' })).toBe(
      'Swarm rolled the update back (update rolled back due to failure)',
    );
    expect(wordError('AIS_SWARM_UPDATE_ROLLED_BACK', { outcome: 'paused', detail: 'paused' })).toBe('Swarm paused the update (paused)');
  });

  it('say whether no swarm revision was found or the one named is not a swarm revision', () => {
    expect(wordError('AIS_SWARM_NO_REVISION', { revision: undefined })).toBe('no earlier healthy swarm revision to roll back to');
    expect(wordError('AIS_SWARM_NO_REVISION', { revision: 7 })).toBe('revision 7 is not a swarm revision');
  });

  it('name the docker subcommand that failed and what it said', () => {
    expect(wordError('AIS_SWARM_CLI_FAILED', { command: ['stack', 'deploy'], output: 'this node is not a swarm manager' })).toBe(
      'docker stack deploy failed: this node is not a swarm manager',
    );
  });
});
