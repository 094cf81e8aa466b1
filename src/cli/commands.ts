import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command, and the module that registers it. Modules load only when their command runs
 * (or for help), so `aistack render` does not pay for Docker, fastify or SQLite at start-up.
 * A new command: one row here.
 */
export const COMMANDS: readonly { readonly names: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { names: ['init'], load: async () => (await import('./init.js')).registerInitCommand },
  { names: ['services'], load: async () => (await import('./services.js')).registerServicesCommand },
  { names: ['add', 'remove'], load: async () => (await import('./add.js')).registerAddCommand },
  { names: ['render'], load: async () => (await import('./render.js')).registerRenderCommand },
  { names: ['check'], load: async () => (await import('./check.js')).registerCheckCommand },
  { names: ['up'], load: async () => (await import('./up.js')).registerUpCommand },
  { names: ['deploy'], load: async () => (await import('./deploy.js')).registerDeployCommand },
  { names: ['status'], load: async () => (await import('./status.js')).registerStatusCommand },
  { names: ['logs'], load: async () => (await import('./logs.js')).registerLogsCommand },
  { names: ['restart'], load: async () => (await import('./restart.js')).registerRestartCommand },
  { names: ['history'], load: async () => (await import('./history.js')).registerHistoryCommand },
  { names: ['rollback'], load: async () => (await import('./rollback.js')).registerRollbackCommand },
  { names: ['down'], load: async () => (await import('./down.js')).registerDownCommand },
  { names: ['doctor'], load: async () => (await import('./doctor.js')).registerDoctorCommand },
  { names: ['models'], load: async () => (await import('./models.js')).registerModelsCommand },
  { names: ['images'], load: async () => (await import('./images.js')).registerImagesCommand },
  { names: ['secrets'], load: async () => (await import('./secrets.js')).registerSecretsCommand },
  { names: ['tls'], load: async () => (await import('./tls.js')).registerTlsCommand },
  { names: ['harden'], load: async () => (await import('./harden.js')).registerHardenCommand },
  { names: ['serve'], load: async () => (await import('./serve.js')).registerServeCommand },
  { names: ['backup'], load: async () => (await import('./backup.js')).registerBackupCommand },
  { names: ['restore'], load: async () => (await import('./restore.js')).registerRestoreCommand },
  { names: ['upgrade'], load: async () => (await import('./upgrade.js')).registerUpgradeCommand },
  { names: ['completion'], load: async () => (await import('./completion.js')).registerCompletionCommand },
];
