import { readFile, readdir, readlink } from 'node:fs/promises';
import net from 'node:net';
import type { ComposeModel } from '../check/model/compose-model.js';
import { parsePorts } from '../check/model/ports.js';
import type { PortInUse } from '../check/types.js';

/** Try to bind a TCP port on an address; true when something else holds it. */
function isPortBusy(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** Map listening TCP ports to `pid N (name)` through /proc/net/tcp{,6} and /proc/<pid>/fd. Linux only; empty elsewhere. */
async function listeningOwners(ports: ReadonlySet<number>): Promise<Map<number, string>> {
  const inodes = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A') continue;
      const port = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
      if (ports.has(port) && fields[9]) inodes.set(fields[9], port);
    }
  }
  const owners = new Map<number, string>();
  if (inodes.size === 0) return owners;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      const port = inode === undefined ? undefined : inodes.get(inode);
      if (port === undefined || owners.has(port)) continue;
      const name = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
      owners.set(port, name ? `pid ${pid} (${name})` : `pid ${pid}`);
    }
    if (owners.size === inodes.size) break;
  }
  return owners;
}

/** Probe every published TCP host port by binding it on 127.0.0.1 and 0.0.0.0 (or the given host IP). */
export async function gatherPortsInUse(compose: ComposeModel, ignore: ReadonlySet<number> = new Set()): Promise<PortInUse[]> {
  const candidates = new Map<number, string>();
  for (const port of compose.services.flatMap(parsePorts)) {
    if (port.hostFrom === undefined || port.protocol !== 'tcp') continue;
    for (let value = port.hostFrom; value <= Math.min(port.hostTo!, port.hostFrom + 100); value += 1)
      if (!ignore.has(value)) candidates.set(value, port.hostIp);
  }
  const busy: PortInUse[] = [];
  await Promise.all(
    [...candidates].map(async ([port, hostIp]) => {
      const hosts = hostIp === '' || hostIp === '0.0.0.0' ? ['127.0.0.1', '0.0.0.0'] : [hostIp];
      for (const host of hosts) {
        if (await isPortBusy(port, host)) {
          busy.push({ port, protocol: 'tcp', hostIp: host === '0.0.0.0' ? '' : host });
          return;
        }
      }
    }),
  );
  if (busy.length === 0) return [];
  const owners = await listeningOwners(new Set(busy.map((entry) => entry.port)));
  return busy
    .map((entry) => {
      const owner = owners.get(entry.port);
      return owner ? { ...entry, owner } : entry;
    })
    .sort((a, b) => a.port - b.port);
}
