import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/runtime.md, in the order of its table. */
export const runtimeErrors = defineErrorCodes({
  AIS_DOCKER_UNAVAILABLE: {
    meaning: 'the Docker Engine cannot be reached (not installed, not running, wrong `DOCKER_HOST`)',
    fix: '`apt-get install docker.io docker-compose && systemctl enable --now docker` (without systemd: `dockerd >/var/log/dockerd.log 2>&1 &`)',
    message: (
      facts: { action: string; problem: 'no socket' | 'connection refused'; address: string } | { action: string; runError: string },
    ) =>
      'runError' in facts
        ? `cannot run docker (${facts.action}): ${facts.runError}`
        : `cannot reach the Docker Engine (${facts.action}): ${facts.problem} at ${facts.address}`,
  },
  AIS_DOCKER_PERMISSION: {
    meaning: 'the Docker socket refused this user',
    fix: '`sudo usermod -aG docker $USER`, log in again (or run as root)',
    message: ({ socket, action }: { socket: string; action: string }) => `permission denied on the Docker socket ${socket} (${action})`,
  },
  AIS_DOCKER_COMPOSE_MISSING: {
    meaning: 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed',
    fix: '`apt-get install docker-compose` or install the compose v2 plugin',
    message: () => 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed',
  },
  AIS_DOCKER_COMPOSE_FAILED: {
    meaning: 'a compose command exited non-zero; the message has its last output lines',
    fix: "read compose's output; `aistack doctor` checks the host",
    // `creating`: a start that waited for compose to create the containers; compose's own error reaches the caller apart.
    message: (facts: { command: string; exitCode: number; lastLines: readonly string[] } | { creating: 'failed' }) =>
      'creating' in facts
        ? 'compose could not create the containers (its error follows)'
        : `\`${facts.command}\` failed (exit ${facts.exitCode}):\n${facts.lastLines.join('\n')}`,
  },
  AIS_DOCKER_NOT_FOUND: {
    meaning: 'a container or image named in a request does not exist',
    fix: '`aistack status` shows what exists',
    message: ({ action, reason }: { action: string; reason: string }) => `${action}: ${reason}`,
  },
  AIS_DOCKER_FAILED: {
    meaning: 'any other Engine API error',
    fix: "`aistack doctor`; the message has Docker's words",
    message: ({ action, reason }: { action: string; reason: string }) => `${action}: ${reason}`,
  },
  AIS_RUNTIME_UNKNOWN_DEPENDENCY: {
    meaning: 'the rollout plan names a dependency that is not in the stack',
    fix: '`aistack check`; re-render',
    message: ({ service, dependency }: { service: string; dependency: string }) =>
      `service "${service}" depends on "${dependency}", which is not in the stack`,
  },
  AIS_RUNTIME_SERVICE_FAILED: {
    meaning: 'a service exited, crash-looped or turned unhealthy while starting',
    fix: '`aistack logs <service>`; fix aistack.yaml and `aistack deploy`',
    message: (
      facts:
        | { reason: string }
        | { readyCommandExit: number | undefined; lastLines: readonly string[] }
        | { waited: 'too long'; last: string }
        | { waited: 'stopped' },
    ) =>
      'reason' in facts
        ? facts.reason
        : 'lastLines' in facts
          ? 'its init scripts failed when run again in the running container ' +
            `(${facts.readyCommandExit === undefined ? 'timed out' : `exit ${facts.readyCommandExit}`}): ${facts.lastLines.join(' | ')}`
          : facts.waited === 'too long'
            ? `not ready in time (${facts.last})`
            : 'stopped waiting',
  },
  AIS_RUNTIME_START_TIMEOUT: {
    meaning: 'a service was not healthy (or a job not completed) within its `startTimeout`',
    fix: '`aistack logs <service>`; raise `services.<id>.startTimeout` if it is only slow',
    message: ({ job, startTimeout, detail }: { job: boolean; startTimeout: number; detail: string }) =>
      `not ${job ? 'completed' : 'healthy'} after ${startTimeout}s (${detail})`,
  },
  AIS_RUNTIME_ABORTED: {
    meaning: 'a wait was stopped because another service failed first',
    fix: 'see the failure reported for the other service',
    message: () => 'rollout stopped',
  },
  AIS_RUNTIME_ROLLOUT_FAILED: {
    meaning:
      'a deploy did not end healthy; the message names the service, the reason, its last log lines and whether the previous revision was restored',
    fix: '`aistack logs <service>`, fix aistack.yaml, `aistack deploy`',
    message: ({ revision, outcome, failure }: { revision: number; outcome: RolloutOutcome; failure: RolloutFailureFacts | undefined }) =>
      [
        rolloutSummary(revision, outcome),
        ...(failure
          ? [
              `service ${failure.service} failed: ${failure.reason}`,
              ...(failure.logs.length > 0
                ? [`last ${failure.logs.length} log lines of ${failure.service}:`, ...failure.logs.map((line) => `  | ${line}`)]
                : []),
            ]
          : []),
        ...rolloutNote(outcome),
      ].join('\n'),
  },
  AIS_RUNTIME_DEPLOY_RUNNING: {
    meaning: 'another aistack process is deploying this project right now',
    fix: 'wait for it, or stop that process and run the command again',
    message: ({ revision, pid }: { revision: number; pid: number }) =>
      `revision ${revision} is being deployed by another aistack process (pid ${pid})`,
  },
  AIS_RUNTIME_LOCKED: {
    meaning: 'with `--no-wait`: another aistack command (named, with its pid and start time) is changing this stack right now',
    fix: 'wait for it (leave out `--no-wait` and the command waits), or stop that process',
    // `holder`: describeHolder's words (command, pid, host, start), which the waiting messages share.
    message: ({ holder }: { holder: string }) => `another aistack command is changing this stack: ${holder}`,
  },
  AIS_RUNTIME_STACK_OWNED: {
    meaning:
      'the compose project `name:` names is owned by another folder on this Docker Engine (its containers, networks or ' +
      "volumes carry that folder's id); nothing was changed",
    fix: 'give this stack its own `name:` in aistack.yaml (the message proposes one), or run the command in the owning folder',
    message: ({
      stack,
      owner,
      directory,
      resources,
    }: {
      stack: string;
      owner: string | undefined;
      directory: string;
      resources: readonly string[];
    }) =>
      `stack "${stack}" on this Docker Engine ${owner ? `belongs to ${owner}` : `was not made from ${directory}`} ` +
      `(${resources.slice(0, 3).join(', ')}${resources.length > 3 ? ` and ${resources.length - 3} more` : ''}); nothing was changed`,
  },
  AIS_RUNTIME_INTERRUPTED: {
    meaning:
      'Ctrl-C or SIGTERM stopped a rollout; the message says whether the last healthy revision runs again and where each service stood',
    fix: '`aistack deploy` tries the change again; if the rollback did not finish, `aistack rollback <revision>`',
    message: (facts: InterruptedFacts) => interruptedMessage(facts),
  },
  AIS_RUNTIME_UNDEPLOYED_EDITS: {
    meaning: '`rollback` would overwrite changes in aistack.yaml that were never deployed (it names the settings)',
    fix: '`aistack deploy` them first, or `aistack rollback --yes` to keep the edited file as aistack.yaml.<time>.bak',
    message: ({
      settings,
      running,
      source,
      declined,
    }: {
      settings: readonly string[];
      running: number;
      source: number;
      declined: boolean;
    }) =>
      `aistack.yaml has changes that were never deployed (${settings.join(', ') || 'formatting'}; revision ${running} runs); ` +
      (declined ? 'nothing was changed' : `rolling back would replace them with revision ${source}'s`),
  },
  AIS_RUNTIME_NO_REVISION: {
    meaning: '`rollback` found no such revision, or no earlier healthy one',
    fix: '`aistack history`',
    // `target` undefined: the revision before the running one; `argument`: what was typed instead of a number.
    message: (facts: { target: number | undefined } | { argument: string }) =>
      'argument' in facts
        ? `"${facts.argument}" is not a revision number`
        : facts.target === undefined
          ? 'there is no earlier healthy revision to roll back to'
          : `there is no revision ${facts.target}`,
  },
  AIS_RUNTIME_NO_STACK: {
    meaning: 'no aistack.yaml and nothing deployed in this directory',
    fix: '`aistack up` (or `-C <project directory>`)',
    message: ({ directory, purpose }: { directory: string; purpose: 'open' | 'stop' | 'rotate' }) =>
      purpose === 'stop'
        ? `nothing to stop: no revision and no compose.yaml in ${directory}`
        : purpose === 'rotate'
          ? `no aistack.yaml in ${directory}; rotation needs the stack it describes`
          : `no stack in ${directory}: no aistack.yaml and nothing deployed`,
  },
  AIS_RUNTIME_NO_CONTAINER: {
    meaning:
      'a service has no container in the stack (compose project or Swarm stack): `logs`/`restart` named it, or a command ' +
      'that talks to it (`secrets rotate`, `models`, the monitor outside the stack network) looked for it',
    fix: '`aistack status`; `aistack up`',
    // `services`: the ones a command named; `service`: the one a lookup (service-address.ts) looked for.
    message: (facts: { services: readonly string[]; stack: string } | { service: string; stack: string }) =>
      'services' in facts
        ? `no container for ${facts.services.join(', ')} in stack ${facts.stack}`
        : `no container of service ${facts.service} in stack ${facts.stack}`,
  },
  AIS_RUNTIME_CONTAINER_NOT_RUNNING: {
    meaning: "a service's container exists but does not run (the message names it and its state), and the command needs it running",
    fix: '`aistack up`; `aistack logs <service>` says why it stopped',
    message: ({ service, stack, container, state }: { service: string; stack: string; container: string; state: string }) =>
      `service ${service} in stack ${stack} does not run: ${container} is ${state}`,
  },
  AIS_RUNTIME_SEVERAL_CONTAINERS: {
    meaning:
      'several containers of a service whose data matters (PostgreSQL, Redis, Qdrant) run, so which one to rotate or back ' +
      'up is not clear; the message names them',
    fix: 'run one container of it (`services.<id>.replicas: 1`), or wait until a rollout that runs the old and the new one side by side has finished',
    message: ({ service, stack, containers }: { service: string; stack: string; containers: readonly string[] }) =>
      `${containers.length} containers of service ${service} run in stack ${stack} (${containers.join(', ')}), and which one to use is not clear`,
  },
  AIS_RUNTIME_NO_REACHABLE_NETWORK: {
    meaning:
      "a service's running container has no address the host can reach: it is on no bridge network (a Swarm stack's overlay " +
      'network, `network_mode: host` or `none`); the message lists its networks',
    fix: 'on Swarm, run the command where the service names resolve, or publish the port; otherwise put the service on a bridge network',
    message: ({ container, service, networks }: { container: string; service: string; networks: readonly string[] }) =>
      `${container} (service ${service}) has no address this host can reach: it is on ` +
      `${networks.length === 0 ? 'no network' : `${networks.join(', ')} only`}, and the host reaches containers on bridge networks`,
  },
  AIS_RUNTIME_CHECK_FAILED: {
    meaning: '`check` found errors, so nothing was started',
    fix: 'fix what `aistack check` reports',
    message: ({ findings }: { findings: readonly string[] }) =>
      `check found ${findings.length} error${findings.length === 1 ? '' : 's'}; nothing was started:\n${findings.map((finding) => `  ${finding}`).join('\n')}`,
  },
  AIS_RUNTIME_CONFIRM_REQUIRED: {
    meaning: '`down --volumes` without a terminal to confirm on',
    fix: 'back up if needed, then add `--yes`',
    message: ({ volumes }: { volumes: readonly string[] }) =>
      `--volumes deletes these volumes and the data in them:\n${volumes.map((volume) => `  ${volume}`).join('\n')}`,
  },
  AIS_RUNTIME_BAD_SINCE: {
    meaning: '`logs --since` is neither a duration nor a date',
    fix: '`--since 10m`, `--since 2h`, `--since 2026-01-31T12:00:00Z`',
    message: ({ value }: { value: string }) => `--since ${value} is neither a duration (10m, 2h, 1d) nor a date`,
  },
  AIS_RUNTIME_BAD_GREP: {
    meaning: '`logs --grep` is not a valid regular expression',
    fix: 'escape special characters',
    message: ({ pattern }: { pattern: string }) => `--grep ${pattern} is not a valid regular expression`,
  },
  AIS_RUNTIME_BAD_TAIL: {
    meaning: '`logs --tail` is not a whole number of lines',
    fix: '`--tail 100` (`--tail 0 -f` shows only new lines)',
    message: ({ value }: { value: string }) => `--tail ${value} is not a number of lines`,
  },
  AIS_RUNTIME_IMAGES_FAILED: {
    meaning: '`docker save` or `docker load` failed',
    fix: '`save`: every image must be present (`aistack images pull`); `load`: use a tar from `aistack images save`',
    message: ({ command, lastLines }: { command: string; lastLines: readonly string[] }) =>
      `docker ${command} failed: ${lastLines.join(' ')}`,
  },
  AIS_RUNTIME_IMAGES_MISSING: {
    meaning:
      'images the stack needs are not on this host and at least one cannot be pulled (`up`/`deploy` stop before creating ' +
      'anything), or `images save` was asked to save images that are not here; the message lists every one, whether it can ' +
      'be pulled, and the ways out',
    fix:
      'point `images.registry` (or `images.overrides.<id>`) at a registry this host reaches, or `aistack images load -i ' +
      "<tar>` from `aistack images save` on a connected host; aistack's own image: build it (Dockerfile) or set `monitor: { " +
      'enabled: false }`',
    // `rows`/`waysOut`: describeMissingImages's lines (an image, its state, what to do), for `up`/`deploy`; `unsaved`: for `images save`.
    message: (
      facts:
        | { total: number; missing: number; blocked: number; rows: readonly string[]; waysOut: readonly string[] }
        | { total: number; unsaved: readonly { readonly reference: string; readonly services: readonly string[] }[] },
    ) =>
      'unsaved' in facts
        ? `${facts.unsaved.length} of ${facts.total} images are not on this host, so they cannot be ` +
          `saved:\n${facts.unsaved.map((image) => `  ${image.reference} (${image.services.join(', ')})`).join('\n')}`
        : [
            `${facts.missing} of ${facts.total} images the stack needs ${facts.missing === 1 ? 'is' : 'are'} not on this host, and ` +
              `${facts.blocked} cannot be pulled; nothing was created:`,
            ...facts.rows.map((row) => `  ${row}`),
            'Ways out:',
            ...facts.waysOut.map((way) => `  ${way}`),
          ].join('\n'),
  },
  AIS_RUNTIME_PULL_FAILED: {
    meaning: 'the Engine could not pull an image (registry unreachable, unknown image, not logged in)',
    fix: '`docker login <registry>`, fix the image reference, or `aistack images load -i <tar>`',
    // `reasons`: the Engine's words for each image `images pull` could not pull.
    message: (facts: { reference: string; reason: string } | { reasons: readonly string[] }) =>
      'reasons' in facts
        ? `${facts.reasons.length} image${facts.reasons.length === 1 ? '' : 's'} could not be pulled:\n` +
          facts.reasons.map((reason) => `  ${reason}`).join('\n')
        : `cannot pull ${facts.reference}: ${facts.reason}`,
  },
  AIS_RUNTIME_IMAGES_OUTPUT: {
    meaning: '`images save -o` names a folder, or a file in a folder that does not exist or is not writable',
    fix: '`-o <existing folder>/stack.tar`',
    message: (facts: { file: string; problem: 'a folder' } | { file: string; problem: 'no folder' | 'not writable'; folder: string }) =>
      facts.problem === 'a folder'
        ? `-o ${facts.file} is a folder; it must name the tar file to write`
        : `cannot write ${facts.file}: ${facts.problem === 'no folder' ? `there is no folder ${facts.folder}` : `${facts.folder} is not writable`}`,
  },
  AIS_RUNTIME_UNKNOWN_SERVICE: {
    meaning: '`logs` named a service the stack does not have; the message suggests the closest one',
    fix: 'use a name from `aistack status`',
    message: ({ stack, service, guess }: { stack: string; service: string; guess: string | undefined }) =>
      `stack ${stack} has no service "${service}"${guess ? `; did you mean "${guess}"?` : ''}`,
  },
  AIS_STORE_OPEN_FAILED: {
    meaning: 'the state database .aistack/state.db cannot be opened',
    fix: 'make .aistack/ writable; a corrupt file can be moved aside (history is lost, containers are not)',
    // `reason`: SQLite's words.
    message: ({
      action,
      file,
      reason,
    }: {
      action: 'open the state database' | 'open the monitor database' | 'read the deploy history in';
      file: string;
      reason: string;
    }) => `cannot ${action} ${file}: ${reason}`,
  },
});

