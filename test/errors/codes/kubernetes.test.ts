import { describe, expect, it } from 'vitest';
import { wordProblem } from '../../../src/errors.js';

describe('kubernetes error templates', () => {
  it('mention the replicas of a host mount only when there are several', () => {
    expect(wordProblem('AIS_KUBERNETES_HOST_MOUNT', { service: 'app', source: './certs', replicas: 1 }).message).toBe(
      'app bind-mounts ./certs from the host; pods on a cluster have no such path',
    );
    expect(wordProblem('AIS_KUBERNETES_HOST_MOUNT', { service: 'app', source: './certs', replicas: 3 }).message).toBe(
      'app bind-mounts ./certs from the host and runs 3 replicas; pods on a cluster have no such path',
    );
  });
});
