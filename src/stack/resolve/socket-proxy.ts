import { RELATIVE_PATHS } from '../project-layout.js';
import { INFRASTRUCTURE } from './context.js';
import type { ServiceAddition } from './infrastructure.js';

/** The Docker socket proxy: the rendered allowlist (src/render/docker-api-proxy.ts) is its whole nginx configuration. */
export function resolveSocketProxy(): ServiceAddition {
  return {
    service: INFRASTRUCTURE.socketProxy,
    secrets: [],
    files: [{ source: `${RELATIVE_PATHS.socketProxy}/nginx.conf`, target: '/etc/nginx/nginx.conf' }],
    secretUses: [],
  };
}
