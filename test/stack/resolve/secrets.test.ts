import { describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../../src/stack/resolve/secrets.js';

const password = (protects: string) => ({ kind: 'password' as const, protects, critical: false });

describe('resolveSecrets', () => {
  it('lists each secret once with its consumers, sorted by name and service', () => {
    const secrets = resolveSecrets([
      { name: 'b', service: 'web', description: password('b') },
      { name: 'a', service: 'web', description: password('a'), reads: 'per-use' },
      { name: 'a', service: 'api', description: password('a') },
    ]);
    expect(secrets).toEqual([
      {
        name: 'a',
        kind: 'password',
        protects: 'a',
        critical: false,
        consumers: [
          { service: 'api', owner: false, reads: 'at-start' },
          { service: 'web', owner: false, reads: 'per-use' },
        ],
      },
      { name: 'b', kind: 'password', protects: 'b', critical: false, consumers: [{ service: 'web', owner: false, reads: 'at-start' }] },
    ]);
  });

  it('lets the owner describe a secret, whoever reads it first', () => {
    const [secret] = resolveSecrets([
      { name: 's', service: 'client', description: password('a credential client reads') },
      { name: 's', service: 'server', description: password('the server password'), owner: true },
    ]);
    expect(secret?.protects).toBe('the server password');
  });

  it('makes the owner of a live credential a live reader, and a client that reads at start anywhere an at-start reader', () => {
    const live = { kind: 'postgres-role' as const, service: 'postgres', role: 'app' };
    const [secret] = resolveSecrets([
      { name: 's', service: 'postgres', description: { ...password('role'), live }, owner: true },
      { name: 's', service: 'app', description: password('role'), reads: 'per-use' },
      { name: 's', service: 'app', description: password('role') },
    ]);
    expect(secret?.consumers).toEqual([
      { service: 'app', owner: false, reads: 'at-start' },
      { service: 'postgres', owner: true, reads: 'live' },
    ]);
    expect(secret?.live).toEqual(live);
  });
});
