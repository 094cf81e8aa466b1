import { StackError } from '../errors.js';
import type { Locate } from '../manifest/locate.js';
import type { Stack } from '../stack/types.js';
import type { RenderOptions } from './index.js';
import { renderStack } from './index.js';
import { renderHelmChart } from './helm/render-helm-chart.js';
import { renderKubernetes } from './kubernetes/render-kubernetes.js';
import { renderSwarmTarget } from './swarm/render-swarm-target.js';
import type { RenderedFile } from './types.js';

/** Where a stack can run: one Docker host (compose, the default) or a cluster (docs/cluster.md). */
export const RENDER_TARGETS = ['compose', 'swarm', 'kubernetes', 'helm'] as const;
export type RenderTarget = (typeof RENDER_TARGETS)[number];

export interface TargetRenderOptions extends RenderOptions {
  /** Positions in aistack.yaml for the errors of settings a target cannot honour. */
  readonly locate?: Locate;
  /**
   * Short digests of the secret files, by secret name (the shell reads them): Swarm secrets are
   * immutable, so each value gets its own name. Absent: names without a digest (render, golden tests).
   */
  readonly secretVersions?: Readonly<Record<string, string>>;
}

/** A pure renderer of one target: same Stack and options, same bytes. */
export type TargetRenderer = (stack: Stack, options: TargetRenderOptions) => RenderedFile[];

const renderers: Readonly<Record<RenderTarget, TargetRenderer | undefined>> = {
  compose: (stack, options) => renderStack(stack, options),
  swarm: renderSwarmTarget,
  kubernetes: (stack, options) => renderKubernetes(stack, options.locate ? { locate: options.locate } : {}),
  helm: (stack, options) => renderHelmChart(stack, options.locate ? { locate: options.locate } : {}),
};

export function isRenderTarget(value: string): value is RenderTarget {
  return (RENDER_TARGETS as readonly string[]).includes(value);
}

/** Every file of a stack for one target, sorted by path. */
export function renderTarget(target: RenderTarget, stack: Stack, options: TargetRenderOptions = {}): RenderedFile[] {
  const renderer = renderers[target];
  if (!renderer) {
    throw new StackError('AIS_TARGET_UNAVAILABLE', {
      target,
      hint: `render for ${RENDER_TARGETS.filter((candidate) => renderers[candidate]).join(' or ')}; see docs/cluster.md`,
    });
  }
  return renderer(stack, options).sort((a, b) => a.path.localeCompare(b.path));
}
