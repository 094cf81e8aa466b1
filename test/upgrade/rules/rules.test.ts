import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findApplyingRules, UPGRADE_RULES } from '../../../src/upgrade/rule-pack.js';
import type { UpgradeContext } from '../../../src/upgrade/rules/types.js';
import { step } from './fixture.js';

/**
 * One fixture per rule: a state that triggers it and one that does not (the closest miss).
 * Static tables, no generated cases.
 */
const FIXTURES: Record<string, { readonly triggers: UpgradeContext; readonly passes: UpgradeContext }> = {
  'adminer/v6-trust-auth': {
    triggers: step('adminer', '5.5.1', '6.0.1', {
      stack: [{ id: 'postgres', catalogId: 'postgres', environment: { POSTGRES_HOST_AUTH_METHOD: 'trust' } }],
    }),
    passes: step('adminer', '5.5.1', '6.0.1', {
      stack: [{ id: 'postgres', catalogId: 'postgres', environment: { POSTGRES_INITDB_ARGS: '--auth-host=scram-sha-256' } }],
    }),
  },
  'flowise/v3.1-langchain-v1': {
    triggers: step('flowise', '3.0.12', '3.1.3'),
    passes: step('flowise', '3.1.0', '3.1.3'),
  },
  'mem0/from-openmemory': {
    triggers: { ...step('mem0', '540d23d6', undefined), fromRepository: 'aistack/openmemory-mcp' },
    passes: { ...step('mem0', '8d5b786', undefined), fromRepository: 'aistack/mem0-server' },
  },
  'n8n/v3-removed-settings': {
    triggers: step('n8n', '2.40.1', '3.0.0', { environment: { N8N_DB_PING_TIMEOUT: '5000' } }),
    passes: step('n8n', '2.40.1', '3.0.0', { environment: { DB_PING_TIMEOUT_MS: '5000' } }),
  },
  'n8n/v3-storage-rename': {
    triggers: step('n8n', '2.40.1', '3.0.0'),
    passes: step('n8n', '2.39.0', '2.40.1'),
  },
  'ollama/rocm-v7': {
    triggers: step('ollama', '0.31.0-rocm', '0.32.15-rocm', { gpu: true }),
    passes: step('ollama', '0.31.0', '0.32.15', { gpu: true }),
  },
  'open-webui/v0.8-schema': {
    triggers: step('open-webui', 'v0.7.2', 'v0.11.2'),
    passes: step('open-webui', 'v0.8.5', 'v0.11.2'),
  },
  'postgres/data-path-18': {
    triggers: step('postgres', '17.11', '18.6', { volumeTargets: ['/var/lib/postgresql/data'] }),
    passes: step('postgres', '17.11', '18.6', { volumeTargets: ['/var/lib/postgresql'] }),
  },
  'postgres/major-version': {
    triggers: step('postgres', '17.11', '18.6'),
    passes: step('postgres', '18.4', '18.6'),
  },
  'qdrant/search-endpoints': {
    triggers: step('qdrant', 'v1.18.2', 'v1.19.0'),
    passes: step('qdrant', 'v1.19.0', 'v1.19.1'),
  },
  'supabase/legacy-api-keys': {
    triggers: step('supabase-auth', 'v2.185.0', 'v2.186.0', { environment: { ANON_KEY: '<secret>' } }),
    passes: step('supabase-auth', 'v2.185.0', 'v2.186.0', { environment: { JWT_EXP: '3600' } }),
  },
  'supabase/postgres-17': {
    triggers: step('supabase-db', '15.8.1.085', '17.6.1.136'),
    passes: step('supabase-db', '15.8.1.085', '15.8.1.100'),
  },
};

describe('the upgrade rule pack', () => {
  it('has a fixture for every rule and no fixture without a rule', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(UPGRADE_RULES.map((rule) => rule.id).sort());
  });

  it('every rule says what it checks, why, what to do and where the fact comes from; ids are <service>/<change>', () => {
    for (const rule of UPGRADE_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/);
      expect(rule.services).toContain(rule.id.split('/')[0] === 'supabase' ? rule.services[0] : rule.id.split('/')[0]);
      for (const text of [rule.title, rule.checks, rule.why, rule.migration, rule.source]) expect(text.length).toBeGreaterThan(10);
    }
  });

  for (const [id, fixture] of Object.entries(FIXTURES)) {
    it(`${id} applies to its triggering state and not to the closest miss`, () => {
      expect(findApplyingRules(fixture.triggers).map((rule) => rule.id)).toContain(id);
      expect(findApplyingRules(fixture.passes).map((rule) => rule.id)).not.toContain(id);
    });
  }

  it('docs/upgrades.md has one table row per rule and no row for a rule that is gone', async () => {
    const text = await readFile(path.join(import.meta.dirname, '../../../docs/upgrades.md'), 'utf8');
    const rows = [...text.matchAll(/^\| `([a-z0-9-]+\/[a-z0-9.-]+)` \|/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual(UPGRADE_RULES.map((rule) => rule.id).sort());
  });

  it('rules never apply to custom services, whatever their image', () => {
    expect(findApplyingRules({ ...step('postgres', '17.11', '18.6'), catalogId: undefined })).toEqual([]);
  });
});
