// @ts-check
/** Talking to the API: JSON in and out, the CSRF token on every POST, /login on 401. */

/** @type {Promise<{ user: string, csrfToken: string, console?: boolean }> | undefined} */
let sessionPromise;

export function session() {
  // A failed lookup is not kept: the next caller asks again instead of inheriting the failure.
  sessionPromise ??= getJson('/api/session').catch((error) => {
    sessionPromise = undefined;
    throw error;
  });
  return sessionPromise;
}

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** @param {Response} response */
async function handle(response) {
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, 'AIS_SERVER_UNAUTHENTICATED', 'not logged in');
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body?.code ?? 'HTTP', body?.message ?? `HTTP ${response.status}`);
  return body;
}

/**
 * @param {string} url
 * @returns {Promise<any>}
 */
export async function getJson(url) {
  return handle(await fetchRetrying(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
}

/** Pauses before each repeat of a GET that failed at the network; then the failure is the caller's. */
const RETRY_DELAYS_MS = [250, 1000, 3000];

/**
 * fetch, repeated when the request died before any response (fetch rejects with a TypeError: the
 * network changed, the connection was reset). Only for GETs: they are safe to send again, and an
 * answer from the server, even an error status, is never repeated.
 * @param {string} url
 * @param {RequestInit} init
 */
async function fetchRetrying(url, init) {
  for (const delay of RETRY_DELAYS_MS) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return fetch(url, init);
}

/**
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function postJson(url, body = {}) {
  const { csrfToken } = await session();
  return handle(
    await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    }),
  );
}