export type RuntimeErrorCode = keyof typeof runtimeErrors;

/** How a rollout that did not end healthy ended: nothing to go back to, or the rollback and how it went. */
type RolloutOutcome =
  | 'nothing newer'
  | 'no healthy revision'
  | 'no healthy swarm revision'
  | { readonly restored: number }
  | { readonly rollbackFailed: number; readonly failure: { readonly service: string; readonly reason: string } | undefined };

interface RolloutFailureFacts {
  readonly service: string;
  readonly reason: string;
  readonly logs: readonly string[];
}

function rolloutSummary(revision: number, outcome: RolloutOutcome): string {
  if (outcome === 'nothing newer') return `revision ${revision} is not healthy`;
  if (typeof outcome === 'string') return `revision ${revision} failed`;
  if ('restored' in outcome) return `revision ${revision} failed and was rolled back; revision ${outcome.restored} runs again`;
  return (
    `revision ${revision} failed, and rolling back to revision ${outcome.rollbackFailed} failed too ` +
    `(${outcome.failure?.service}: ${outcome.failure?.reason})`
  );
}

function rolloutNote(outcome: RolloutOutcome): string[] {
  if (outcome === 'nothing newer') return ['nothing newer to roll back from'];
  if (outcome === 'no healthy revision') return ['there is no healthy revision to roll back to'];
  if (outcome === 'no healthy swarm revision') return ['there is no healthy swarm revision to roll back to'];
  return [];
}

