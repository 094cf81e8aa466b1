/** Cumulative jiffies of the `cpu` line of /proc/stat. */
export interface CpuTimes {
  readonly idle: number;
  readonly total: number;
}

/** First line of /proc/stat: user nice system idle iowait irq softirq steal … (idle = idle + iowait). */
export function parseProcStat(text: string): CpuTimes | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) return undefined;
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, value) => sum + (Number.isFinite(value) ? value : 0), 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { idle, total };
}

/** Busy share of the time between two readings, 0..100. */
export function cpuPercentBetween(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  const busy = total - (after.idle - before.idle);
  return Math.round(Math.min(100, Math.max(0, (busy / total) * 100)) * 100) / 100;
}

/** MemTotal and MemAvailable from /proc/meminfo, in bytes. */
export function parseMeminfo(text: string): { readonly totalBytes: number; readonly availableBytes: number } {
  const read = (key: string): number => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  const available = read('MemAvailable');
  return { totalBytes: read('MemTotal'), availableBytes: available > 0 ? available : read('MemFree') + read('Cached') };
}
