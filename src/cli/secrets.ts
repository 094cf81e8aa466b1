import type { Command } from 'commander';
import { SecretsError } from '../errors.js';
import { loadProject } from '../project/load.js';
import { ensureSecrets } from '../secrets/ensure.js';
import { POSTGRES_SERVICE, REDIS_SERVICE, rotateSecret } from '../secrets/rotate.js';
import type { ServerAddress } from '../secrets/rotate.js';
import { readSecretMetadata, readSecretValue } from '../secrets/store.js';
import type { Stack } from '../stack/types.js';
import { takeStackLock } from './locked.js';
import { formatTable, printJson, projectDirectory } from './output.js';

export function registerSecretsCommand(program: Command): void {
  const secrets = program
    .command('secrets')
    .description('Generate the secrets that are missing, then list them (name, kind, age, used by) — never their values')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const { created } = await ensureSecrets(project.paths.secrets, project.stack.secrets);
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
            usedBy: secret.usedBy,
            critical: secret.critical,
            created: created.includes(secret.name),
          };
        }),
      );
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
        process.stderr.write(`generated ${created.length} secret${created.length === 1 ? '' : 's'} in ${project.paths.secrets}\n`);
    });

  secrets
    .command('show')
    .description('Print one secret value (only the one named)')
    .argument('<name>', 'secret name, as `aistack secrets` lists it')
    .action(async (name: string, _options: unknown, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      if (!project.stack.secrets.some((secret) => secret.name === name)) {
        throw new SecretsError('AIS_SECRETS_UNKNOWN', `the stack has no secret "${name}"`, { hint: '`aistack secrets` lists the names' });
      }
      const value = await readSecretValue(project.paths.secrets, name);
      if (value === undefined)
        throw new SecretsError('AIS_SECRETS_NOT_FOUND', `the secret "${name}" has not been generated`, {
          hint: 'run `aistack secrets` to generate it',
        });
      process.stderr.write(`printing the value of ${name} because you asked for it by name\n`);
      process.stdout.write(`${value}\n`);
    });

  secrets
    .command('rotate')
    .description(
      'Rotate one secret: change it in the running server first (PostgreSQL/Redis), then the file, then restart what uses it; roll back if they fail',
    )
    .argument('<name>', 'secret name')
    .hook('preAction', takeStackLock)
    .action(async (name: string, _options: unknown, command: Command) => {
      const directory = projectDirectory(command);
      const project = await loadProject(directory);
      const { openProject } = await import('../runtime/open-project.js');
      const { restartServices } = await import('../runtime/restart-services.js');
      const opened = await openProject(directory);
      try {
        await (await import('../runtime/stack-owner.js')).claimStack(opened.context, opened.stackName);
        const address = (service: string): Promise<ServerAddress | undefined> =>
          containerAddress(opened.context.engine, project.stack, service);
        const postgres = await address(POSTGRES_SERVICE);
        const redis = await address(REDIS_SERVICE);
        const result = await rotateSecret(name, {
          stack: project.stack,
          secretsDirectory: project.paths.secrets,
          ...(postgres ? { postgres } : {}),
          ...(redis ? { redis } : {}),
          restartDependents: async (services) => {
            process.stderr.write(`restarting ${services.join(', ')}\n`);
            await restartServices(opened.context, opened.stackName, opened.plan, services);
            return { healthy: true };
          },
        });
        process.stdout.write(
          `rotated ${result.name}${result.server ? ` (changed in ${result.server} first)` : ''}; restarted ${result.restarted.length > 0 ? result.restarted.join(', ') : 'nothing'}; the previous value is in ${name}.previous\n`,
        );
      } finally {
        opened.context.close();
      }
    });
}

/** A service container's address on its networks (reachable from the Docker host). */
async function containerAddress(
  engine: {
    listContainers(project: string, service: string): Promise<readonly { id: string; state: string }[]>;
    docker: {
      getContainer(id: string): { inspect(): Promise<{ NetworkSettings: { Networks?: Record<string, { IPAddress?: string }> } }> };
    };
  },
  stack: Stack,
  service: string,
): Promise<ServerAddress | undefined> {
  const port = stack.services.find((entry) => entry.id === service)?.port;
  if (port === undefined) return undefined;
  const container = (await engine.listContainers(stack.name, service)).find((candidate) => candidate.state === 'running');
  if (!container) return undefined;
  const info = await engine.docker.getContainer(container.id).inspect();
  const host = Object.values(info.NetworkSettings.Networks ?? {})
    .map((network) => network.IPAddress)
    .find((ip) => ip);
  return host ? { host, port } : undefined;
}
