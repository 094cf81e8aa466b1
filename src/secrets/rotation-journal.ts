import { rm } from 'node:fs/promises';
import { SecretsError } from '../errors.js';
import { readRegularFile, secretFiles, writeFileAtomic } from './store.js';

/**
 * What an unfinished rotation has done, kept in `<name>.rotation.json` (0600) beside the new value
 * in `<name>.next`, so that running `aistack secrets rotate <name>` again finishes it with the
 * same new value instead of starting over (a second new value would strand the consumers that
 * already have the first).
 */
export interface RotationJournal {
  readonly name: string;
  /** ISO time the rotation began. */
  readonly started: string;
  /** The new value is in the server (PostgreSQL role, Redis user). */
  readonly serverChanged: boolean;
  /** The new value is in every file (`<name>`, the mounted copies); the old one in `<name>.previous`. */
  readonly delivered: boolean;
  /** Consumers restarted with the new value and healthy again. */
  readonly restarted: readonly string[];
}

export async function readRotationJournal(directory: string, name: string): Promise<RotationJournal | undefined> {
  const files = secretFiles(directory, name);
  const text = await readRegularFile(files.rotation);
  if (text === undefined) return undefined;
  try {
    const journal = JSON.parse(text) as RotationJournal;
    if (journal.name === name && Array.isArray(journal.restarted)) return journal;
  } catch {
    // Reported below.
  }
  throw new SecretsError('AIS_SECRETS_JOURNAL_INVALID', {
    journal: files.rotation,
    hint: `if no rotation of ${name} is under way, move the file away and rotate again`,
  });
}

export async function writeRotationJournal(directory: string, journal: RotationJournal): Promise<void> {
  await writeFileAtomic(secretFiles(directory, journal.name).rotation, `${JSON.stringify(journal, null, 2)}\n`);
}

/** The rotation is finished: the journal and the staged new value go. */
export async function removeRotationJournal(directory: string, name: string): Promise<void> {
  const files = secretFiles(directory, name);
  await rm(files.rotation, { force: true });
  await rm(files.next, { force: true });
}