/**
 * Where Ctrl-C (or SIGTERM) stopped a command: before the deploy began, while a deploy without
 * changes started the services again, or during a rollout and how going back went. `now` and
 * `atInterrupt` are describeServices's words for where each service stood.
 */
type InterruptedFacts =
  | { readonly signal: string; readonly stage: 'before deploy' }
  | { readonly signal: string; readonly stage: 'restart'; readonly revision: number; readonly now: string }
  | {
      readonly signal: string;
      readonly stage: 'rollout';
      readonly revision: number;
      readonly atInterrupt: string;
      readonly rollback:
        | 'none'
        | { readonly restored: number }
        | {
            readonly failed: number;
            readonly failure: { readonly service: string; readonly reason: string } | undefined;
            readonly now: string;
          };
    };

function interruptedMessage(facts: InterruptedFacts): string {
  const { signal } = facts;
  if (facts.stage === 'before deploy') return `interrupted (${signal}) before the deploy began; nothing was changed`;
  if (facts.stage === 'restart') {
    return `interrupted (${signal}) while starting revision ${facts.revision}'s services again; nothing was changed\nnow: ${facts.now}`;
  }
  const { revision, rollback } = facts;
  const atInterrupt = `at the interrupt: ${facts.atInterrupt}`;
  if (rollback === 'none')
    return [`revision ${revision} was interrupted (${signal}); there is no healthy revision to go back to`, atInterrupt].join('\n');
  if ('restored' in rollback) {
    return [
      `revision ${revision} was interrupted (${signal}) and rolled back; revision ${rollback.restored} runs again, every service ready`,
      atInterrupt,
    ].join('\n');
  }
  return [
    `revision ${revision} was interrupted (${signal}), and rolling back to revision ${rollback.failed} did not end healthy ` +
      `(${rollback.failure?.service ?? 'interrupted'}: ${rollback.failure?.reason ?? 'stopped'})`,
    atInterrupt,
    `now: ${rollback.now}`,
  ].join('\n');
}
