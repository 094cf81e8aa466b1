import type { Stack } from '../stack/types.js';
import { renderCompose } from './compose.js';
import { renderDockerApiProxy } from './docker-api-proxy.js';
import { renderEnv } from './env.js';
import { renderLitellmConfig } from './litellm-config.js';
import { renderPostgresInit } from './postgres-init.js';
import { renderProxy } from './proxy/render-proxy.js';
import { renderStackDoc } from './stack-doc.js';
import type { RenderedFile } from './types.js';

export type { RenderedFile } from './types.js';

export interface RenderOptions {
  /** Staple OCSP: only when the served certificate names a responder. @default false */
  readonly ocspStapling?: boolean;
  /** Seconds the proxy keeps an upstream's DNS answer (ProxyRenderOptions.resolverValidSeconds). @default 10 */
  readonly resolverValidSeconds?: number;
}

/** Every generated file of a stack, sorted by path. Pure: same Stack, same bytes. */
export function renderStack(stack: Stack, options: RenderOptions = {}): RenderedFile[] {
  return [
    renderCompose(stack),
    renderEnv(stack),
    ...renderLitellmConfig(stack),
    ...renderDockerApiProxy(stack),
    renderStackDoc(stack),
    ...renderPostgresInit(stack),
    ...renderProxy(stack, {
      ocspStapling: options.ocspStapling ?? false,
      ...(options.resolverValidSeconds === undefined ? {} : { resolverValidSeconds: options.resolverValidSeconds }),
    }),
  ].sort((a, b) => a.path.localeCompare(b.path));
}
