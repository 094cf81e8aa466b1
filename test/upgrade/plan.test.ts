import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_ALIASES, catalog } from '../../src/catalog/index.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveProjectText } from '../../src/project/load.js';
import type { PlanUpgradeInput } from '../../src/upgrade/plan.js';
import { followRetiredIds, planUpgrade } from '../../src/upgrade/plan.js';
import { renderUpgradePlan } from '../../src/upgrade/render-plan.js';

const update = process.env.UPDATE_GOLDEN === '1';
const golden = path.join(import.meta.dirname, 'golden');

async function expectGolden(name: string, actual: string): Promise<void> {
  const file = path.join(golden, name);
  if (update) await writeFile(file, actual);
  expect(actual).toBe(await readFile(file, 'utf8'));
}

const manifest = [
  'name: demo',
  'domain: ai.example.com',
  'services:',
  '  open-webui: {}',
  '  n8n:',
  '    env: { N8N_DB_PING_TIMEOUT: "5000" }',
  '  qdrant: {}',
  '  litellm: {}',
  '  openmemory: {}',
  'upgrade:',
  '  quarantine: { app: 0 }',
  'custom:',
  '  app:',
  '    image: registry.internal:5000/team/app:1.4.2',
  '    port: 8080',
  '    health: { http: /health }',
  '',
].join('\n');
const stack = resolveProjectText(resolveProjectPaths('/project'), manifest).stack;
const catalogPins = Object.fromEntries(catalog.map((entry) => [entry.id, entry.image]));
const now = new Date('2026-12-02T00:00:00Z');

/** What runs: an older release of aistack deployed these. */
const running: PlanUpgradeInput['running'] = {
  postgres: 'postgres:17.11',
  'open-webui': 'ghcr.io/open-webui/open-webui:v0.7.2',
  n8n: 'n8nio/n8n:2.40.1',
  qdrant: 'qdrant/qdrant:v1.18.2',
  app: 'registry.internal:5000/team/app:1.4.2',
  // Under its retired id: aistack.yaml still says openmemory, which now runs mem0.
  openmemory: 'aistack/openmemory-mcp:540d23d6',
};

const input: PlanUpgradeInput = {
  stack,
  catalogPins,
  running: followRetiredIds(running, CATALOG_ALIASES, new Set(stack.services.map((service) => service.id))),
  now,
  quarantineByService: stack.manifest.upgrade?.quarantine ?? {},
  facts: {
    // A registry that has a newer LiteLLM built yesterday (quarantined) and one from last month.
    litellm: {
      source: {
        kind: 'registry',
        host: 'mirror.internal:5000',
        tags: [
          { tag: catalogPins.litellm!.tag },
          { tag: 'v1.90.0', createdAt: '2026-11-01T10:00:00Z', digest: 'sha256:aaaa' },
          { tag: 'v1.92.0', createdAt: '2026-12-01T08:00:00Z', digest: 'sha256:bbbb' },
          { tag: 'main-stable' },
        ],
      },
      local: [],
    },
    // Offline: a newer Qdrant loaded with `images load`, no build time known here.
    qdrant: { source: { kind: 'offline' }, local: [{ tag: 'v1.19.1' }] },
    app: {
      source: { kind: 'registry-error', host: 'registry.internal:5000', reason: 'connect ECONNREFUSED' },
      local: [
        { tag: '1.4.2', createdAt: '2026-11-01T00:00:00Z' },
        { tag: '1.5.0', createdAt: '2026-12-01T23:00:00Z' },
      ],
    },
  },
};

describe('upgrade plan', () => {
  it('explains every step: catalog pins, registry and local tags, rules, quarantine (golden text and JSON)', async () => {
    const plan = planUpgrade(input);
    await expectGolden('plan.txt', renderUpgradePlan(plan));
    await expectGolden('plan.json', `${JSON.stringify(plan, null, 2)}\n`);
  });

  it('marks each step by its worst rule, and the quarantine blocks only tags newer than the catalog', () => {
    const plan = planUpgrade(input);
    const steps = Object.fromEntries(
      plan.services.map((service) => [service.service, service.steps.map((step) => `${step.toTag} ${step.verdict}`)]),
    );
    expect(steps.postgres).toEqual([`${catalogPins.postgres!.tag} blocked`]);
    expect(steps['open-webui']).toEqual([`${catalogPins['open-webui']!.tag} needs-migration`]);
    expect(steps.litellm).toEqual(['v1.90.0 safe', 'v1.92.0 blocked']);
    expect(steps.qdrant).toEqual([`${catalogPins.qdrant!.tag} needs-migration`, 'v1.19.1 blocked']);
    // The manifest turns the quarantine off for app: a tag built an hour ago is proposed as safe.
    expect(steps.app).toEqual(['1.5.0 safe']);
    // The retired openmemory id now runs mem0: the plan compares against what openmemory ran.
    const mem0 = plan.services.find((service) => service.service === 'mem0');
    expect(mem0?.current).toEqual({ reference: 'aistack/openmemory-mcp:540d23d6', tag: '540d23d6', from: 'revision' });
    expect(mem0?.standing.map((rule) => rule.id)).toEqual(['mem0/from-openmemory']);
    expect(plan.services.find((service) => service.service === 'mem0-dashboard')?.standing).toEqual([]);
    expect(plan.offline).toBe(false);
  });

  it('follows a retired id to its successor only when the stack has the successor and nothing ran under its own id', () => {
    const aliases = [{ id: 'openmemory', to: 'mem0' }];
    expect(followRetiredIds({ openmemory: 'a:1' }, aliases, new Set(['mem0']))).toEqual({ openmemory: 'a:1', mem0: 'a:1' });
    expect(followRetiredIds({ openmemory: 'a:1', mem0: 'b:2' }, aliases, new Set(['mem0']))).toEqual({ openmemory: 'a:1', mem0: 'b:2' });
    expect(followRetiredIds({ openmemory: 'a:1' }, aliases, new Set(['n8n']))).toEqual({ openmemory: 'a:1' });
  });

  it('says it is offline when no registry answered for any service', () => {
    const plan = planUpgrade({ ...input, facts: {} });
    expect(plan.offline).toBe(true);
    expect(renderUpgradePlan(plan).split('\n')[0]).toBe(
      'Upgrade plan for demo — offline: no registry answered; compared with the catalog and the images on this host.',
    );
  });

  it("keeps a variant's suffix: an AMD Ollama on -rocm is offered the catalog's version and newer tags as -rocm only", () => {
    const amd = resolveProjectText(
      resolveProjectPaths('/project'),
      ['name: demo', 'domain: ai.example.com', 'services:', '  ollama: { gpu: amd }', ''].join('\n'),
    ).stack;
    const pin = catalogPins.ollama!.tag;
    const plan = planUpgrade({
      stack: amd,
      catalogPins,
      running: { ollama: 'ollama/ollama:0.30.0-rocm' },
      now,
      facts: {
        ollama: {
          source: {
            kind: 'registry',
            host: 'mirror.internal:5000',
            tags: [
              { tag: pin },
              { tag: `${pin}-rocm` },
              { tag: '0.40.0', createdAt: '2026-11-01T00:00:00Z' },
              { tag: '0.40.0-rocm', createdAt: '2026-11-01T00:00:00Z' },
            ],
          },
          local: [],
        },
      },
    });
    const ollama = plan.services.find((service) => service.service === 'ollama');
    expect(ollama?.steps.map((step) => [step.toTag, step.origin])).toEqual([
      [`${pin}-rocm`, 'catalog'],
      ['0.40.0-rocm', 'registry'],
    ]);
  });
});
