import { rm } from 'node:fs/promises';
import path from 'node:path';
import { listArchives } from './archive-reader.js';
import type { RetentionDecision, RetentionPolicy } from './retention.js';
import { selectRetained } from './retention.js';

/** Apply the retention policy to the archive directory; returns what was decided and removed. */
export async function pruneArchives(backupsDirectory: string, policy: RetentionPolicy): Promise<RetentionDecision> {
  const { archives } = await listArchives(backupsDirectory);
  const decision = selectRetained(
    archives.map((entry) => ({ id: entry.id, createdAt: entry.manifest.createdAt, good: entry.verification?.ok !== false })),
    policy,
  );
  for (const id of decision.remove) await rm(path.join(backupsDirectory, id), { recursive: true, force: true });
  return decision;
}
