import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import { ServerError } from '../errors.js';
import { isMissingFile } from '../util/is-missing-file.js';

/** Who may set X-Forwarded-For and friends: fastify's `trustProxy` as a function. */
export type TrustProxy = (address: string | undefined, hop: number) => boolean;

/**
 * The console route's trust: a request that came through the console socket was forwarded by the
 * proxy (only it mounts the socket's directory), so its X-Forwarded-* are believed; a unix socket
 * peer has no address, which is how it is told apart. TCP peers are trusted only when
 * `--trust-proxy` names them, as before.
 */
export function trustSocketAndProxies(configured: readonly string[] | false): TrustProxy {
  const trusted = configured === false || configured.length === 0 ? () => false : proxyAddr.compile([...configured]);
  return (address, hop) => (address === undefined ? hop === 0 : trusted(address, hop));
}

export interface ConsoleSocket {
  readonly file: string;
  close(): Promise<void>;
}

/**
 * Answer the app on a unix socket too, for the proxy's console route (`console.route`): the proxy
 * container mounts the socket's directory read-only and forwards `console.<domain>` to it, so no
 * port is opened for it. The directory is 0755 and the socket 0666 because nginx's workers run as
 * another user; anyone on the host can reach the loopback listener just the same. A socket left by
 * a serve that died is replaced; one that still answers means another serve runs: refused.
 * Call after the app is listening (ready).
 */
export async function listenConsoleSocket(app: FastifyInstance, file: string): Promise<ConsoleSocket> {
  // sun_path holds 108 bytes with its terminating NUL.
  if (Buffer.byteLength(file) > 107) {
    throw new ServerError('AIS_SERVER_LISTEN', {
      socket: file,
      reason: "the path is longer than a unix socket's 107 bytes",
      hint: 'move the project to a shorter path, or turn the route off (console.route: false) and use an SSH tunnel',
    });
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  await chmod(path.dirname(file), 0o755);
  await removeStaleSocket(file);
  const server = http.createServer((request, response) => {
    app.routing(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new ServerError('AIS_SERVER_LISTEN', {
          socket: file,
          reason: error.message,
          hint: 'check that the project directory is writable by the user running `aistack serve`',
          cause: error,
        }),
      );
    });
    server.listen(file, resolve);
  });
  await chmod(file, 0o666);
  return {
    file,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await unlink(file).catch((error: unknown) => {
        if (!isMissingFile(error)) throw error;
      });
    },
  };
}

async function removeStaleSocket(file: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = (await lstat(file)).isSocket();
  } catch (error: unknown) {
    if (isMissingFile(error)) return;
    throw error;
  }
  if (!isSocket) {
    throw new ServerError('AIS_SERVER_LISTEN', {
      socket: file,
      reason: 'something else than a socket is there',
      hint: `move ${file} away; aistack makes the socket itself`,
    });
  }
  if (await answers(file)) {
    throw new ServerError('AIS_SERVER_LISTEN', {
      socket: file,
      reason: 'another `aistack serve` answers on it',
      hint: 'stop the other `aistack serve` of this project first',
    });
  }
  await unlink(file);
}

function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(file);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
