import { RELATIVE_PATHS } from '../../project/paths.js';
import type { Stack } from '../../stack/types.js';
import { secretObjectName } from './labels.js';
import { resolveKubernetesTarget } from './resolve-target.js';

/** A POSIX shell word: quoted unless it is plainly safe. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `kubectl create secret` commands for every Secret the rendered manifests name, each reading
 * the value from its file under .aistack/secrets (`--from-file`), never from the command line.
 * Piped through `kubectl apply` so a second run updates instead of failing. Pure: paths are
 * relative to the project directory, where the commands are meant to run.
 */
export function renderSecretCommands(stack: Stack): string {
  const target = resolveKubernetesTarget(stack);
  const namespace = shellWord(target.namespace);
  const secretsDirectory = RELATIVE_PATHS.secrets;
  const apply = `--dry-run=client -o yaml | kubectl apply -f -`;
  const lines = [
    '#!/bin/sh',
    `# Secrets for the ${stack.name} stack on Kubernetes: run from the project directory. Values are read from files, never typed here.`,
    'set -eu',
    `kubectl create namespace ${namespace} --dry-run=client -o yaml | kubectl apply -f -`,
  ];
  const names = [...new Set(target.services.flatMap((service) => service.secrets))].sort();
  for (const name of names) {
    lines.push(
      `kubectl -n ${namespace} create secret generic ${shellWord(secretObjectName(name))} ` +
        `--from-file=value=${shellWord(`${secretsDirectory}/${name}`)} ${apply}`,
    );
  }
  const htpasswd = [
    ...new Set(
      target.services.flatMap((service) =>
        service.route?.proxyAuth && service.route.htpasswdSecret ? [service.route.htpasswdSecret] : [],
      ),
    ),
  ].sort();
  for (const name of htpasswd) {
    // ingress-nginx reads the `auth` key: the bcrypt line only, the password stays on the host.
    lines.push(
      `kubectl -n ${namespace} create secret generic ${shellWord(secretObjectName(`${name}-htpasswd`))} ` +
        `--from-file=auth=${shellWord(`${secretsDirectory}/${name}.htpasswd`)} ${apply}`,
    );
  }
  if (!target.certManager && target.services.some((service) => service.route !== undefined)) {
    lines.push(
      `kubectl -n ${namespace} create secret tls ${shellWord(target.tlsSecret)} ` +
        `--cert=${shellWord(`${RELATIVE_PATHS.tls}/live/fullchain.pem`)} ` +
        `--key=${shellWord(`${RELATIVE_PATHS.tls}/live/privkey.pem`)} ${apply}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
