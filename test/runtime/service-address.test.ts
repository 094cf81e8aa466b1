import { describe, expect, it } from 'vitest';
import type { ServiceContainer } from '../../src/runtime/service-address.js';
import { selectServiceAddress, selectServiceContainer } from '../../src/runtime/service-address.js';

// What a real Swarm task looks like (overlay networks need `docker swarm init`, which the
// integration tests may not run beside the full suite): the stack's overlay network and ingress.
const swarmTask: ServiceContainer = {
  id: 'c1',
  name: 'demo_qdrant.1.x7',
  project: 'demo',
  service: 'qdrant',
  orchestrator: 'swarm',
  image: 'qdrant/qdrant:v1.19.0',
  state: 'running',
  created: 100,
  networks: [
    { name: 'demo_internal', id: 'overlay-1', ip: '10.0.1.5' },
    { name: 'ingress', id: 'overlay-2', ip: '10.0.0.7' },
  ],
};

describe('selectServiceAddress', () => {
  it('refuses the overlay addresses of a Swarm task, which the host cannot reach', () => {
    expect(() => selectServiceAddress(swarmTask, new Set(['bridge-1']))).toThrow(
      expect.objectContaining({
        code: 'AIS_RUNTIME_NO_REACHABLE_NETWORK',
        message:
          'demo_qdrant.1.x7 (service qdrant) has no address this host can reach: it is on demo_internal, ingress only, and ' +
          'the host reaches containers on bridge networks',
        hint: "a Swarm stack's overlay networks are not reachable from the host: run the command where the service names resolve, or publish the port",
      }),
    );
  });

  it('takes the first bridge network with an address, by network name', () => {
    const container: ServiceContainer = {
      ...swarmTask,
      orchestrator: 'compose',
      networks: [
        { name: 'a_overlay', id: 'overlay-1', ip: '10.0.1.5' },
        { name: 'b_edge', id: 'bridge-1', ip: '' },
        { name: 'c_internal', id: 'bridge-2', ip: '172.20.0.3' },
      ],
    };
    expect(selectServiceAddress(container, new Set(['bridge-1', 'bridge-2']))).toEqual({
      container,
      network: 'c_internal',
      ip: '172.20.0.3',
    });
  });
});

describe('selectServiceContainer', () => {
  it("prefers the running task over the exited ones Swarm keeps, even with replicas 'one'", () => {
    const old: ServiceContainer = { ...swarmTask, id: 'c0', name: 'demo_qdrant.1.a0', state: 'exited', created: 200 };
    expect(selectServiceContainer([old, swarmTask], { project: 'demo', service: 'qdrant' })).toBe(swarmTask);
  });

  it('takes the newest stopped container by the order Docker lists them when two were created in the same second', () => {
    // Docker's summaries carry whole seconds; the list itself is newest first (to the nanosecond).
    const newer: ServiceContainer = { ...swarmTask, id: 'c2', name: 'demo_qdrant.1.b2', state: 'created', created: 300 };
    const older: ServiceContainer = { ...swarmTask, id: 'c1', name: 'demo_qdrant.1.a1', state: 'exited', created: 300 };
    expect(selectServiceContainer([newer, older], { project: 'demo', service: 'qdrant', state: 'any' })).toBe(newer);
    expect(() => selectServiceContainer([newer, older], { project: 'demo', service: 'qdrant' })).toThrow(
      expect.objectContaining({ message: 'service qdrant in stack demo does not run: demo_qdrant.1.b2 is created' }),
    );
  });

  it('counts only containers of the asked project and service', () => {
    expect(() => selectServiceContainer([swarmTask], { project: 'other', service: 'qdrant' })).toThrow(
      expect.objectContaining({ code: 'AIS_RUNTIME_NO_CONTAINER', message: 'no container of service qdrant in stack other' }),
    );
  });
});
