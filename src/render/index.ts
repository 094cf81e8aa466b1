import type { Stack } from '../stack/types.js';
import { renderCompose } from './compose.js';
import { renderEnv } from './env.js';
import { renderPostgresInit } from './postgres-init.js';
import { renderStackDoc } from './stack-doc.js';
import type { RenderedFile } from './types.js';

export type { RenderedFile } from './types.js';

/** Every generated file of a stack, sorted by path. Pure: same Stack, same bytes. */
export function renderStack(stack: Stack): RenderedFile[] {
  return [renderCompose(stack), renderEnv(stack), renderStackDoc(stack), ...renderPostgresInit(stack)].sort((a, b) => a.path.localeCompare(b.path));
}
