import { UpgradeError } from '../errors.js';

/** Credentials for a registry (what `docker login` stored; see registry-auth.ts). */
export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

export interface RegistryClientOptions {
  /** Per request. @default 10000 */
  readonly timeoutMs?: number;
  /** Every request of this client (token requests included) ends by then. @default 30000 */
  readonly budgetMs?: number;
  /** Requests this client may make in all (token requests included). @default 80 */
  readonly maxRequests?: number;
  readonly credentials?: RegistryCredentials;
  readonly fetch?: typeof fetch;
}

export interface RegistryClient {
  /** The base URL of the repository, `http(s)://<host>/v2/<name>`. */
  readonly base: string;
  /** GET or HEAD a URL of this registry, answering 401 challenges; throws AIS_UPGRADE_REGISTRY_FAILED for anything but 2xx. */
  request(url: string, options?: { readonly accept?: string; readonly method?: 'GET' | 'HEAD' }): Promise<Response>;
  /** The body as JSON, at most `limit` bytes. */
  readJson(response: Response, what: string, limit?: number): Promise<unknown>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * A client for one repository of a Registry HTTP API V2 / OCI Distribution registry, the way the
 * docker CLI talks to one: anonymous first; on `401` with `WWW-Authenticate: Bearer
 * realm=…,service=…,scope=…` it asks the realm for a token (with Basic credentials when there are
 * some, else anonymously), caches it and sends `Authorization: Bearer`; on a `Basic` challenge it
 * sends the credentials. Plain HTTP for loopback hosts (Docker's default for 127.0.0.0/8), HTTPS
 * otherwise. Bounded: a timeout per request, a time budget and a request count for the client.
 * Every failure is an AIS_UPGRADE_REGISTRY_FAILED whose message is the reason (never a secret).
 */
export function createRegistryClient(host: string, name: string, options: RegistryClientOptions = {}): RegistryClient {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRequests = options.maxRequests ?? 80;
  const deadline = Date.now() + (options.budgetMs ?? 30_000);
  const origin = `${isLoopbackHost(host) ? 'http' : 'https'}://${host}`;
  const base = `${origin}/v2/${name}`;
  let requests = 0;
  let authorization: string | undefined;

  const fetchBounded = async (url: string, init: RequestInit, what: string): Promise<Response> => {
    requests += 1;
    if (requests > maxRequests) fail(`${what}: gave up after ${maxRequests} requests to ${host}`);
    const remaining = deadline - Date.now();
    if (remaining <= 0) fail(`${what}: gave up after ${(options.budgetMs ?? 30_000) / 1000}s on ${host}`);
    const wait = Math.min(timeoutMs, remaining);
    try {
      return await send(url, { ...init, signal: AbortSignal.timeout(wait) });
    } catch (error: unknown) {
      fail(`${what}: ${describeNetworkError(error, wait)}`, error);
    }
  };

  const fetchToken = async (challenge: Challenge, what: string): Promise<string> => {
    const realm = challenge.params.realm;
    if (!realm || !/^https?:\/\//i.test(realm)) fail(`${what}: ${host} asks for a token without a usable realm (${realm ?? 'none'})`);
    const url = new URL(realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', challenge.params.scope ?? `repository:${name}:pull`);
    // Credentials go to the token server only over HTTPS or to this host itself.
    const mayCarry = url.protocol === 'https:' || isLoopbackHost(url.host);
    const headers: Record<string, string> = {};
    if (options.credentials && mayCarry) headers.Authorization = basicAuthorization(options.credentials);
    const response = await fetchBounded(url.toString(), { headers }, `${what}: token from ${url.host}`);
    if (!response.ok) {
      const detail = await describeErrorBody(response);
      fail(
        `${what}: the token server ${url.host} answered ${response.status}${detail}` +
          (options.credentials
            ? ' (with the credentials of `docker login`)'
            : ' (anonymous: `docker login ' + host + '` if the repository is private)'),
      );
    }
    const body = (await readJsonBody(response, `${what}: token`, 64 * 1024)) as { token?: unknown; access_token?: unknown };
    const token = typeof body.token === 'string' && body.token ? body.token : body.access_token;
    if (typeof token !== 'string' || token === '') fail(`${what}: the token server ${url.host} sent no token`);
    return token;
  };

  const request: RegistryClient['request'] = async (url, requestOptions = {}) => {
    if (!url.startsWith(`${origin}/`)) fail(`refusing to follow ${host} to another host (${new URL(url).host})`);
    const what = describeUrl(url, origin);
    const method = requestOptions.method ?? 'GET';
    const headersFor = (): Record<string, string> => ({
      ...(requestOptions.accept ? { Accept: requestOptions.accept } : {}),
      ...(authorization ? { Authorization: authorization } : {}),
    });
    let response = await fetchBounded(url, { method, headers: headersFor() }, what);
    if (response.status === 401) {
      const challenge = parseChallenge(response.headers.get('www-authenticate'));
      await response.body?.cancel().catch(() => undefined);
      if (challenge?.scheme === 'bearer') authorization = `Bearer ${await fetchToken(challenge, what)}`;
      else if (challenge?.scheme === 'basic' && options.credentials) authorization = basicAuthorization(options.credentials);
      else if (challenge?.scheme === 'basic') fail(`${what}: ${host} needs a login (\`docker login ${host}\`)`);
      else fail(`${what}: ${host} answered 401 without a challenge aistack knows (${challenge?.scheme ?? 'no WWW-Authenticate'})`);
      response = await fetchBounded(url, { method, headers: headersFor() }, what);
    }
    if (!response.ok) {
      const detail = method === 'HEAD' ? '' : await describeErrorBody(response);
      const login = response.status === 401 || response.status === 403 ? ` (\`docker login ${host}\` if the repository is private)` : '';
      fail(`${what}: ${host} answered ${response.status}${detail}${login}`);
    }
    return response;
  };

  return {
    base,
    request,
    readJson: (response, what, limit = MAX_BODY_BYTES) => readJsonBody(response, what, limit),
  };
}

/** 127.0.0.0/8, ::1 and localhost, with or without a port. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** `Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"` → its parts. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const param of match[2]!.matchAll(pattern)) {
    params[param[1]!.toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '');
  }
  return { scheme: match[1]!.toLowerCase(), params };
}

function basicAuthorization(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

async function readJsonBody(response: Response, what: string, limit: number): Promise<unknown> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > limit) {
    await response.body?.cancel().catch(() => undefined);
    fail(`${what}: the answer is ${length} bytes, more than the ${limit} aistack reads`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error: unknown) {
    fail(`${what}: ${describeNetworkError(error, undefined)}`, error);
  }
  if (Buffer.byteLength(text) > limit) fail(`${what}: the answer is more than the ${limit} bytes aistack reads`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    fail(`${what}: the answer is not JSON`);
  }
}

/** ` NAME_UNKNOWN: repository name not known to registry` from the spec's error body, else ''. */
async function describeErrorBody(response: Response): Promise<string> {
  let text = '';
  try {
    text = (await response.text()).slice(0, 64 * 1024);
  } catch {
    return '';
  }
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(body.errors)) return '';
    const parts = body.errors
      .filter((entry): entry is { code?: unknown; message?: unknown } => typeof entry === 'object' && entry !== null)
      .map((entry) =>
        [typeof entry.code === 'string' ? entry.code : '', typeof entry.message === 'string' ? entry.message : '']
          .filter(Boolean)
          .join(': '),
      )
      .filter(Boolean);
    return parts.length > 0 ? ` ${parts.join('; ')}` : '';
  } catch {
    return '';
  }
}

function describeNetworkError(error: unknown, waitedMs: number | undefined): string {
  const name = (error as { name?: unknown }).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return `no answer within ${waitedMs === undefined ? 'the time allowed' : `${waitedMs / 1000}s`}`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name does not resolve (${code})`;
  if (code === 'ECONNRESET') return 'the connection was reset (ECONNRESET)';
  if (code !== undefined) return `${typeof cause?.message === 'string' ? cause.message : 'network error'} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** `http://h/v2/a/b/tags/list?n=100` → `tags/list`, `…/manifests/1.2` → `manifest 1.2`. */
function describeUrl(url: string, origin: string): string {
  const path = url.slice(origin.length).replace(/\?.*$/, '');
  const manifest = /\/manifests\/([^/]+)$/.exec(path);
  if (manifest) return `manifest ${decodeURIComponent(manifest[1]!)}`;
  const blob = /\/blobs\/([^/]+)$/.exec(path);
  if (blob) return `blob ${blob[1]!.slice(0, 19)}`;
  if (path.endsWith('/tags/list')) return 'tags/list';
  return path;
}

function fail(reason: string, cause?: unknown): never {
  throw new UpgradeError('AIS_UPGRADE_REGISTRY_FAILED', {
    reason,
    hint: 'check images.registry / --registry and that the registry answers the Registry HTTP API V2; the plan falls back to the catalog and this host',
    ...(cause === undefined ? {} : { cause }),
  });
}
