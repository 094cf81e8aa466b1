import type { ProjectPaths } from '../project/paths.js';
import { describeEnsureWarnings, ensureSecrets } from '../secrets/ensure.js';
import type { Stack } from '../stack/types.js';
import { prepareTls } from './ensure-tls.js';
import type { TlsOutcome } from './ensure-tls.js';

export interface SecurityPreparation {
  /** Secrets generated now (names only). */
  readonly secretsCreated: readonly string[];
  /** Secret files that were tightened, rotations that did not finish (src/secrets/ensure.ts). */
  readonly warnings: readonly string[];
  readonly tls: TlsOutcome;
}

/**
 * What `up`/`deploy` run before containers start: every missing secret generated (never
 * overwriting one), and a certificate the proxy can serve. For the runtime's preflight.
 */
export async function prepareSecurity(
  stack: Stack,
  paths: Pick<ProjectPaths, 'directory' | 'secrets' | 'tls'>,
  options: { now?: Date } = {},
): Promise<SecurityPreparation> {
  const ensured = await ensureSecrets(paths.secrets, stack.secrets, options.now ? { now: options.now } : {});
  const tls = await prepareTls(
    stack,
    { directory: paths.directory, secrets: paths.secrets, tls: paths.tls },
    options.now ? { now: options.now } : {},
  );
  return { secretsCreated: ensured.created, warnings: describeEnsureWarnings(ensured), tls };
}
