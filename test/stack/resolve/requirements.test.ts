import { describe, expect, it } from 'vitest';
import { resolveRequirements } from '../../../src/stack/resolve/requirements.js';
import { contextOf, thrown } from './support/context.js';

describe('resolveRequirements', () => {
  it('enables what the user named, what it requires, the proxy and the monitor', () => {
    const { enabled, allIds } = resolveRequirements(contextOf({ services: { n8n: {} } }));
    expect([...enabled].sort()).toEqual(['docker-socket-proxy', 'monitor', 'n8n', 'n8n-runners', 'postgres', 'proxy']);
    expect([...allIds].sort()).toEqual([...enabled].sort());
  });

  it('leaves the monitor out when it is disabled', () => {
    const { enabled } = resolveRequirements(contextOf({ services: { qdrant: {} }, monitor: { enabled: false } }));
    expect([...enabled].sort()).toEqual(['proxy', 'qdrant']);
  });

  it('adds PostgreSQL and Redis for custom services that ask for them', () => {
    const { enabled, allIds } = resolveRequirements(
      contextOf({ custom: { app: { image: 'app:1', postgres: true, redis: true } }, monitor: { enabled: false } }),
    );
    expect([...enabled].sort()).toEqual(['postgres', 'proxy', 'redis']);
    expect([...allIds].sort()).toEqual(['app', 'postgres', 'proxy', 'redis']);
  });

  it('rejects an unknown service with a suggestion and its position', () => {
    expect(thrown(() => resolveRequirements(contextOf({ services: { qdrnt: {} } })))).toEqual({
      code: 'AIS_STACK_UNKNOWN_SERVICE',
      message: 'unknown service "qdrnt"; did you mean "qdrant"?',
      file: 'aistack.yaml:services.qdrnt',
    });
  });

  it('rejects a custom service with a catalog id', () => {
    expect(thrown(() => resolveRequirements(contextOf({ custom: { qdrant: { image: 'q:1' } } })))).toMatchObject({
      code: 'AIS_STACK_ID_CLASH',
      file: 'aistack.yaml:custom.qdrant',
    });
  });

  it('rejects a custom dependency on a service the stack does not have', () => {
    expect(thrown(() => resolveRequirements(contextOf({ custom: { app: { image: 'a:1', dependsOn: ['qdrant'] } } })))).toMatchObject({
      code: 'AIS_STACK_UNKNOWN_DEPENDENCY',
      file: 'aistack.yaml:custom.app.dependsOn.0',
    });
  });
});
