import { readFile, writeFile } from 'node:fs/promises';
import { readArchive } from '../backup/archive-reader.js';
import type { BackupResolver } from '../backup/resolver.js';
import { runBackupJob } from '../backup/backup-job.js';
import { runRestore } from '../backup/run-restore.js';
import { resolveBackupSettings } from '../backup/settings.js';
import { AistackError, UpgradeError } from '../errors.js';
import type { Project } from '../project/load.js';
import { loadProject, resolveProjectText } from '../project/load.js';
import type { UpgradePlan, UpgradeStep } from '../upgrade/plan.js';
import { setServiceImage } from '../upgrade/set-service-image.js';
import { deployProject } from './deploy-project.js';
import type { Preflight } from './preflight.js';
import type { RuntimeContext } from './runtime-context.js';

export interface ChosenStep {
  readonly service: string;
  readonly from: string;
  readonly step: UpgradeStep;
}

export interface ApplyUpgradeOptions {
  readonly context: RuntimeContext;
  readonly project: Project;
  readonly plan: UpgradePlan;
  /** Services to upgrade; empty: every service with a step. */
  readonly services: readonly string[];
  /** The version (tag) to go to; only with one service. */
  readonly to?: string;
  /** Rule ids the user accepts (`--accept`), `quarantine` included. */
  readonly accept: readonly string[];
  readonly preflight: Preflight;
  /** Pull (or check) the upgraded stack's images before anything is stopped. */
  readonly prepareImages?: (project: Project) => Promise<void>;
  readonly backup: {
    readonly key: Buffer;
    readonly resolver: (project: Project) => BackupResolver;
    readonly aistackVersion: string;
  };
}

export interface UpgradeOutcome {
  readonly steps: readonly ChosenStep[];
  /** The verified pre-upgrade archive; undefined when the services hold no state. */
  readonly backupId: string | undefined;
  readonly revision: number;
  readonly status: 'healthy' | 'unchanged';
}

/** Which step each service takes: `--to`, else the catalog's pin, else the newest step found. Pure. */
export function chooseUpgradeSteps(plan: UpgradePlan, services: readonly string[], to: string | undefined): ChosenStep[] {
  const known = new Set(plan.services.map((service) => service.service));
  for (const name of services) {
    if (!known.has(name)) {
      throw new UpgradeError('AIS_UPGRADE_UNKNOWN_SERVICE', {
        service: name,
        hint: `name services of this stack: ${[...known].sort().join(', ')}`,
      });
    }
  }
  if (to !== undefined && services.length !== 1) {
    throw new UpgradeError('AIS_UPGRADE_TO_NEEDS_ONE_SERVICE', {
      hint: 'aistack upgrade apply <service> --to <version>',
    });
  }
  const chosen: ChosenStep[] = [];
  for (const service of plan.services) {
    if (services.length > 0 && !services.includes(service.service)) continue;
    const step =
      to !== undefined
        ? service.steps.find((candidate) => candidate.toTag === to)
        : (service.steps.find((candidate) => candidate.origin === 'catalog') ?? service.steps[service.steps.length - 1]);
    if (!step) {
      if (to !== undefined) {
        throw new UpgradeError('AIS_UPGRADE_NO_STEP', {
          requested: { service: service.service, to, current: service.current.tag },
          hint:
            `\`aistack upgrade plan\` lists the versions found ` +
            `(${service.steps.map((candidate) => candidate.toTag).join(', ') || 'none'}); load the image first (\`aistack ` +
            `images load\`) or point --registry at a registry that has it`,
        });
      }
      continue;
    }
    chosen.push({ service: service.service, from: service.current.reference, step });
  }
  return chosen;
}

/**
 * Upgrade: check every blocked rule was accepted, back up and verify every state the upgraded
 * services own, run the named migration steps, pin the new images in aistack.yaml and deploy
 * health-gated. When the rollout fails, deploy has rolled the images back; then aistack.yaml
 * comes back and the data is restored from the backup (a migrated database cannot run the old
 * version), and the error says what happened.
 */
