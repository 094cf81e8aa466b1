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
  prepare(project: Project): Promise<PreflightPreparation>;
  check(project: Project, files: readonly RenderedFile[]): Promise<readonly PreflightFinding[]>;
  /**
   * After the rollout, when prepare changed the served certificate: make the running proxy serve
   * it (nginx -t, then a graceful reload). Returns lines to print; never throws for a failed
   * reload (the proxy keeps its current certificate, and the line says so).
   */
  reloadProxy(project: Project): Promise<readonly string[]>;
}

export interface PreflightPreparation {
  /** Warnings to print (never a secret). */
  readonly warnings: readonly string[];
  /** A new certificate or key is on disk, which a running proxy does not serve until it reloads. */
  readonly certificateChanged: boolean;
}
