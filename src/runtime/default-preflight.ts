import type { Preflight } from './preflight.js';

/**
 * The preflight `up` and `deploy` use. Hook points: secrets (src/secrets `ensureSecrets`), TLS
 * (src/tls) and `checkProject` (src/check) are wired here as those modules land.
 */
export function createDefaultPreflight(): Preflight {
  return {
    prepare: async () => {},
    check: async () => [],
  };
}
