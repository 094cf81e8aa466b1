/**
 * The one place that decides a file is missing: "no such file or directory" (ENOENT) and nothing
 * else. Permission denied, a directory where a file should be, an I/O error: the file may well be
 * there, so treating those as "missing" would regenerate a key over an unreadable one or re-issue
 * a certificate that exists. Callers turn every other error into a coded error the user sees.
 */
export function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
