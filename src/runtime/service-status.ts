import type { ContainerState } from './engine.js';

/** What `aistack status` shows for one service. */
export interface ServiceStatus {
  readonly service: string;
  /** running, completed (a job that exited 0), exited, restarting, created, missing (no container). */
  readonly state: string;
  readonly health: string;
  readonly uptimeSeconds: number | undefined;
  readonly restarts: number;
  readonly image: string;
  readonly url: string;
  readonly containers: number;
  readonly job: boolean;
  /** In the stack (false: a container of this project whose service is no longer declared). */
  readonly declared: boolean;
}

export interface DeclaredService {
  readonly id: string;
  readonly job: boolean;
  readonly image: string;
  readonly url: string;
}

/** Join the declared services with the containers Docker has for the project. Pure. */
export function summarizeStatus(declared: readonly DeclaredService[], containers: readonly ContainerState[], now: Date): ServiceStatus[] {
  const byService = new Map<string, ContainerState[]>();
  for (const container of containers) byService.set(container.service, [...(byService.get(container.service) ?? []), container]);
  const rows: ServiceStatus[] = [];
  const ids = [...new Set([...declared.map((service) => service.id), ...byService.keys()])].sort();
  for (const id of ids) {
    const service = declared.find((candidate) => candidate.id === id);
    const own = byService.get(id) ?? [];
    const job = service?.job ?? own.some((container) => container.labels['ai.aistack.job'] === 'true');
    const first = own[0];
    if (!first) {
      rows.push({
        service: id,
        state: 'missing',
        health: '-',
        uptimeSeconds: undefined,
        restarts: 0,
        image: service?.image ?? '-',
        url: service?.url ?? '',
        containers: 0,
        job,
        declared: service !== undefined,
      });
      continue;
    }
    const states = own.map((container) => containerState(container, job));
    const state = states.every((value) => value === states[0]) ? states[0]! : states.join('/');
    const healths = own.map((container) => container.health ?? '-');
    const started = own
      .map((container) => (container.state === 'running' && container.startedAt ? container.startedAt.getTime() : undefined))
      .filter((value): value is number => value !== undefined);
    rows.push({
      service: id,
      state,
      health: healths.every((value) => value === healths[0]) ? healths[0]! : healths.join('/'),
      uptimeSeconds: started.length > 0 ? Math.max(0, Math.floor((now.getTime() - Math.max(...started)) / 1000)) : undefined,
      restarts: own.reduce((sum, container) => sum + container.restartCount, 0),
      image: first.image,
      url: service?.url ?? '',
      containers: own.length,
      job,
      declared: service !== undefined,
    });
  }
  return rows;
}

function containerState(container: ContainerState, job: boolean): string {
  if (container.state === 'exited' && job && container.exitCode === 0) return 'completed';
  if (container.state === 'exited') return `exited (${container.exitCode})`;
  return container.state;
}

/** 3d4h, 5h12m, 7m3s, 42s. */
export function formatUptime(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d${hours}h`;
  if (hours > 0) return `${hours}h${minutes}m`;
  if (minutes > 0) return `${minutes}m${seconds % 60}s`;
  return `${seconds}s`;
}
