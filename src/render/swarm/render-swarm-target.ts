import { StackError } from '../../errors.js';
import type { Stack } from '../../stack/types.js';
import type { TargetRenderOptions } from '../targets.js';
import type { RenderedFile } from '../types.js';

/** The Docker Swarm target (docs/cluster.md). */
export function renderSwarmTarget(stack: Stack, options: TargetRenderOptions): RenderedFile[] {
  void stack;
  void options;
  throw new StackError('AIS_TARGET_UNAVAILABLE', 'the swarm target is not available in this build of aistack', {
    hint: 'render for compose; see docs/cluster.md',
  });
}
