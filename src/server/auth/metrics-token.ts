import { readFile } from 'node:fs/promises';
import { ServerError } from '../../errors.js';

/** Read the bearer token of /metrics from its secret file (a trailing newline is not part of it). */
export async function loadMetricsToken(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new ServerError('AIS_SERVER_METRICS_TOKEN_FILE', {
      file,
      problem: 'unreadable',
      hint: 'run `aistack secrets` to generate it, or leave --metrics-token-file out to turn /metrics off',
      cause: error,
    });
  }
  const token = text.replace(/\r?\n$/, '');
  if (token.length === 0) {
    throw new ServerError('AIS_SERVER_METRICS_TOKEN_FILE', {
      file,
      problem: 'empty',
      hint: 'write a token into it, or delete it and run `aistack secrets` to generate one',
    });
  }
  return token;
}
