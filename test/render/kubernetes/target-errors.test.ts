import { describe, expect, it } from 'vitest';
import { AistackError } from '../../../src/errors.js';
import { renderKubernetes } from '../../../src/render/kubernetes/render-kubernetes.js';
import { projectFromText } from './render-project.js';

const head = 'name: demo\ndomain: ai.example.com\n';

function errorOf(text: string): AistackError {
  const { project, locate } = projectFromText(text);
  try {
    renderKubernetes(project.stack, { locate });
  } catch (error: unknown) {
    if (error instanceof AistackError) return error;
    throw error;
  }
  throw new Error('rendered without an error');
}

describe('settings the Kubernetes target cannot honour', () => {
  it('replicas > 1 for a data store is an error at the key, naming the alternative', () => {
    const error = errorOf(`${head}services:\n  qdrant:\n    replicas: 2\n`);
    expect(error.format()).toBe(
      'aistack.yaml:5:5 AIS_KUBERNETES_REPLICATED_STATEFUL services.qdrant.replicas is 2, but qdrant is a data store ' +
        '(/qdrant/storage, /qdrant/snapshots), which one pod owns on Kubernetes',
    );
    expect(error.hint).toBe('remove the key: aistack runs one pod per data store (a replicated database needs an operator of its own)');
  });

  it('replicas under targets.kubernetes for a service with a volume points there', () => {
    const error = errorOf(
      `${head}services:\n  open-webui:\ntargets:\n  kubernetes:\n    services:\n      open-webui:\n        replicas: 3\n`,
    );
    expect(error.code).toBe('AIS_KUBERNETES_REPLICATED_STATEFUL');
    expect(error.location).toEqual({ file: 'aistack.yaml', line: 9, column: 9 });
  });

  it('an entry for a service the cluster does not run is an error', () => {
    const error = errorOf(`${head}services:\n  ollama:\ntargets:\n  kubernetes:\n    services:\n      proxy:\n        replicas: 2\n`);
    expect(error.format()).toBe(
      'aistack.yaml:8:7 AIS_KUBERNETES_UNKNOWN_SERVICE targets.kubernetes.services names "proxy", which is not a service of this stack on Kubernetes',
    );
    expect(error.hint).toBe('proxy runs on a Docker host only (the Ingress replaces the proxy); remove the entry');
  });

  it('an ingress class other than nginx with a basic-auth route is an error at className', () => {
    const error = errorOf(`${head}services:\n  ollama:\ntargets:\n  kubernetes:\n    ingress:\n      className: traefik\n`);
    expect(error.code).toBe('AIS_KUBERNETES_NO_BASIC_AUTH');
    expect(error.location).toEqual({ file: 'aistack.yaml', line: 8, column: 7 });
    expect(error.hint).toBe('use className: nginx, or put your own authentication in front and set services.ollama.route.auth: none');
  });

  it('a user name instead of a numeric id is an error at custom.<id>.user', () => {
    const error = errorOf(`${head}custom:\n  app:\n    image: example/app:1.0.0\n    user: app\n`);
    expect(error.format()).toBe(
      'aistack.yaml:6:5 AIS_KUBERNETES_USER_NAME custom.app.user is "app"; Kubernetes runs containers as a numeric uid[:gid] only',
    );
  });

  it('replicas > 1 for a one-shot job is an error', () => {
    const error = errorOf(`${head}custom:\n  migrate:\n    image: example/app:1.0.0\n    job: true\n    replicas: 2\n`);
    expect(error.code).toBe('AIS_KUBERNETES_REPLICATED_JOB');
    expect(error.location).toEqual({ file: 'aistack.yaml', line: 7, column: 5 });
  });
});
