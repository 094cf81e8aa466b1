import { describe, expect, it } from 'vitest';
import { fullPresetIds } from '../../../src/cli/init.js';
import { renderPreset } from '../../../src/manifest/presets.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { startProxy } from './harness.js';

/**
 * The proxy config of the stacks a newcomer starts from — both presets, and a stack of data stores
 * only, which routes nothing — is accepted by the real nginx (`nginx -t`, then it starts).
 */
const STACKS: Record<string, string> = {
  starter: renderPreset('starter', { name: 'starter', domain: 'ai.example.test', serviceIds: fullPresetIds() }),
  full: renderPreset('full', { name: 'full', domain: 'ai.example.test', serviceIds: fullPresetIds() }),
  'data-only': 'name: dataonly\ndomain: ai.example.test\nservices:\n  postgres: {}\n  redis: {}\nmonitor: { enabled: false }\n',
};

describe('the proxy config of every kind of stack in the real nginx', () => {
  for (const [name, text] of Object.entries(STACKS)) {
    it(`${name}: nginx -t accepts it and nginx serves the health check`, async () => {
      const proxy = await startProxy(stackFromYaml(text), new Map());
      try {
        expect(proxy.testOutput).toContain('test is successful');
        const health = await fetch(`http://127.0.0.1:${proxy.healthPort}/healthz`);
        expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
      } finally {
        await proxy.stop();
      }
    });
  }
});
