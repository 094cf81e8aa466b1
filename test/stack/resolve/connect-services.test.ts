import { describe, expect, it } from 'vitest';
import { connectServices } from '../../../src/stack/resolve/connect-services.js';
import type { StackService } from '../../../src/stack/types.js';
import { thrown } from './support/context.js';

const service = (id: string, fields: Partial<StackService> = {}): StackService =>
  ({
    id,
    catalogId: id,
    job: false,
    health: undefined,
    dependsOn: [],
    networks: ['internal'],
    hostPorts: [],
    ...fields,
  }) as unknown as StackService;
const on = (target: string) => [{ service: target, condition: 'service_healthy' as const, required: true }];
const locate = (path: readonly (string | number)[]) => ({ file: path.join('.'), line: 1, column: 1 });

describe('connectServices', () => {
  it('waits for a job to finish, a healthy service to be healthy and any other to start; sorted by id', () => {
    const services = connectServices(
      [
        service('web', { dependsOn: [...on('migrate'), ...on('db'), ...on('cache')] }),
        service('migrate', { job: true }),
        service('db', { health: { test: ['CMD', 'true'], probe: { type: 'tcp' } } }),
        service('cache'),
      ],
      { locate },
    );
    expect(services.map((s) => s.id)).toEqual(['cache', 'db', 'migrate', 'web']);
    expect(services[3]?.dependsOn.map((dependency) => dependency.condition)).toEqual([
      'service_completed_successfully',
      'service_healthy',
      'service_started',
    ]);
  });

  it('puts a service with a host port on the edge network', () => {
    const [connected] = connectServices(
      [service('app', { hostPorts: [{ hostIp: '127.0.0.1', host: 9000, container: 80, protocol: 'tcp' }] })],
      {
        locate,
      },
    );
    expect(connected?.networks).toEqual(['edge', 'internal']);
  });

  it('rejects a cycle, pointing at a custom service in it', () => {
    expect(
      thrown(() =>
        connectServices([service('a', { catalogId: undefined, dependsOn: on('b') }), service('b', { dependsOn: on('a') })], { locate }),
      ),
    ).toEqual({
      code: 'AIS_STACK_CYCLE',
      message: 'dependency cycle: a → b → a',
      file: 'custom.a.dependsOn',
    });
  });
});
