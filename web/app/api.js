// @ts-check
/** Talking to the API: JSON in and out, the CSRF token on every POST, /login on 401. */

/** @type {Promise<{ user: string, csrfToken: string, console?: boolean }> | undefined} */
let sessionPromise;

export function session() {
  sessionPromise ??= getJson('/api/session');
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
  return handle(await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }));
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
