import { describe, expect, it } from 'vitest';
import { resolveDatabases } from '../../../src/stack/resolve/databases.js';
import { contextOf } from './support/context.js';

describe('resolveDatabases', () => {
  it('gives each catalog app that wants one a database, role and password secret, sorted by service', () => {
    expect(resolveDatabases(contextOf({}), new Set(['n8n', 'flowise', 'qdrant']))).toEqual([
      { database: 'flowise', role: 'flowise', passwordSecret: 'postgres-flowise-password', service: 'flowise' },
      { database: 'n8n', role: 'n8n', passwordSecret: 'postgres-n8n-password', service: 'n8n' },
    ]);
  });

  it('names a custom service database after its id, dashes made underscores, after the catalog ones', () => {
    const context = contextOf({ custom: { 'my-app': { image: 'a:1', postgres: true }, other: { image: 'b:1' } } });
    expect(resolveDatabases(context, new Set(['n8n']))).toEqual([
      { database: 'n8n', role: 'n8n', passwordSecret: 'postgres-n8n-password', service: 'n8n' },
      { database: 'my_app', role: 'my_app', passwordSecret: 'postgres-my_app-password', service: 'my-app' },
    ]);
  });

  it('has none when nothing asks for one', () => {
    expect(resolveDatabases(contextOf({}), new Set(['qdrant', 'proxy']))).toEqual([]);
  });
});
