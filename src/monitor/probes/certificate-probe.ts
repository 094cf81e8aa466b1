import tls from 'node:tls';
import type { ProbeDefinition } from '../types.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { degraded, describeError, failure, success } from './probe-outcome.js';

const DAY_MS = 86_400_000;

/** TLS handshake and the leaf certificate's days left: `degraded` under `warnDays`, down once expired. */
export async function probeCertificate(
  probe: Extract<ProbeDefinition, { type: 'certificate' }>,
  context: ProbeContext,
): Promise<ProbeOutcome> {
  let validTo: string;
  try {
    validTo = await peerValidTo(probe.host, probe.port, probe.serverName, context.signal);
  } catch (error: unknown) {
    return failure(describeError(error));
  }
  const expires = Date.parse(validTo);
  if (Number.isNaN(expires)) return failure(`unreadable expiry date "${validTo}"`);
  const daysLeft = Math.floor((expires - context.now()) / DAY_MS);
  const date = new Date(expires).toISOString().slice(0, 10);
  if (daysLeft < 0) return failure(`certificate expired on ${date}`);
  if (daysLeft < probe.warnDays) return degraded(`certificate expires in ${daysLeft} days (${date})`);
  return success(`certificate valid for ${daysLeft} days (${date})`);
}

/** The number in a certificate probe's message ("expires in 9 days"), for the certificate alert. */
export function daysLeftOf(message: string): number | undefined {
  const match = /(?:expires in|valid for) (-?\d+) days/.exec(message);
  if (match) return Number(match[1]);
  return message.includes('expired on') ? -1 : undefined;
}

function peerValidTo(host: string, port: number, serverName: string | undefined, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const name = serverName ?? host;
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(/^[\d.:]+$/.test(name) ? {} : { servername: name }) });
    const abort = (): void => {
      socket.destroy();
      reject(new Error('timed out'));
    };
    signal.addEventListener('abort', abort, { once: true });
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', abort);
      const certificate = socket.getPeerCertificate();
      socket.end();
      socket.destroy();
      if (!certificate?.valid_to) reject(new Error('no certificate presented'));
      else resolve(certificate.valid_to);
    });
    socket.once('error', (error: Error) => {
      signal.removeEventListener('abort', abort);
      socket.destroy();
      reject(error);
    });
  });
}
