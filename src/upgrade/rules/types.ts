/**
 * A known breaking change of one upstream service, checked for one proposed upgrade step. Rules
 * are pure: they read the step and the stack as the plan describes them, never Docker.
 */
export type UpgradeVerdict = 'safe' | 'needs-migration' | 'blocked';

/**
 * Migration steps aistack runs itself during `upgrade apply` (a verified backup of the service's
 * state always comes first and is not listed here).
 * - `stop-before-start`: stop every container of the service before the new image starts, so
 *   old and new never run against the same database (no rolling update).
 */
export type MigrationStep = 'stop-before-start';

export interface UpgradeContext {
  readonly service: string;
  /** Catalog id; undefined for custom services. */
  readonly catalogId: string | undefined;
  readonly fromRepository: string;
  readonly fromTag: string;
  readonly toRepository: string;
  /** Undefined when no step is proposed: only rules about the current version apply. */
  readonly toTag: string | undefined;
  /** The service's non-secret environment (catalog, wiring and manifest `env`). */
  readonly environment: Readonly<Record<string, string>>;
  /** Container paths its volumes are mounted at. */
  readonly volumeTargets: readonly string[];
  readonly replicas: number;
  readonly gpu: boolean;
  /** Every service of the stack with its catalog id and environment (Adminer looks at the database servers). */
  readonly stack: readonly {
    readonly id: string;
    readonly catalogId: string | undefined;
    readonly environment: Readonly<Record<string, string>>;
  }[];
}

export interface UpgradeRule {
  /** `<service>/<change>`, stable once released; `--accept` takes it. */
  readonly id: string;
  /** Catalog ids the rule is about. */
  readonly services: readonly string[];
  /** What the step is when the rule applies (`blocked`: the user does the migration, then `--accept`). */
  readonly verdict: Exclude<UpgradeVerdict, 'safe'>;
  readonly title: string;
  /** What the rule looks at. */
  readonly checks: string;
  /** Why it matters (the upstream change). */
  readonly why: string;
  /** What to do; for `blocked` rules, what the user does before `--accept`. */
  readonly migration: string;
  /** Steps aistack runs during apply when the rule applies. */
  readonly steps: readonly MigrationStep[];
  /** Upstream source and the date it was read. */
  readonly source: string;
  readonly applies: (context: UpgradeContext) => boolean;
}
