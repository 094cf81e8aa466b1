import { prepareSecurity } from '../tls/prepare-security.js';
import type { Preflight } from './preflight.js';

/**
 * The preflight `up` and `deploy` use: every missing secret generated (never overwriting one)
 * and a certificate the proxy can serve (src/tls prepareSecurity). The `check` hook returns no
 * findings until src/check exports `checkProject`; wire it here then.
 */
export function createDefaultPreflight(): Preflight {
  return {
    prepare: async (project) => {
      await prepareSecurity(project.stack, project.paths);
    },
    check: async () => [],
  };
}
