import { access } from 'node:fs/promises';
import path from 'node:path';
import Docker from 'dockerode';
import type { Command } from 'commander';
import { createBackupScheduler } from '../backup/scheduler.js';
import { loadProject } from '../project/load.js';
import { loadAdminCredentials } from '../server/auth/admin-credentials.js';
import { loadMetricsToken } from '../server/auth/metrics-token.js';
import { listenConsoleSocket, trustSocketAndProxies } from '../server/console-socket.js';
import type { ConsoleSocket } from '../server/console-socket.js';
import { createServer } from '../server/create-server.js';
import { createConsoleService } from '../server/console/console-service.js';
import { listenServer } from '../server/listen.js';
import { openAuditStore } from '../monitor/audit-store.js';
import { resolveServeSettings } from '../server/serve-settings.js';
import type { ServeFlagsInput } from '../server/serve-settings.js';
import { outputMode, projectDirectory } from './output.js';
import { createStackMonitor } from '../monitor/create-stack-monitor.js';
import { reloadProxy } from '../tls/reload-proxy.js';
import { createRenewalScheduler } from '../tls/renewal-scheduler.js';
import { isMissingFile } from '../util/is-missing-file.js';
import { runHostCommand } from '../gpu/detect-accelerators.js';
import { createGpuSampler } from '../gpu/gpu-sampler.js';
import { connectOllama } from '../models/connect-ollama.js';
import { createModelsSource } from '../models/models-source.js';
import { createEngine } from '../runtime/engine.js';
import { ollamaEnvironment } from './pull-declared-models.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the monitor and its dashboard: probes, resources, logs, alerts, history and /metrics')
    .option('--port <port>', 'TCP port (env AISTACK_PORT)', undefined)
    .option('--host <address>', 'address to listen on (env AISTACK_HOST)', undefined)
    .option(
      '--password-file <file>',
      'admin password file (env AISTACK_ADMIN_PASSWORD_FILE; default .aistack/secrets/monitor-admin-password)',
    )
    .option(
      '--viewer-password-file <file>',
      'password of the read-only "viewer" login (env AISTACK_VIEWER_PASSWORD_FILE; default .aistack/secrets/monitor-viewer-password if present)',
    )
    .option(
      '--metrics-token-file <file>',
      'bearer token file of /metrics (env AISTACK_METRICS_TOKEN_FILE; default .aistack/secrets/monitor-metrics-token if present)',
    )
    .option('--data-directory <dir>', 'where the monitor keeps its history (env AISTACK_DATA_DIRECTORY; default .aistack)')
    .option(
      '--trust-proxy <addresses>',
      'comma-separated addresses/CIDRs of a reverse proxy to believe X-Forwarded-* from (env AISTACK_TRUST_PROXY)',
    )
    .option('--insecure-cookies', 'session cookie without Secure (plain HTTP on a non-loopback address)')
    .option(
      '--console',
      'run the configuration console on a non-loopback --host (needs --trust-proxy; env AISTACK_CONSOLE=on); on by default on loopback',
    )
    .option('--no-console', 'do not run the configuration console (env AISTACK_CONSOLE=off)')
    .action(async (flags: ServeFlagsInput, command: Command) => {
      const { quiet } = outputMode(command);
      const project = await loadProject(projectDirectory(command));
      const settings = resolveServeSettings(flags, process.env, project.paths);
      const admin = await loadAdminCredentials({
        passwordFile: settings.passwordFile,
        missingHint: project.stack.monitor.enabled
          ? 'run `aistack secrets` to generate it (or pass --password-file)'
          : 'aistack.yaml turns the monitor off (`monitor: { enabled: false }`), so no admin password is generated: pass ' +
            '--password-file with a password of your own, or enable the monitor and run `aistack secrets`',
      });
      const viewer =
        settings.viewerPasswordFile.required || (await exists(settings.viewerPasswordFile.file))
          ? await loadAdminCredentials({
              user: 'viewer',
              label: 'viewer',
              passwordFile: settings.viewerPasswordFile.file,
              missingHint: 'write the viewer password into that file (or leave --viewer-password-file out: no viewer login)',
            })
          : undefined;
      const metricsToken =
        settings.metricsTokenFile.required || (await exists(settings.metricsTokenFile.file))
          ? await loadMetricsToken(settings.metricsTokenFile.file)
          : undefined;
      // Docker: DOCKER_HOST when set (in the stack: the read-only socket proxy), else the local socket.
      const docker = new Docker();
      // Certificates renewed on a schedule, the proxy tested and reloaded; failures become the
      // certificate-renewal alert. Only where the TLS directory is writable (serve on the host).
      const renewal = createRenewalScheduler({
        stack: project.stack,
        paths: { directory: project.paths.directory, tls: project.paths.tls, secrets: project.paths.secrets },
        reload: () => reloadProxy({ docker, project: project.stack.name }),
        onResult: (result) => {
          if (result.problem) process.stderr.write(`monitor: ${result.problem}\n`);
        },
      });
      const engine = createStackMonitor({
        stack: project.stack,
        secretsDirectory: process.env.AISTACK_SECRETS_DIRECTORY ?? path.dirname(settings.passwordFile),
        databasePath: settings.monitorDatabase,
        backupsDirectory: project.paths.backups,
        stateDirectory: project.paths.state,
        // nvidia-smi / rocm-smi when the host has them; in the stack's container neither exists.
        gpu: createGpuSampler({ run: runHostCommand, now: Date.now }),
        docker,
        renewalProblem: () => renewal.problem(),
        onError: (error: unknown, context: string) =>
          process.stderr.write(`monitor: ${context}: ${error instanceof Error ? error.message : String(error)}\n`),
      });
      const consoleService = settings.console.enabled
        ? createConsoleService({ directory: project.paths.directory, audit: openAuditStore(settings.monitorDatabase) })
        : undefined;
      // /api/models: the state files of the pulls and Ollama's own list.
      const models = createModelsSource({
        declared: project.stack.models?.ollama ?? [],
        stateDirectory: project.paths.state,
        connect: async () => (await connectOllama(project.stack, { ...ollamaEnvironment(), engine: createEngine(docker) })).client,
        now: Date.now,
      });
      const consoleRoute = consoleService ? project.stack.proxy.console : undefined;
      const app = createServer({
        engine,
        models,
        auth: { admin, metricsToken, ...(viewer ? { viewer } : {}) },
        secureCookies: settings.secureCookies,
        // Behind the console route, what comes through its socket was forwarded by the proxy.
        trustProxy: consoleRoute ? trustSocketAndProxies(settings.trustProxy) : settings.trustProxy,
        // -q: errors only (AISTACK_LOG_LEVEL still wins).
        logger: { level: process.env.AISTACK_LOG_LEVEL ?? (quiet ? 'error' : 'warn') },
        ...(consoleService ? { console: consoleService } : {}),
        ...(!consoleService && project.stack.proxy.console ? { consoleUrl: project.stack.proxy.console.url } : {}),
      });
      await engine.start();
      // Scheduled backups (backup.schedule in aistack.yaml): each verified; the engine's `backup`
      // alert reads their results from the backups directory.
      const backups = createBackupScheduler({ stack: project.stack, paths: project.paths });
      backups.start();
      const renewing = await renewal.enabled();
      await renewal.start();
      let address: string;
      let consoleSocket: ConsoleSocket | undefined;
      try {
        address = await listenServer(app, settings.host, settings.port);
        if (consoleRoute) consoleSocket = await listenConsoleSocket(app, project.paths.consoleSocket);
      } catch (error: unknown) {
        await app.close();
        backups.stop();
        renewal.stop();
        consoleService?.audit.close();
        await engine.stop();
        throw error;
      }
      if (!quiet) {
        process.stdout.write(`aistack monitor: ${address}/ (user ${admin.user}; password in ${settings.passwordFile})\n`);
        if (viewer) process.stdout.write(`read-only login: user ${viewer.user}; password in ${settings.viewerPasswordFile.file}\n`);
        process.stdout.write(
          settings.console.enabled
            ? `configuration console: ${address}/console (${settings.console.reason})\n`
            : `configuration console: off: ${settings.console.reason}\n`,
        );
        if (consoleRoute)
          process.stdout.write(`console route: ${consoleRoute.url} (the proxy forwards it to ${project.paths.consoleSocket})\n`);
        if (metricsToken === undefined) process.stdout.write('/metrics is off: no metrics token file\n');
        process.stdout.write(`certificate renewal: ${renewing.enabled ? renewing.reason : `off: ${renewing.reason}`}\n`);
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      backups.stop();
      renewal.stop();
      await consoleSocket?.close();
      await app.close();
      consoleService?.audit.close();
      await engine.stop();
    });
}

/** False only when the file does not exist; an unreadable one counts as there, so its loader says why it cannot be read. */
async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error: unknown) {
    return !isMissingFile(error);
  }
}
