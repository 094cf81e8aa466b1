import type { Manifest } from '../../manifest/schema.js';
import { RELATIVE_PATHS } from '../project-layout.js';
import type { StackDatabase, StackMonitorSettings, StackService } from '../types.js';
import { INFRASTRUCTURE } from './context.js';
import { parseDurationSeconds } from './duration.js';
import type { ServiceAddition } from './infrastructure.js';

/** `monitor:` in aistack.yaml with its defaults: what the monitor engine runs, keeps and tells. */
export function resolveMonitorSettings(manifest: Manifest): StackMonitorSettings {
  const monitor = manifest.monitor;
  return {
    enabled: monitor?.enabled ?? true,
    intervalSeconds: parseDurationSeconds(monitor?.interval ?? '30s'),
    retentionDays: Math.max(1, Math.round(parseDurationSeconds(monitor?.retention ?? '365d') / 86_400)),
    monitors: monitor?.monitors ?? [],
    rules: monitor?.rules ?? [],
    notifiers: monitor?.notifiers ?? [],
  };
}

/**
 * The monitor service: it logs in as each app (least privilege) and to Redis to probe them, and
 * reads aistack.yaml. Each probe reads the file again (src/monitor notices a replaced file).
 */
export function resolveMonitor(services: readonly StackService[], databases: readonly StackDatabase[]): ServiceAddition | undefined {
  if (!services.some((service) => service.id === INFRASTRUCTURE.monitor)) return undefined;
  const redis = services.find((service) => service.id === INFRASTRUCTURE.redis);
  const probeSecrets = [...databases.map((database) => database.passwordSecret), ...(redis ? redis.secrets : [])];
  return {
    service: INFRASTRUCTURE.monitor,
    secrets: probeSecrets,
    files: [{ source: RELATIVE_PATHS.manifest, target: '/project/aistack.yaml' }],
    secretUses: probeSecrets.map((name) => ({
      name,
      service: INFRASTRUCTURE.monitor,
      description: { kind: 'password', protects: `a credential ${INFRASTRUCTURE.monitor} reads`, critical: false },
      reads: 'per-use',
    })),
  };
}
