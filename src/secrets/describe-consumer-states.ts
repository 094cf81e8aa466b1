import type { SecretRead } from '../stack/types.js';
import type { LiveServer } from './live-server.js';

/** How far a rotation got, for the state of each consumer in its error. */
export interface ConsumerProgress {
  readonly serverChanged: boolean;
  readonly delivered: boolean;
  readonly restarted: readonly string[];
  readonly containers: ReadonlyMap<string, 'running' | 'stopped' | 'file-mounts'>;
  /** The consumer whose restart failed. */
  readonly failed?: string;
}

/** One line per consumer: what it holds now (`  redis  accepts the new and the old password`). */
export function describeConsumerStates(
  consumers: readonly { readonly service: string; readonly reads: SecretRead }[],
  server: LiveServer | undefined,
  progress: ConsumerProgress,
): string {
  const width = Math.max(...consumers.map((consumer) => consumer.service.length));
  return consumers.map((consumer) => `  ${consumer.service.padEnd(width)}  ${describeOne(consumer, server, progress)}`).join('\n');
}

function describeOne(
  consumer: { readonly service: string; readonly reads: SecretRead },
  server: LiveServer | undefined,
  progress: ConsumerProgress,
): string {
  if (consumer.reads === 'live' && server) {
    if (!progress.serverChanged) return 'has the old value only (unchanged)';
    return server.holdsBoth ? 'accepts the new and the old value' : 'accepts only the new value';
  }
  const file = progress.delivered ? 'the new value' : 'the old value';
  if (consumer.reads !== 'at-start') return `reads the file on each use: ${file}`;
  if (progress.containers.get(consumer.service) !== 'running') return `not running; reads ${file} when it starts`;
  if (consumer.service === progress.failed) return 'restarted with the new value, not healthy';
  if (progress.restarted.includes(consumer.service)) return 'restarted with the new value, healthy';
  return 'runs with the old value (not restarted yet)';
}
