import type { SeriesPoint } from '../monitor/types.js';

/** Ranges the service page offers, and their length. */
export const SERIES_RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type SeriesRange = keyof typeof SERIES_RANGES;

/** Charts never need more points than pixels: average down to at most `maxPoints` buckets. */
export function downsampleSeries(points: readonly SeriesPoint[], from: number, to: number, maxPoints = 360): SeriesPoint[] {
  if (points.length <= maxPoints || to <= from) return [...points];
  const width = (to - from) / maxPoints;
  const sums = new Map<number, { at: number; total: number; count: number }>();
  for (const point of points) {
    const bucket = Math.min(maxPoints - 1, Math.max(0, Math.floor((point.at - from) / width)));
    const entry = sums.get(bucket) ?? { at: 0, total: 0, count: 0 };
    entry.at += point.at;
    entry.total += point.value;
    entry.count += 1;
    sums.set(bucket, entry);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, entry]) => ({ at: Math.round(entry.at / entry.count), value: entry.total / entry.count }));
}
