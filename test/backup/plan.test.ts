import { describe, expect, it } from 'vitest';
import { planBackup } from '../../src/backup/plan.js';
import { makeTestStack } from './support/stack.js';

const stack = makeTestStack();
const describeItems = (selection: string[] = []) =>
  planBackup(stack, selection).items.map(
    (item) => `${item.kind}:${item.kind === 'pg-dump' ? item.database.database : item.kind === 'config' ? 'config' : item.volume.name}`,
  );

describe('planBackup', () => {
  it('backs up each application database with pg_dump (never the data directory), each volume by its method, and the project files', () => {
    expect(describeItems()).toEqual([
      'pg-dump:n8n',
      'volume-tar:files-data',
      'volume-tar:n8n-data',
      'redis-rdb:redis-data',
      'config:config',
    ]);
    expect(planBackup(stack).skipped).toEqual([
      { service: 'ollama', volume: 'ollama-models', reason: 'models can be pulled again; set backup.includeModels to archive them' },
    ]);
  });

  it('a service name selects its database and volumes; postgres selects every database; config the project files', () => {
    expect(describeItems(['n8n'])).toEqual(['pg-dump:n8n', 'volume-tar:n8n-data']);
    expect(describeItems(['postgres'])).toEqual(['pg-dump:n8n']);
    expect(describeItems(['redis', 'config'])).toEqual(['redis-rdb:redis-data', 'config:config']);
  });

  it('marks a volume the catalog says is not safe to copy live', () => {
    const item = planBackup(stack, ['files']).items[0];
    expect(item).toMatchObject({ kind: 'volume-tar', live: false });
  });

  it('refuses an unknown service with a suggestion', () => {
    expect(() => planBackup(stack, ['n8m'])).toThrow('unknown service "n8m"; did you mean "n8n"?');
  });
});
