import type { Command } from 'commander';
import { AistackError } from '../errors.js';
import { loadProject } from '../project/load.js';
import type { Project } from '../project/load.js';
import { createEngine } from '../runtime/engine.js';
import { claimProjectStack } from '../runtime/stack-owner.js';
import { daysLeft } from '../tls/certificate-info.js';
import { prepareTls, renewTls } from '../tls/ensure-tls.js';
import { resolveTlsFiles } from '../tls/layout.js';
import { reloadProxy } from '../tls/reload-proxy.js';
import { tlsStatus } from '../tls/status.js';
import { takeStackLock } from './locked.js';
import { commandOutput, formatTable, printJson, projectDirectory } from './output.js';
import type { Output } from './output.js';

export function registerTlsCommand(program: Command): void {
  const tls = program
    .command('tls')
    .description('Show every certificate: issuer, names (SANs) and expiry')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const status = await tlsStatus(resolveTlsFiles(project.paths.tls));
      const now = new Date();
      if (options.json) {
        printJson(
          status.map((entry) => ({
            ...entry,
            notBefore: entry.notBefore.toISOString(),
            notAfter: entry.notAfter.toISOString(),
            daysLeft: daysLeft(entry, now),
          })),
        );
        return;
      }
      if (status.length === 0) {
        process.stdout.write(`no certificate yet (mode ${project.stack.tls.mode}); \`aistack tls renew\` or \`aistack up\` creates one\n`);
        return;
      }
      process.stdout.write(`mode: ${project.stack.tls.mode}\n`);
      process.stdout.write(
        formatTable(
          ['CERTIFICATE', 'ISSUER', 'NOT AFTER', 'DAYS LEFT', 'NAMES'],
          status.map((entry) => [
            entry.role,
            entry.issuer,
            entry.notAfter.toISOString().slice(0, 10),
            String(daysLeft(entry, now)),
            entry.names.join(', ') || '-',
          ]),
        ),
      );
    });

  tls
    .command('renew')
    .description('Renew certificates that expire within 30 days (ACME through the running proxy; self-signed locally); --force renews now')
    .option('--force', 'renew even when the certificate is current')
    .hook('preAction', takeStackLock)
    .action(async (options: { force?: boolean }, command: Command) => {
      const output = commandOutput(command);
      const project = await loadProject(projectDirectory(command));
      const paths = { directory: project.paths.directory, tls: project.paths.tls, secrets: project.paths.secrets };
      // ACME needs a certificate in place for nginx to start and answer the challenge.
      if (project.stack.tls.mode === 'acme') await prepareTls(project.stack, paths);
      const outcome = await renewTls(project.stack, paths, { force: options.force ?? false });
      output.info(`${outcome.mode}: ${outcome.summary}`);
      for (const warning of outcome.warnings) output.warn(`${warning.code} ${warning.message}`);
      if (project.stack.tls.mode === 'self-signed')
        output.info(`trust ${resolveTlsFiles(project.paths.tls).caCertificate} in your browser or system to avoid warnings`);
      if (outcome.changed) await reloadRunningProxy(project, output);
    });

  tls
    .command('reload')
    .description("Test the running proxy's configuration (nginx -t) and reload it, so it serves the certificate on disk")
    .hook('preAction', takeStackLock)
    .action(async (_options: unknown, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      await reloadRunningProxy(project, commandOutput(command));
    });
}

/** After a certificate change: the running proxy tests its configuration and reloads; a failed test leaves it as it was. */
async function reloadRunningProxy(project: Project, output: Output): Promise<void> {
  let reloaded: readonly string[];
  try {
    const engine = createEngine();
    await engine.info();
    // Another folder's stack of the same name is not ours to signal.
    await claimProjectStack(engine, project.paths, project.stack.name);
    ({ reloaded } = await reloadProxy({ docker: engine.docker, project: project.stack.name }));
  } catch (error: unknown) {
    if (error instanceof AistackError && error.code === 'AIS_DOCKER_UNAVAILABLE') {
      output.info('the proxy is not running (no Docker Engine here); it serves the new certificate when it starts');
      return;
    }
    throw error;
  }
  output.info(
    reloaded.length === 0
      ? 'the proxy is not running; it serves the new certificate when it starts'
      : `proxy reloaded (nginx -t passed): ${reloaded.join(', ')} serves the new certificate`,
  );
}
