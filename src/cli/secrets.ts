import type { Command } from 'commander';
import { Option } from 'commander';
import { SecretsError } from '../errors.js';
import { loadProject } from '../project/load.js';
import { renderSecretCommands } from '../render/kubernetes/render-secret-commands.js';
import { describeEnsureWarnings, ensureSecrets } from '../secrets/ensure.js';
import { describeRotation } from '../secrets/describe-rotation.js';
import { readSecretMetadata, readSecretValue } from '../secrets/store.js';
import { takeStackLock } from './locked.js';
import { commandOutput, formatTable, printJson, projectDirectory } from './output.js';

export function registerSecretsCommand(program: Command): void {
  const secrets = program
    .command('secrets')
    .description('Generate the secrets that are missing, then list them (name, kind, age, used by) — never their values')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const output = commandOutput(command);
      const project = await loadProject(projectDirectory(command));
      const ensured = await ensureSecrets(project.paths.secrets, project.stack.secrets);
      const { created } = ensured;
      const now = Date.now();
      const rows = await Promise.all(
        project.stack.secrets.map(async (secret) => {
          const metadata = await readSecretMetadata(project.paths.secrets, secret.name);
          const changed = metadata?.rotated ?? metadata?.created;
          return {
            name: secret.name,
            kind: secret.kind,
            ageDays: changed ? Math.floor((now - Date.parse(changed)) / 86_400_000) : undefined,
            rotated: metadata?.rotated ?? null,
            usedBy: secret.consumers.map((consumer) => consumer.service),
            consumers: secret.consumers,
            critical: secret.critical,
            created: created.includes(secret.name),
          };
        }),
      );
      for (const line of describeEnsureWarnings(ensured)) output.warn(line);
      if (options.json) {
        printJson(rows);
        return;
      }
      process.stdout.write(
        formatTable(
          ['NAME', 'KIND', 'AGE', 'USED BY'],
          rows.map((row) => [
            `${row.name}${row.critical ? ' (critical)' : ''}`,
            row.kind,
            row.created ? 'new' : row.ageDays === undefined ? '?' : `${row.ageDays}d`,
            row.usedBy.join(', '),
          ]),
        ),
      );
      if (created.length > 0)
        output.note(`generated ${created.length} secret${created.length === 1 ? '' : 's'} in ${project.paths.secrets}`);
    });

  secrets
    .command('export')
    .description(
      "Print the commands that create the stack's secrets on a cluster from the secret files (kubectl create secret --from-file); no value is printed",
    )
    .addOption(new Option('--target <target>', 'the cluster the secrets are for').choices(['kubernetes']).makeOptionMandatory())
    .action(async (_options: { target: 'kubernetes' }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const ensured = await ensureSecrets(project.paths.secrets, project.stack.secrets);
      for (const line of describeEnsureWarnings(ensured)) process.stderr.write(`${line}\n`);
      process.stdout.write(renderSecretCommands(project.stack));
    });

  secrets
    .command('show')
    .description('Print one secret value (only the one named)')
    .argument('<name>', 'secret name, as `aistack secrets` lists it')
    .action(async (name: string, _options: unknown, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      if (!project.stack.secrets.some((secret) => secret.name === name)) {
        throw new SecretsError('AIS_SECRETS_UNKNOWN', { name, hint: '`aistack secrets` lists the names' });
      }
      const value = await readSecretValue(project.paths.secrets, name);
      if (value === undefined)
        throw new SecretsError('AIS_SECRETS_NOT_FOUND', {
          name,
          hint: 'run `aistack secrets` to generate it',
        });
      commandOutput(command).note(`printing the value of ${name} because you asked for it by name`);
      process.stdout.write(`${value}\n`);
    });

  secrets
    .command('rotate')
    .description(
      'Rotate one secret on the running stack: change it in its server first (PostgreSQL, Redis), put the new value in ' +
        'front of every consumer, restart only those that read it at start; run it again to finish a rotation that stopped',
    )
    .argument('<name>', 'secret name')
    .hook('preAction', takeStackLock)
    .action(async (name: string, _options: unknown, command: Command) => {
      const { rotateRunningSecret } = await import('../runtime/rotate-running-secret.js');
      const result = await rotateRunningSecret(projectDirectory(command), name);
      commandOutput(command).info(describeRotation(result));
    });
}
