import { readFile } from 'node:fs/promises';
import { CheckError } from '../errors.js';
import { isMissingFile } from '../util/is-missing-file.js';

/** Read a file `check` was pointed at; a failure is a CheckError (exit 2) naming the file. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new CheckError('AIS_CHECK_UNREADABLE', {
      what,
      file,
      reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
      hint: 'check the path (use -f for the compose file, --docs for Markdown files or folders)',
      cause: error,
    });
  }
}

/** The text of an optional file: undefined when it does not exist; any other read error is the user's to see. */
export async function readOptionalText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    // A path through a file (ENOTDIR) names no file either.
    if (isMissingFile(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new CheckError('AIS_CHECK_UNREADABLE', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
      hint: 'make the file readable (or remove it), then run `aistack check` again',
      cause: error,
    });
  }
}
