import type { ResourceSettings } from '../../manifest/schema.js';
import type { StackService } from '../types.js';

const DEFAULT_RESOURCES = { memoryMb: 512, cpus: 1, pids: 512 } as const;

/**
 * Each limit, field by field: the service's own override, then `resources.defaults` (which the
 * user wrote for every service, so it beats the catalog), then the catalog, then our fallback.
 */
export function mergeResources(
  catalog: { memoryMb: number; cpus: number; pids?: number } | undefined,
  override: ResourceSettings | undefined,
  defaults: ResourceSettings | undefined,
): StackService['resources'] {
  return {
    memoryMb: parseMemoryMb(override?.memory) ?? parseMemoryMb(defaults?.memory) ?? catalog?.memoryMb ?? DEFAULT_RESOURCES.memoryMb,
    cpus: override?.cpus ?? defaults?.cpus ?? catalog?.cpus ?? DEFAULT_RESOURCES.cpus,
    pids: override?.pids ?? defaults?.pids ?? catalog?.pids ?? DEFAULT_RESOURCES.pids,
  };
}

/** `512m` → 512, `2g` → 2048, `1024k` → 1. */
export function parseMemoryMb(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)([kmg])$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  return Math.max(1, Math.round(unit === 'g' ? amount * 1024 : unit === 'k' ? amount / 1024 : amount));
}
