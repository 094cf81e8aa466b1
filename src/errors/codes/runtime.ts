import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/runtime.md, in the order of its table. */
export const runtimeErrors = defineErrorCodes({
  AIS_DOCKER_UNAVAILABLE: {
    meaning: 'the Docker Engine cannot be reached (not installed, not running, wrong `DOCKER_HOST`)',
    fix: '`apt-get install docker.io docker-compose && systemctl enable --now docker` (without systemd: `dockerd >/var/log/dockerd.log 2>&1 &`)',
  },
  AIS_DOCKER_PERMISSION: {
    meaning: 'the Docker socket refused this user',
    fix: '`sudo usermod -aG docker $USER`, log in again (or run as root)',
  },
  AIS_DOCKER_COMPOSE_MISSING: {
    meaning: 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed',
    fix: '`apt-get install docker-compose` or install the compose v2 plugin',
  },
  AIS_DOCKER_COMPOSE_FAILED: {
    meaning: 'a compose command exited non-zero; the message has its last output lines',
    fix: "read compose's output; `aistack doctor` checks the host",
  },
  AIS_DOCKER_NOT_FOUND: {
    meaning: 'a container or image named in a request does not exist',
    fix: '`aistack status` shows what exists',
  },
  AIS_DOCKER_FAILED: {
    meaning: 'any other Engine API error',
    fix: "`aistack doctor`; the message has Docker's words",
  },
  AIS_RUNTIME_UNKNOWN_DEPENDENCY: {
    meaning: 'the rollout plan names a dependency that is not in the stack',
    fix: '`aistack check`; re-render',
  },
  AIS_RUNTIME_SERVICE_FAILED: {
    meaning: 'a service exited, crash-looped or turned unhealthy while starting',
    fix: '`aistack logs <service>`; fix aistack.yaml and `aistack deploy`',
  },
  AIS_RUNTIME_START_TIMEOUT: {
    meaning: 'a service was not healthy (or a job not completed) within its `startTimeout`',
    fix: '`aistack logs <service>`; raise `services.<id>.startTimeout` if it is only slow',
  },
  AIS_RUNTIME_ABORTED: {
    meaning: 'a wait was stopped because another service failed first',
    fix: 'see the failure reported for the other service',
  },
  AIS_RUNTIME_ROLLOUT_FAILED: {
    meaning:
      'a deploy did not end healthy; the message names the service, the reason, its last log lines and whether the previous revision was restored',
    fix: '`aistack logs <service>`, fix aistack.yaml, `aistack deploy`',
  },
  AIS_RUNTIME_DEPLOY_RUNNING: {
    meaning: 'another aistack process is deploying this project right now',
    fix: 'wait for it, or stop that process and run the command again',
  },
  AIS_RUNTIME_LOCKED: {
    meaning: 'with `--no-wait`: another aistack command (named, with its pid and start time) is changing this stack right now',
    fix: 'wait for it (leave out `--no-wait` and the command waits), or stop that process',
  },
  AIS_RUNTIME_STACK_OWNED: {
    meaning:
      'the compose project `name:` names is owned by another folder on this Docker Engine (its containers, networks or ' +
      "volumes carry that folder's id); nothing was changed",
    fix: 'give this stack its own `name:` in aistack.yaml (the message proposes one), or run the command in the owning folder',
  },
  AIS_RUNTIME_INTERRUPTED: {
    meaning:
      'Ctrl-C or SIGTERM stopped a rollout; the message says whether the last healthy revision runs again and where each service stood',
    fix: '`aistack deploy` tries the change again; if the rollback did not finish, `aistack rollback <revision>`',
  },
  AIS_RUNTIME_UNDEPLOYED_EDITS: {
    meaning: '`rollback` would overwrite changes in aistack.yaml that were never deployed (it names the settings)',
    fix: '`aistack deploy` them first, or `aistack rollback --yes` to keep the edited file as aistack.yaml.<time>.bak',
  },
  AIS_RUNTIME_NO_REVISION: {
    meaning: '`rollback` found no such revision, or no earlier healthy one',
    fix: '`aistack history`',
  },
  AIS_RUNTIME_NO_STACK: {
    meaning: 'no aistack.yaml and nothing deployed in this directory',
    fix: '`aistack up` (or `-C <project directory>`)',
  },
  AIS_RUNTIME_NO_CONTAINER: {
    meaning:
      'a service has no container in the stack (compose project or Swarm stack): `logs`/`restart` named it, or a command ' +
      'that talks to it (`secrets rotate`, `models`, the monitor outside the stack network) looked for it',
    fix: '`aistack status`; `aistack up`',
  },
  AIS_RUNTIME_CONTAINER_NOT_RUNNING: {
    meaning: "a service's container exists but does not run (the message names it and its state), and the command needs it running",
    fix: '`aistack up`; `aistack logs <service>` says why it stopped',
  },
  AIS_RUNTIME_SEVERAL_CONTAINERS: {
    meaning:
      'several containers of a service whose data matters (PostgreSQL, Redis, Qdrant) run, so which one to rotate or back ' +
      'up is not clear; the message names them',
    fix: 'run one container of it (`services.<id>.replicas: 1`), or wait until a rollout that runs the old and the new one side by side has finished',
  },
  AIS_RUNTIME_NO_REACHABLE_NETWORK: {
    meaning:
      "a service's running container has no address the host can reach: it is on no bridge network (a Swarm stack's overlay " +
      'network, `network_mode: host` or `none`); the message lists its networks',
    fix: 'on Swarm, run the command where the service names resolve, or publish the port; otherwise put the service on a bridge network',
  },
  AIS_RUNTIME_CHECK_FAILED: {
    meaning: '`check` found errors, so nothing was started',
    fix: 'fix what `aistack check` reports',
  },
  AIS_RUNTIME_CONFIRM_REQUIRED: {
    meaning: '`down --volumes` without a terminal to confirm on',
    fix: 'back up if needed, then add `--yes`',
  },
  AIS_RUNTIME_BAD_SINCE: {
    meaning: '`logs --since` is neither a duration nor a date',
    fix: '`--since 10m`, `--since 2h`, `--since 2026-01-31T12:00:00Z`',
  },
  AIS_RUNTIME_BAD_GREP: {
    meaning: '`logs --grep` is not a valid regular expression',
    fix: 'escape special characters',
  },
  AIS_RUNTIME_BAD_TAIL: {
    meaning: '`logs --tail` is not a whole number of lines',
    fix: '`--tail 100` (`--tail 0 -f` shows only new lines)',
  },
  AIS_RUNTIME_IMAGES_FAILED: {
    meaning: '`docker save` or `docker load` failed',
    fix: '`save`: every image must be present (`aistack images pull`); `load`: use a tar from `aistack images save`',
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
  },
  AIS_RUNTIME_PULL_FAILED: {
    meaning: 'the Engine could not pull an image (registry unreachable, unknown image, not logged in)',
    fix: '`docker login <registry>`, fix the image reference, or `aistack images load -i <tar>`',
  },
  AIS_RUNTIME_IMAGES_OUTPUT: {
    meaning: '`images save -o` names a folder, or a file in a folder that does not exist or is not writable',
    fix: '`-o <existing folder>/stack.tar`',
  },
  AIS_RUNTIME_UNKNOWN_SERVICE: {
    meaning: '`logs` named a service the stack does not have; the message suggests the closest one',
    fix: 'use a name from `aistack status`',
  },
  AIS_STORE_OPEN_FAILED: {
    meaning: 'the state database .aistack/state.db cannot be opened',
    fix: 'make .aistack/ writable; a corrupt file can be moved aside (history is lost, containers are not)',
  },
});

export type RuntimeErrorCode = keyof typeof runtimeErrors;
