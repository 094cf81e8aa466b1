import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface EngineRelay {
  readonly port: number;
  /** Cut every connection and refuse new ones, as an Engine that restarts does. */
  drop(): void;
  /** Accept and relay again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay to the real Engine's unix socket: a stand-in for the Engine going away
 * (the real dockerd is shared by other tests and must not be restarted).
 */
export async function startEngineRelay(socketPath = '/var/run/docker.sock'): Promise<EngineRelay> {
  const open = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const engine = net.connect(socketPath);
    open.add(client);
    open.add(engine);
    const end = (): void => {
      client.destroy();
      engine.destroy();
      open.delete(client);
      open.delete(engine);
    };
    client.on('error', end).on('close', end);
    engine.on('error', end).on('close', end);
    client.pipe(engine);
    engine.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    drop() {
      refusing = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
