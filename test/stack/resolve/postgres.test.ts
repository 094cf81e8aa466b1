import { describe, expect, it } from 'vitest';
import { resolvePostgres } from '../../../src/stack/resolve/postgres.js';

describe('resolvePostgres', () => {
  it('owns every role password, changes it live and mounts the init scripts', () => {
    const addition = resolvePostgres([{ database: 'n8n', role: 'n8n', passwordSecret: 'postgres-n8n-password', service: 'n8n' }]);
    expect(addition).toEqual({
      service: 'postgres',
      secrets: ['postgres-n8n-password'],
      files: [{ source: './postgres-init', target: '/docker-entrypoint-initdb.d' }],
      secretUses: [
        {
          name: 'postgres-n8n-password',
          service: 'postgres',
          description: {
            kind: 'password',
            protects: 'the PostgreSQL role "n8n" (database "n8n") used by n8n',
            critical: false,
            live: { kind: 'postgres-role', service: 'postgres', role: 'n8n' },
          },
          owner: true,
        },
      ],
    });
  });

  it('adds nothing without databases', () => {
    expect(resolvePostgres([])).toBeUndefined();
  });
});
