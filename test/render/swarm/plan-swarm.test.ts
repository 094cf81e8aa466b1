import { describe, expect, it } from 'vitest';
import type { AistackError } from '../../../src/errors.js';
import { resolveProjectText } from '../../../src/project/load.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { renderProjectTarget } from '../../../src/project/render-project.js';
import { planSwarm } from '../../../src/render/swarm/plan-swarm.js';

const paths = resolveProjectPaths('/project');

function errorOf(text: string): AistackError {
  try {
    renderProjectTarget(resolveProjectText(paths, text), 'swarm');
  } catch (error: unknown) {
    return error as AistackError;
  }
  throw new Error('rendered without an error');
}

describe('planSwarm', () => {
  it('refuses replicas of a data store at the key, naming the alternative', () => {
    const error = errorOf('name: s\ndomain: s.example.com\nservices:\n  qdrant:\n    replicas: 2\n');
    expect(error.format()).toBe(
      'aistack.yaml:5:5 AIS_TARGET_SWARM_REPLICATED_STATE services.qdrant.replicas is 2, but qdrant keeps its data in a ' +
        'volume of one node; Swarm would give each replica its own empty volume',
    );
    expect(error.hint).toBe('run one replica of qdrant (remove replicas); replicate the stateless services that use it instead');
  });

  it('refuses a GPU without targets.swarm.gpuResource, and reports every problem at once', () => {
    const error = errorOf('name: s\ndomain: s.example.com\nservices:\n  ollama:\n    gpu: true\n  qdrant:\n    replicas: 3\n');
    expect(error.format()).toBe(
      'aistack.yaml:5:5 AIS_TARGET_SWARM_GPU_WITHOUT_RESOURCE services.ollama.gpu asks for an NVIDIA GPU, but Swarm has no ' +
        'GPU device requests: it reserves GPUs only as generic resources, and targets.swarm.gpuResource is not set',
    );
    expect(error.hint).toContain('"node-generic-resources"');
    expect(error.related.map((problem) => problem.format())).toEqual([
      'aistack.yaml:7:5 AIS_TARGET_SWARM_REPLICATED_STATE services.qdrant.replicas is 3, but qdrant keeps its data in a ' +
        'volume of one node; Swarm would give each replica its own empty volume',
    ]);
  });

  it('refuses an AMD GPU at the key: Swarm services take no devices, even with targets.swarm.gpuResource', () => {
    const error = errorOf(
      'name: s\ndomain: s.example.com\nservices:\n  ollama:\n    gpu: amd\ntargets:\n  swarm:\n    gpuResource: AMD-GPU\n',
    );
    expect(error.format()).toBe(
      "aistack.yaml:5:5 AIS_TARGET_SWARM_GPU_AMD services.ollama.gpu is amd, but Swarm cannot give a service's tasks the " +
        '/dev/kfd and /dev/dri devices ROCm needs: `devices` is not a Swarm service option',
    );
    expect(error.hint).toBe(
      'run ollama with gpu: amd on the compose target (one host), or on Kubernetes with the AMD device plugin (docs/cluster.md)',
    );
  });

  it('refuses a direct port and a proxy bound to one address, which Swarm cannot publish', () => {
    const error = errorOf('name: s\ndomain: s.example.com\nproxy:\n  bind: 127.0.0.1\nservices:\n  qdrant:\n    directPort: 18250\n');
    expect(error.format()).toBe(
      'aistack.yaml:4:3 AIS_TARGET_SWARM_BIND_ADDRESS proxy.bind is 127.0.0.1, but Swarm publishes a port on every address of the node',
    );
    expect(error.related.map((problem) => problem.code)).toEqual(['AIS_TARGET_SWARM_DIRECT_PORT']);
    expect(error.related[0]!.location).toEqual({ file: 'aistack.yaml', line: 7, column: 5 });
  });

  it('refuses replicas of a service that mounts a host path', () => {
    const stack = resolveProjectText(paths, 'name: s\ndomain: s.example.com\n').stack;
    const replicated = {
      ...stack,
      services: stack.services.map((service) => (service.id === 'proxy' ? { ...service, replicas: 2 } : service)),
    };
    expect(() => planSwarm(replicated)).toThrow(/proxy mounts a host path \(\.\/\.aistack\/tls\/live\) that exists on one node only/);
  });

  it('pins stateful services to the data node and updates them stop-first; stateless ones start first', () => {
    const plan = planSwarm(resolveProjectText(paths, 'name: s\ndomain: s.example.com\nservices:\n  litellm:\n    replicas: 2\n').stack);
    const summary = Object.fromEntries(plan.services.map((entry) => [entry.service.id, `${entry.order} ${entry.constraints.join(',')}`]));
    expect(summary).toEqual({
      'docker-socket-proxy': 'stop-first node.labels.aistack.data == true',
      litellm: 'start-first ',
      monitor: 'stop-first node.labels.aistack.data == true',
      postgres: 'stop-first node.labels.aistack.data == true',
      proxy: 'stop-first node.labels.aistack.data == true',
    });
  });
});
