import net from 'node:net';
import type { ProbeDefinition } from '../types.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { describeError, failure, success } from './probe-outcome.js';

/** AUTH (when a password file is set) and PING over raw RESP; expects `+PONG`. */
export async function probeRedis(probe: Extract<ProbeDefinition, { type: 'redis' }>, context: ProbeContext): Promise<ProbeOutcome> {
  let password: string | undefined;
  if (probe.passwordFile !== undefined) {
    try {
      password = await context.readSecret(probe.passwordFile);
    } catch (error: unknown) {
      return failure(`cannot read the password file: ${describeError(error)}`);
    }
  }
  try {
    const replies = await exchange(probe.host, probe.port, password, context.signal);
    const bad = replies.find((reply) => reply.startsWith('-'));
    if (bad)
      return failure(
        bad
          .slice(1)
          .split(password ?? '\u0000')
          .join('***')
          .slice(0, 200),
      );
    if (replies[replies.length - 1] !== '+PONG')
      return failure(`unexpected reply ${JSON.stringify(replies[replies.length - 1] ?? '').slice(0, 60)}`);
    return success('PONG');
  } catch (error: unknown) {
    return failure(describeError(error, password));
  }
}

function command(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

function exchange(host: string, port: number, password: string | undefined, signal: AbortSignal): Promise<string[]> {
  const expected = password === undefined ? 1 : 2;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buffer = '';
    const finish = (error: Error | undefined, replies?: string[]): void => {
      signal.removeEventListener('abort', abort);
      socket.destroy();
      if (error) reject(error);
      else resolve(replies ?? []);
    };
    const abort = (): void => finish(new Error('timed out'));
    signal.addEventListener('abort', abort, { once: true });
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write((password === undefined ? '' : command('AUTH', password)) + command('PING')));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\r\n').slice(0, -1);
      if (lines.length >= expected || lines.some((line) => line.startsWith('-'))) finish(undefined, lines);
      else if (buffer.length > 4096) finish(new Error('reply too long'));
    });
    socket.once('error', (error) => finish(error));
    socket.once('end', () => finish(new Error('connection closed before PONG')));
  });
}