export async function applyUpgrade(options: ApplyUpgradeOptions): Promise<UpgradeOutcome> {
  const { context, project } = options;
  const steps = chooseUpgradeSteps(options.plan, options.services, options.to);
  if (steps.length === 0) {
    throw new UpgradeError('AIS_UPGRADE_NO_STEP', {
      hint: '`aistack upgrade plan` shows what was compared (catalog, registry, this host)',
    });
  }
  const missing = steps.flatMap((chosen) =>
    chosen.step.rules
      .filter((rule) => rule.verdict === 'blocked' && !options.accept.includes(rule.id))
      .map((rule) => ({ service: chosen.service, rule })),
  );
  if (missing.length > 0) {
    throw new UpgradeError('AIS_UPGRADE_BLOCKED', {
      blocked: missing,
      hint: `after doing the migration, run again with ${[...new Set(missing.map(({ rule }) => `--accept ${rule.id}`))].join(' ')}`,
    });
  }
  for (const chosen of steps) context.say(`${chosen.service}: ${chosen.from} → ${chosen.step.to} (${chosen.step.verdict})`);
  const original = await readFile(project.paths.manifest, 'utf8');
  let edited = original;
  for (const chosen of steps) edited = setServiceImage(edited, chosen.service, chosen.step.to);
  if (options.prepareImages) {
    await options.prepareImages(resolveProjectText(project.paths, edited));
  }

  // 1. A verified backup of what the upgraded services own: the same job as `aistack backup`
  // (listed, recorded for `backup status`, uploaded when S3 is set), labelled by its trigger.
  const selection = steps.map((chosen) => chosen.service);
  const backupsDirectory = resolveBackupSettings(project.stack, project.paths).directory;
  let backupId: string | undefined;
  try {
    const lastHealthy = context.store.lastHealthy();
    const { manifest } = await runBackupJob({
      stack: project.stack,
      paths: project.paths,
      key: options.backup.key,
      resolver: options.backup.resolver(project),
      selection,
      trigger: 'upgrade',
      verify: true,
      aistackVersion: options.backup.aistackVersion,
      say: context.say,
      ...(lastHealthy ? { revision: lastHealthy.id } : {}),
    });
    backupId = manifest.id;
    context.say(`backup ${backupId} written and verified`);
  } catch (error: unknown) {
    if (error instanceof AistackError && error.code === 'AIS_BACKUP_VERIFY_FAILED') {
      throw new UpgradeError('AIS_UPGRADE_BACKUP_UNVERIFIED', {
        reason: error.message,
        hint: '`aistack backup verify` names the failing parts; fix them before upgrading',
        cause: error,
      });
    }
    if (!(error instanceof AistackError && error.code === 'AIS_BACKUP_NOTHING_TO_DO')) throw error;
    context.say(`${selection.join(', ')} hold no state with a backup method; nothing to back up`);
  }

  // 2. Migration steps aistack runs itself.
  const stopFirst = steps.filter((chosen) => chosen.step.migrationSteps.includes('stop-before-start')).map((chosen) => chosen.service);
  if (stopFirst.length > 0) {
    const stopped = await options.backup.resolver(project).control.stop(stopFirst);
    context.say(`stopped ${stopped.join(', ') || stopFirst.join(', ')} before the new version starts (no rolling update)`);
  }

  // 3. Pin the new images and roll out, health-gated.
  await writeFile(project.paths.manifest, edited);
  try {
    const upgraded = await loadProject(project.paths.directory);
    const outcome = await deployProject(context, upgraded, options.preflight);
    return { steps, backupId, revision: outcome.revision.id, status: outcome.status };
  } catch (error: unknown) {
    await writeFile(project.paths.manifest, original);
    const reason = error instanceof Error ? error.message : String(error);
    if (backupId === undefined) {
      throw new UpgradeError('AIS_UPGRADE_ROLLED_BACK', {
        backup: undefined,
        failure: reason,
        hint: 'the services hold no state, so no data was restored; see `aistack logs`',
        cause: error,
      });
    }
    context.say(`the upgrade failed; restoring the data of ${selection.join(', ')} from backup ${backupId}`);
    try {
      await runRestore({
        entry: await readArchive(backupsDirectory, backupId),
        key: options.backup.key,
        paths: project.paths,
        selection: [],
        resolver: options.backup.resolver(project),
        confirm: async () => true,
        say: context.say,
      });
    } catch (restoreError: unknown) {
      throw new UpgradeError('AIS_UPGRADE_RESTORE_FAILED', {
        backup: backupId,
        restoreFailure: restoreError instanceof Error ? restoreError.message : String(restoreError),
        failure: reason,
        hint: `stop the services, then \`aistack restore ${backupId}\`; the backup was verified before the upgrade`,
        cause: restoreError,
      });
    }
    throw new UpgradeError('AIS_UPGRADE_ROLLED_BACK', {
      backup: backupId,
      failure: reason,
      hint: 'see `aistack logs <service>` for why the new version did not turn healthy',
      cause: error,
    });
  }
}
