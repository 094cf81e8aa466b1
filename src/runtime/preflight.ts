import type { Project } from '../project/load.js';
import type { RenderedFile } from '../render/types.js';

/** A problem `check` found, as the runtime needs it. */
export interface PreflightFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly text: string;
}

/**
 * What happens before a rollout: secrets and TLS material exist, and `check` has no errors.
 * The implementations live in src/secrets, src/tls and src/check; see default-preflight.ts.
 */
export interface Preflight {
  /** Returns warnings to print (never a secret). */
  prepare(project: Project): Promise<readonly string[]>;
  check(project: Project, files: readonly RenderedFile[]): Promise<readonly PreflightFinding[]>;
}
