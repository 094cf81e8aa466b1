import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/upgrade.md, in the order of its table. */
export const upgradeErrors = defineErrorCodes({
  AIS_UPGRADE_UNKNOWN_SERVICE: {
    meaning: '`upgrade apply` names a service that is not in the stack',
    fix: 'name services from `aistack upgrade plan`',
  },
  AIS_UPGRADE_TO_NEEDS_ONE_SERVICE: {
    meaning: '`--to` was given with no service or with several',
    fix: '`aistack upgrade apply <service> --to <version>`',
  },
  AIS_UPGRADE_NO_STEP: {
    meaning: 'nothing to upgrade, or `--to` names a version the plan did not find',
    fix: '`aistack upgrade plan` lists what was found; load the image (`aistack images load`) or pass `--registry`',
  },
  AIS_UPGRADE_BLOCKED: {
    meaning: 'a step is blocked by a rule (or the quarantine) that was not accepted; nothing was changed',
    fix: 'do the migration the message names, then run again with `--accept <rule-id>` (docs/upgrades.md)',
  },
  AIS_UPGRADE_BACKUP_UNVERIFIED: {
    meaning: 'the pre-upgrade backup did not verify; nothing was upgraded',
    fix: '`aistack backup verify <id>` names the failing parts; fix them first',
  },
  AIS_UPGRADE_ROLLED_BACK: {
    meaning:
      'the new version did not turn healthy: the images were rolled back, aistack.yaml put back and the data restored from the pre-upgrade backup',
    fix: "read the failing service's log lines in the message (`aistack logs <service>`)",
  },
  AIS_UPGRADE_RESTORE_FAILED: {
    meaning: 'the upgrade failed and restoring the pre-upgrade backup failed too',
    fix: 'stop the services and run `aistack restore <id>` with the archive the message names',
  },
  AIS_UPGRADE_REGISTRY_FAILED: {
    meaning:
      'a registry `upgrade plan` asked (images.registry or `--registry`) did not answer, refused the request or sent ' +
      'something that is not the Registry HTTP API V2; the plan shows the reason and uses the catalog and this host for ' +
      'that service',
    fix: 'check the host and port, `docker login <host>` for a private repository, or leave the registry out to plan offline',
    status: 502,
  },
});

export type UpgradeErrorCode = keyof typeof upgradeErrors;
