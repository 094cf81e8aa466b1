import http from 'node:http';
import https from 'node:https';
import type { ProbeDefinition } from '../types.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { degraded, describeError, failure, success } from './probe-outcome.js';

const BODY_LIMIT = 64 * 1024;
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/** GET the URL: status (2xx/3xx or the expected one), optional body text or JSON value, latency. */
export async function probeHttp(probe: Extract<ProbeDefinition, { type: 'http' }>, context: ProbeContext): Promise<ProbeOutcome> {
  const started = performance.now();
  let response: { status: number; body: string };
  try {
    response = await get(probe.url, probe.bodyContains !== undefined || probe.jsonPath !== undefined, context.signal);
  } catch (error: unknown) {
    return failure(describeError(error));
  }
  const elapsed = performance.now() - started;
  const statusOk =
    probe.expectStatus === undefined ? response.status >= 200 && response.status < 400 : response.status === probe.expectStatus;
  if (!statusOk) return failure(`HTTP ${response.status}${probe.expectStatus === undefined ? '' : ` (expected ${probe.expectStatus})`}`);
  if (probe.bodyContains !== undefined && !response.body.includes(probe.bodyContains))
    return failure(`HTTP ${response.status} but the body lacks "${probe.bodyContains.slice(0, 60)}"`);
  if (probe.jsonPath !== undefined) {
    const value = readJsonPath(response.body, probe.jsonPath);
    if (!value.found) return failure(`HTTP ${response.status} but ${probe.jsonPath} is missing`);
    if (probe.jsonEquals !== undefined && value.value !== probe.jsonEquals)
      return failure(
        `HTTP ${response.status} but ${probe.jsonPath} is ${JSON.stringify(value.value)?.slice(0, 60)}, expected ${JSON.stringify(probe.jsonEquals)}`,
      );
  }
  if (probe.degradedAboveMs !== undefined && elapsed > probe.degradedAboveMs)
    return degraded(`HTTP ${response.status} in ${Math.round(elapsed)} ms (slower than ${probe.degradedAboveMs} ms)`);
  return success(`HTTP ${response.status}`);
}

/** `a.b.0.c` into parsed JSON. */
export function readJsonPath(body: string, jsonPath: string): { found: true; value: unknown } | { found: false } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { found: false };
  }
  for (const part of jsonPath.split('.').filter((piece) => piece !== '')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return { found: false };
    value = (value as Record<string, unknown>)[part];
  }
  return { found: true, value };
}

function get(url: string, readBody: boolean, signal: AbortSignal): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const request = (secure ? https : http).get(
      url,
      {
        agent: secure ? agents.https : agents.http,
        signal,
        headers: { 'user-agent': 'aistack-monitor', accept: '*/*' },
        ...(secure ? { rejectUnauthorized: false } : {}),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (!readBody) {
          response.resume();
          response.on('end', () => resolve({ status, body: '' }));
          response.on('error', reject);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}
