import type { Stack } from '../../stack/types.js';
import { renderStack } from '../index.js';
import type { TargetRenderOptions } from '../targets.js';
import type { RenderedFile } from '../types.js';
import { planSwarm } from './plan-swarm.js';
import { renderSwarmStack } from './render-swarm-stack.js';

/** How long the proxy keeps a service's DNS answer on Swarm. */
export const SWARM_RESOLVER_VALID_SECONDS = 1;

/**
 * The Docker Swarm target (docs/cluster.md): swarm.yaml plus the files its configs are made
 * from (proxy config, init scripts, STACK.md) — the compose target's files without compose.yaml
 * and .env, which Swarm does not read.
 */
export function renderSwarmTarget(stack: Stack, options: TargetRenderOptions): RenderedFile[] {
  const plan = planSwarm(stack, options.locate);
  // Tasks change addresses at every update: 1 s, below Swarm's 2 s between a stopping task leaving
  // its DNS and the stop, so nginx never sends a request to a task that is gone (dnsrr).
  const files = renderStack(stack, { ...options, resolverValidSeconds: SWARM_RESOLVER_VALID_SECONDS }).filter(
    (file) => file.path !== 'compose.yaml' && file.path !== '.env',
  );
  return [
    ...files,
    renderSwarmStack({ stack, plan, files, ...(options.secretVersions ? { secretVersions: options.secretVersions } : {}) }),
  ];
}
