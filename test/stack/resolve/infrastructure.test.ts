import { describe, expect, it } from 'vitest';
import { attachAdditions } from '../../../src/stack/resolve/infrastructure.js';
import type { StackService } from '../../../src/stack/types.js';

const service = (id: string) =>
  ({ id, secrets: ['own'], files: [{ source: './a', target: '/a' }], hostPorts: [] }) as unknown as StackService;

describe('attachAdditions', () => {
  it('merges an addition into the service it names: secrets unique and sorted, files appended, host ports replaced', () => {
    const hostPorts = [{ hostIp: '0.0.0.0', host: 80, container: 80, protocol: 'tcp' as const }];
    const [proxy, other] = attachAdditions(
      [service('proxy'), service('other')],
      [undefined, { service: 'proxy', secrets: ['z', 'own', 'b'], files: [{ source: './b', target: '/b' }], hostPorts, secretUses: [] }],
    );
    expect(proxy).toEqual({
      id: 'proxy',
      secrets: ['b', 'own', 'z'],
      files: [
        { source: './a', target: '/a' },
        { source: './b', target: '/b' },
      ],
      hostPorts,
    });
    expect(other).toEqual(service('other'));
  });
});
