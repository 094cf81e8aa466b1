import type { AistackError } from '../errors.js';

/** How the CLI shows an AistackError on stderr: `error: <file:line:column code message>`, then `hint: …` when there is one. */
export function printAistackError(error: AistackError): void {
  process.stderr.write(`error: ${error.format()}\n`);
  if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
}
