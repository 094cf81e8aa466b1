/**
 * The stack locks this process holds, by their token (no SQLite here: the CLI imports
 * this on every run to release them, and `aistack render` must not load SQLite).
 */
export const heldLocks = new Map<
  string,
  {
    holder: { readonly command: string; readonly pid: number; readonly host: string; readonly startedAt: string };
    release: () => void;
  }
>();

/** Release every lock this process still holds (the CLI, once its command has ended however it ended). */
export function releaseStackLocks(): void {
  for (const [token, entry] of [...heldLocks]) {
    heldLocks.delete(token);
    entry.release();
  }
}
