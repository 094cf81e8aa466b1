import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ServerError } from '../../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/**
 * Refuse a request another site made the browser send: when the browser says where it came from
 * (Origin, or Sec-Fetch-Site), that must be this host.
 */
export function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    // request.host is the Host header, or X-Forwarded-Host behind a trusted proxy.
    if (host === undefined || host !== request.host) {
      throw new ServerError('AIS_SERVER_CSRF', { refused: 'origin', hint: 'use the dashboard on its own address' });
    }
    return;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ServerError('AIS_SERVER_CSRF', { refused: 'site', hint: 'use the dashboard on its own address' });
  }
}

/** Synchronizer token: the session's token must come back in `x-csrf-token`. */
export function assertCsrfToken(request: FastifyRequest, expected: string): void {
  const header = request.headers['x-csrf-token'];
  const given = typeof header === 'string' ? header : '';
  if (!timingSafeEqual(digest(given), digest(expected)) || given.length === 0) {
    throw new ServerError('AIS_SERVER_CSRF', {
      refused: 'token',
      hint: 'reload the page; send the token from GET /api/session in x-csrf-token',
    });
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
