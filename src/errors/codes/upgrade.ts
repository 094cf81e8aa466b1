import { defineErrorCodes } from '../define-error-codes.js';

/** A rule that blocks a service's step and was not accepted with `--accept`. */
interface BlockedRule {
  readonly service: string;
  readonly rule: { readonly id: string; readonly title: string; readonly migration: string };
}

/** The codes of docs/errors/upgrade.md, in the order of its table. */
export const upgradeErrors = defineErrorCodes({
  AIS_UPGRADE_UNKNOWN_SERVICE: {
    meaning: '`upgrade apply` names a service that is not in the stack',
    fix: 'name services from `aistack upgrade plan`',
    message: ({ service }: { service: string }) => `"${service}" is not a service of this stack`,
  },
  AIS_UPGRADE_TO_NEEDS_ONE_SERVICE: {
    meaning: '`--to` was given with no service or with several',
    fix: '`aistack upgrade apply <service> --to <version>`',
    message: () => '--to picks the version of one service; name exactly one',
  },
  AIS_UPGRADE_NO_STEP: {
    meaning: 'nothing to upgrade, or `--to` names a version the plan did not find',
    fix: '`aistack upgrade plan` lists what was found; load the image (`aistack images load`) or pass `--registry`',
    // `requested`: the `--to` version a service has no step to; without it, no service had any step.
    message: ({ requested }: { requested?: { readonly service: string; readonly to: string; readonly current: string } }) =>
      requested
        ? `${requested.service} has no upgrade to ${requested.to} (it runs ${requested.current})`
        : 'nothing to upgrade: every selected service runs the newest version found',
  },
  AIS_UPGRADE_BLOCKED: {
    meaning: 'a step is blocked by a rule (or the quarantine) that was not accepted; nothing was changed',
    fix: 'do the migration the message names, then run again with `--accept <rule-id>` (docs/upgrades.md)',
    message: ({ blocked }: { blocked: readonly BlockedRule[] }) =>
      `blocked; nothing was changed:\n${blocked.map(({ service, rule }) => `  ${service}: ${rule.id}: ${rule.title}\n    do: ${rule.migration}`).join('\n')}`,
  },
  AIS_UPGRADE_BACKUP_UNVERIFIED: {
    meaning: 'the pre-upgrade backup did not verify; nothing was upgraded',
    fix: '`aistack backup verify <id>` names the failing parts; fix them first',
    message: ({ reason }: { reason: string }) => `the pre-upgrade backup did not verify (${reason}); nothing was upgraded`,
  },
  AIS_UPGRADE_ROLLED_BACK: {
    meaning:
      'the new version did not turn healthy: the images were rolled back, aistack.yaml put back and the data restored from the pre-upgrade backup',
    fix: "read the failing service's log lines in the message (`aistack logs <service>`)",
    // `backup`: the pre-upgrade archive the data was restored from; none when the services hold no state.
    message: ({ backup, failure }: { backup: string | undefined; failure: string }) =>
      backup === undefined
        ? `the upgrade failed; aistack.yaml is back as it was\n${failure}`
        : 'the upgrade failed and was undone: the images were rolled back, aistack.yaml is back as it was and the data ' +
          `was restored from backup ${backup}\n${failure}`,
  },
  AIS_UPGRADE_RESTORE_FAILED: {
    meaning: 'the upgrade failed and restoring the pre-upgrade backup failed too',
    fix: 'stop the services and run `aistack restore <id>` with the archive the message names',
    message: ({ backup, restoreFailure, failure }: { backup: string; restoreFailure: string; failure: string }) =>
      `the upgrade failed, and restoring backup ${backup} failed too: ${restoreFailure}\nthe upgrade failed with: ${failure}`,
  },
  AIS_UPGRADE_REGISTRY_FAILED: {
    meaning:
      'a registry `upgrade plan` asked (images.registry or `--registry`) did not answer, refused the request or sent ' +
      'something that is not the Registry HTTP API V2; the plan shows the reason and uses the catalog and this host for ' +
      'that service',
    fix: 'check the host and port, `docker login <host>` for a private repository, or leave the registry out to plan offline',
    // The reasons are many (each request, status and body of the registry): registry-client.ts words them.
    message: ({ reason }: { reason: string }) => reason,
    status: 502,
  },
});

export type UpgradeErrorCode = keyof typeof upgradeErrors;
