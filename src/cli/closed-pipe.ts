/**
 * `aistack services | head -1`: once the reader has gone, the command ends quietly with status 0
 * (as it would had it finished), instead of crashing on EPIPE.
 */
export function endQuietlyOnClosedPipe(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
  }
}
