import type { FastifyInstance } from 'fastify';
import { ServerError } from '../errors.js';

/** Listen, turning "address in use" and friends into an error that says what to do. */
export async function listenServer(app: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await app.listen({ host, port });
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? 'the port is in use'
        : code === 'EADDRNOTAVAIL'
          ? 'that address is not on this host'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new ServerError('AIS_SERVER_LISTEN', {
      host,
      port,
      reason,
      hint: 'pick another --port (or --host), or stop what uses it',
      cause: error,
    });
  }
}
