import type Docker from 'dockerode';
import type { GpuSampler } from '../gpu/gpu-sampler.js';
import type { Stack } from '../stack/types.js';
import { createMonitorEngine } from './create-monitor-engine.js';
import type { MonitorClock, MonitorEngineRuntime } from './create-monitor-engine.js';
import { deriveMonitors } from './derive-monitors.js';
import type { DeriveMonitorsOptions } from './derive-monitors.js';
import { createNotifiers } from './notifiers/create-notifiers.js';
import { createServiceAddressResolver } from './service-address.js';

export interface StackMonitorOptions {
  readonly stack: Stack;
  /** `.aistack/secrets` on the host, `/run/secrets` in the stack. */
  readonly secretsDirectory: string;
  readonly databasePath: string;
  /** Backup archives directory (its status.json feeds the `backup` rule); omit to skip the rule. */
  readonly backupsDirectory?: string;
  /** `.aistack` (its models.json feeds the `model-pull-failed` rule); omit to skip the rule. */
  readonly stateDirectory?: string;
  /** Samples the host's GPUs (nvidia-smi / rocm-smi); omit for none. */
  readonly gpu?: GpuSampler;
  readonly docker?: Docker;
  /** Outside the stack's network: where each service's port is reachable (loopback ports). */
  readonly addressOf?: DeriveMonitorsOptions['addressOf'];
  readonly composeProject?: string;
  readonly clock?: MonitorClock;
  /** The certificate renewal's last problem, for the `certificate-renewal` alert. */
  readonly renewalProblem?: () => string | undefined;
  readonly onError?: (error: unknown, context: string) => void;
}

/** The whole monitor of a stack: derived and custom monitors, the manifest's notifiers and rules, backups. */
export function createStackMonitor(options: StackMonitorOptions): MonitorEngineRuntime {
  const { stack } = options;
  const composeProject = options.composeProject ?? stack.name;
  return createMonitorEngine({
    stack,
    monitors: deriveMonitors(stack, {
      secretsDirectory: options.secretsDirectory,
      composeProject,
      ...(options.addressOf === undefined ? {} : { addressOf: options.addressOf }),
    }),
    databasePath: options.databasePath,
    composeProject,
    notifiers: createNotifiers(stack.monitor.notifiers, { secretsDirectory: options.secretsDirectory }),
    ...(options.docker === undefined ? {} : { docker: options.docker }),
    // Outside the stack's network, service names that do not resolve go to the containers' IPs.
    ...(options.addressOf === undefined
      ? {
          resolveHost: createServiceAddressResolver({
            docker: options.docker,
            project: composeProject,
            services: new Set(stack.services.map((service) => service.id)),
          }),
        }
      : {}),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.renewalProblem === undefined ? {} : { renewalProblem: options.renewalProblem }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
    ...(options.backupsDirectory === undefined ? {} : { backup: { directory: options.backupsDirectory, schedule: stack.backup.schedule } }),
    ...(options.gpu === undefined ? {} : { gpu: options.gpu }),
    ...(options.stateDirectory === undefined
      ? {}
      : { models: { stateDirectory: options.stateDirectory, declared: (stack.models?.ollama ?? []).map((model) => model.name) } }),
  });
}
