import net from 'node:net';
import type { ProbeDefinition } from '../types.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { describeError, failure, success } from './probe-outcome.js';

/** Open a TCP connection and close it. */
export async function probeTcp(probe: Extract<ProbeDefinition, { type: 'tcp' }>, context: ProbeContext): Promise<ProbeOutcome> {
  try {
    await connect(probe.host, probe.port, context.signal);
    return success('connected');
  } catch (error: unknown) {
    return failure(describeError(error));
  }
}

export function connect(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const abort = (): void => {
      socket.destroy();
      reject(new Error('timed out'));
    };
    signal.addEventListener('abort', abort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', abort);
      socket.end();
      socket.destroy();
      resolve();
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', abort);
      socket.destroy();
      reject(error);
    });
  });
}
