import type { Stack } from '../../stack/types.js';
import { renderStack } from '../index.js';
import type { TargetRenderOptions } from '../targets.js';
import type { RenderedFile } from '../types.js';
import { planSwarm } from './plan-swarm.js';
import { renderSwarmStack } from './render-swarm-stack.js';

/**
 * The Docker Swarm target (docs/cluster.md): swarm.yaml plus the files its configs are made
 * from (proxy config, init scripts, STACK.md) — the compose target's files without compose.yaml
 * and .env, which Swarm does not read.
 */
export function renderSwarmTarget(stack: Stack, options: TargetRenderOptions): RenderedFile[] {
  const plan = planSwarm(stack, options.locate);
  const files = renderStack(stack, options).filter((file) => file.path !== 'compose.yaml' && file.path !== '.env');
  return [
    ...files,
    renderSwarmStack({ stack, plan, files, ...(options.secretVersions ? { secretVersions: options.secretVersions } : {}) }),
  ];
}
