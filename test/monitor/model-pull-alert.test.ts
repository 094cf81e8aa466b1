import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordModelPulls } from '../../src/models/models-state.js';
import { createMonitorEngine } from '../../src/monitor/create-monitor-engine.js';
import { createWebhookNotifier } from '../../src/monitor/notifiers/webhook-notifier.js';
import { startWebhookReceiver } from './support/http.js';
import type { WebhookReceiver } from './support/http.js';
import { emptyStack } from './support/stack.js';

let directory: string;
let webhook: WebhookReceiver;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-model-alert-'));
  webhook = await startWebhookReceiver();
});
afterAll(async () => {
  await webhook.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the model-pull-failed alert', () => {
  it('fires through the notifiers when a declared model failed to pull, and resolves when a later pull succeeds', async () => {
    let now = Date.parse('2026-12-02T08:00:00Z');
    const engine = createMonitorEngine({
      stack: emptyStack(),
      monitors: [],
      databasePath: path.join(directory, 'monitor.db'),
      composeProject: 'none',
      notifiers: [createWebhookNotifier('hook', `${webhook.url}/alerts`)],
      clock: { now: () => now },
      models: { stateDirectory: directory, declared: ['big:7b', 'small:1b'] },
    });
    const failure = { code: 'AIS_MODELS_DISK_BUDGET', message: 'big:7b needs 4.1 GiB; models.diskBudget leaves 1.0 GiB' };
    await recordModelPulls(
      directory,
      [
        { model: 'big:7b', status: 'failed', transferred: 0, sizeBytes: 0, resumes: 0, error: failure },
        { model: 'small:1b', status: 'present', transferred: 0, sizeBytes: 1024, resumes: 0 },
        // Not declared (any more): no alert.
        { model: 'gone:1b', status: 'failed', transferred: 0, sizeBytes: 0, resumes: 0, error: failure },
      ],
      new Date(now),
    );
    await engine.evaluateAlerts();
    const summary = 'pulling model big:7b failed: AIS_MODELS_DISK_BUDGET big:7b needs 4.1 GiB; models.diskBudget leaves 1.0 GiB';
    expect(engine.alerts('firing')).toMatchObject([
      { ruleId: 'model-pull-failed', key: 'model-pull-failed:big:7b', service: 'ollama', severity: 'warning', summary },
    ]);
    expect(await webhook.waitFor((body) => body.kind === 'firing')).toMatchObject({ title: `[FIRING] demo: ${summary}` });

    await recordModelPulls(
      directory,
      [{ model: 'big:7b', status: 'pulled', transferred: 4096, sizeBytes: 4096, resumes: 0 }],
      new Date(now),
    );
    now += 20_000; // past the state file's 15-s cache
    await engine.evaluateAlerts();
    expect(engine.alerts('firing')).toEqual([]);
    expect(engine.alerts('all')).toMatchObject([{ ruleId: 'model-pull-failed', state: 'resolved' }]);
    expect(await webhook.waitFor((body) => body.kind === 'resolved')).toMatchObject({ title: `[RESOLVED] demo: ${summary}` });
    await engine.stop();
  });
});
