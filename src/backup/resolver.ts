import type { StackVolume } from '../stack/types.js';
import type { ServiceControl } from './docker-access.js';
import type { PostgresTarget } from './postgres-strategy.js';
import type { QdrantTarget } from './qdrant-strategy.js';
import type { RedisTarget } from './redis-strategy.js';
import type { VolumeAccess } from './volume-strategy.js';

/**
 * Where each strategy's data lives. `createDockerResolver` finds the stack's containers by their
 * compose labels; tests pass host processes (a loopback PostgreSQL, a redis-server, directories).
 */
export interface BackupResolver {
  postgres(): Promise<PostgresTarget>;
  redis(service: string): Promise<RedisTarget>;
  qdrant(service: string): Promise<QdrantTarget>;
  volume(volume: StackVolume): Promise<VolumeAccess>;
  readonly control: ServiceControl;
  /** Seconds to wait for a service to become healthy again. */
  startTimeout(service: string): number;
}
