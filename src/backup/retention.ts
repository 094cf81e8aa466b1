/** How many archives to keep (backup.keep in aistack.yaml). Unset everywhere: keep everything. */
export interface RetentionPolicy {
  readonly last?: number | undefined;
  readonly daily?: number | undefined;
  readonly weekly?: number | undefined;
  readonly monthly?: number | undefined;
}

export interface RetentionCandidate {
  readonly id: string;
  /** ISO time the backup was made. */
  readonly createdAt: string;
  /** False when its last verify failed: such an archive never counts as a kept backup. */
  readonly good: boolean;
}

export interface RetentionDecision {
  readonly keep: readonly string[];
  readonly remove: readonly string[];
  /** Why each kept archive stays (`last`, `daily 2026-11-26`, …). */
  readonly reasons: Readonly<Record<string, readonly string[]>>;
}

/**
 * Keep the newest `last` archives, plus the newest archive of each of the newest `daily` days,
 * `weekly` ISO weeks and `monthly` months that have one (UTC). The newest good archive is always
 * kept. Pure: the same list and policy give the same answer.
 */
export function selectRetained(candidates: readonly RetentionCandidate[], policy: RetentionPolicy): RetentionDecision {
  const sorted = [...candidates].sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id),
  );
  const active = [policy.last, policy.daily, policy.weekly, policy.monthly].some((value) => value !== undefined);
  if (!active)
    return {
      keep: sorted.map((entry) => entry.id),
      remove: [],
      reasons: Object.fromEntries(sorted.map((entry) => [entry.id, ['no retention policy']])),
    };
  const reasons = new Map<string, string[]>();
  const mark = (id: string, reason: string): void => {
    reasons.set(id, [...(reasons.get(id) ?? []), reason]);
  };
  const good = sorted.filter((entry) => entry.good);
  good.slice(0, policy.last ?? 0).forEach((entry) => mark(entry.id, 'last'));
  const buckets: readonly [number | undefined, string, (date: Date) => string][] = [
    [policy.daily, 'daily', (date) => date.toISOString().slice(0, 10)],
    [policy.weekly, 'weekly', isoWeek],
    [policy.monthly, 'monthly', (date) => date.toISOString().slice(0, 7)],
  ];
  for (const [count, label, bucketOf] of buckets) {
    if (!count) continue;
    const seen = new Set<string>();
    for (const entry of good) {
      const bucket = bucketOf(new Date(entry.createdAt));
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      mark(entry.id, `${label} ${bucket}`);
    }
  }
  const newest = good[0];
  if (newest && !reasons.has(newest.id)) mark(newest.id, 'newest good archive');
  return {
    keep: sorted.filter((entry) => reasons.has(entry.id)).map((entry) => entry.id),
    remove: sorted.filter((entry) => !reasons.has(entry.id)).map((entry) => entry.id),
    reasons: Object.fromEntries(reasons),
  };
}

/** ISO 8601 week (`2026-W48`), in UTC. */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
