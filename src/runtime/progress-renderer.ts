import type { ServicePhase, ServiceProgress } from './rollout.js';

const SYMBOLS: Record<ServicePhase, string> = {
  waiting: '·',
  starting: '…',
  healthy: '✓',
  running: '✓',
  completed: '✓',
  failed: '✗',
  skipped: '-',
};

export interface ProgressRenderer {
  update(services: readonly ServiceProgress[]): void;
  finish(): void;
}

/** One line per service. Pure, for both renderers and tests. */
export function formatProgressLine(service: ServiceProgress, width: number): string {
  const seconds = (ms: number | undefined): string => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)}s`);
  const timing = service.readyAt !== undefined ? ` ${seconds(service.readyAt - (service.startedAt ?? 0))}` : '';
  const detail =
    service.detail && service.phase !== 'healthy' && service.phase !== 'running' && service.phase !== 'completed'
      ? `  ${service.detail}`
      : '';
  return `${SYMBOLS[service.phase]} ${service.id.padEnd(width)}  ${service.phase}${timing}${detail}`;
}

/**
 * On a terminal the block of lines is redrawn in place; elsewhere (CI, pipes) one line is
 * printed each time a service changes phase.
 */
export function createProgressRenderer(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  options: { readonly tty?: boolean } = {},
): ProgressRenderer {
  const tty = options.tty ?? stream.isTTY === true;
  let drawn = 0;
  const phases = new Map<string, ServicePhase>();
  let latest: readonly ServiceProgress[] = [];
  let timer: NodeJS.Timeout | undefined;
  const draw = (): void => {
    const width = Math.max(0, ...latest.map((service) => service.id.length));
    const lines = latest.map((service) => formatProgressLine(service, width));
    stream.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}${lines.map((line) => `\x1b[2K${line}\n`).join('')}`);
    drawn = lines.length;
  };
  return {
    update: (services) => {
      latest = services;
      if (tty) {
        // Coalesce bursts of updates into one redraw every 100 ms.
        timer ??= setTimeout(() => {
          timer = undefined;
          draw();
        }, 100);
        return;
      }
      const width = Math.max(0, ...services.map((service) => service.id.length));
      for (const service of services) {
        if (phases.get(service.id) === service.phase) continue;
        phases.set(service.id, service.phase);
        if (service.phase === 'waiting') continue;
        stream.write(`${formatProgressLine(service, width)}\n`);
      }
    },
    finish: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (tty && latest.length > 0) draw();
    },
  };
}
