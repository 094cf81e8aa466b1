import { readFile } from 'node:fs/promises';
import { isMissingFile } from './is-missing-file.js';

/**
 * A file's text, or undefined when it does not exist (ENOENT only). Any other read error is passed
 * to `onError`, which returns the coded error to throw (its area's code, the file, the fix).
 */
export async function readFileIfExists(file: string, onError: (error: NodeJS.ErrnoException) => Error): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    if (isMissingFile(error)) return undefined;
    throw onError(error as NodeJS.ErrnoException);
  }
}
