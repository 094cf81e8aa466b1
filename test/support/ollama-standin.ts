import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { scalarText } from '../../src/util/scalar-text.js';

/**
 * A local server that speaks Ollama's HTTP API as docs/api.md documents it, for tests (no Ollama
 * binary or GPU runs here): `POST /api/pull` streams NDJSON `{status, digest, total, completed}`
 * layer by layer and keeps partial layers so a new pull resumes where the last stopped; `GET
 * /api/tags`, `DELETE /api/delete`, `GET /api/ps` (with `size_vram`), `POST /api/show`, `GET
 * /api/version`; and a registry manifest at `/v2/library/<name>/manifests/<tag>` (what
 * registry.ollama.ai serves) for sizes before a pull. Listens on 127.0.0.1 only.
 */

export interface StandinModel {
  /** name:tag */
  readonly name: string;
  readonly layers: readonly { readonly digest: string; readonly size: number }[];
  /** model_info for /api/show (`general.parameter_count`, `llama.block_count` …). */
  readonly info?: Readonly<Record<string, number | string>>;
  readonly quantization?: string;
}

export interface StandinOptions {
  /** What the "registry" has. */
  readonly registry: readonly StandinModel[];
  /** Already pulled at start. */
  readonly present?: readonly string[];
  /** Bytes per progress line. @default 1 MiB */
  readonly chunkBytes?: number;
  /** Milliseconds between progress lines. @default 0 */
  readonly chunkDelayMs?: number;
}

export interface OllamaStandin {
  readonly url: string;
  /** Bytes of layer data "transferred" by pulls since start (or the last reset). */
  bytesServed(): number;
  /** Pull requests received. */
  pullRequests(): number;
  resetCounters(): void;
  /** Drop the connection of the next pull once it has sent this many bytes of layer data (partial layers stay). */
  dropNextPullAfter(bytes: number): void;
  /** Make pulls of this model fail with Ollama's error line. */
  failPullsOf(name: string, error: string): void;
  /** What /api/ps reports. */
  setRunning(models: readonly { name: string; size: number; sizeVram: number; contextLength?: number }[]): void;
  present(): string[];
  close(): Promise<void>;
}

function short(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

export async function startOllamaStandin(options: StandinOptions): Promise<OllamaStandin> {
  const registry = new Map(options.registry.map((model) => [model.name, model]));
  const present = new Set(options.present ?? []);
  /** digest → bytes already on "disk" (complete layers have their full size). */
  const blobs = new Map<string, number>();
  for (const name of present) for (const layer of registry.get(name)?.layers ?? []) blobs.set(layer.digest, layer.size);
  const chunk = options.chunkBytes ?? 1024 * 1024;
  const delay = options.chunkDelayMs ?? 0;
  let served = 0;
  let pulls = 0;
  let dropAfter: number | undefined;
  const failures = new Map<string, string>();
  let running: { name: string; size: number; sizeVram: number; contextLength?: number }[] = [];
  const sockets = new Set<Socket>();

  const sizeOf = (name: string): number => (registry.get(name)?.layers ?? []).reduce((sum, layer) => sum + layer.size, 0);
  const send = (response: http.ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };
  const readBody = async (request: http.IncomingMessage): Promise<Record<string, unknown>> => {
    let text = '';
    for await (const part of request) text += String(part);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const wait = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
  const normalize = (name: string): string => (name.includes(':') ? name : `${name}:latest`);

  const pull = async (name: string, response: http.ServerResponse, socket: Socket): Promise<void> => {
    pulls += 1;
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const line = (value: unknown): void => void response.write(`${JSON.stringify(value)}\n`);
    line({ status: 'pulling manifest' });
    const model = registry.get(name);
    const failure = failures.get(name);
    if (failure || !model) {
      line({ error: failure ?? 'pull model manifest: file does not exist' });
      response.end();
      return;
    }
    const budget = dropAfter;
    dropAfter = undefined;
    let sent = 0;
    for (const layer of model.layers) {
      let completed = blobs.get(layer.digest) ?? 0;
      line({ status: `pulling ${short(layer.digest)}`, digest: layer.digest, total: layer.size, completed });
      while (completed < layer.size) {
        await wait(delay);
        if (socket.destroyed) return;
        const step = Math.min(chunk, layer.size - completed, budget === undefined ? Infinity : Math.max(0, budget - sent));
        if (step <= 0) {
          // The connection drops mid-layer once what was sent is on the wire; what arrived stays on "disk".
          response.write('', () => socket.destroy());
          return;
        }
        completed += step;
        sent += step;
        served += step;
        blobs.set(layer.digest, completed);
        line({ status: `pulling ${short(layer.digest)}`, digest: layer.digest, total: layer.size, completed });
      }
    }
    line({ status: 'verifying sha256 digest' });
    line({ status: 'writing manifest' });
    line({ status: 'success' });
    present.add(name);
    response.end();
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const manifest = /^\/v2\/library\/([^/]+)\/manifests\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && manifest) {
        const model = registry.get(`${manifest[1]}:${manifest[2]}`);
        if (!model) {
          send(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
          return;
        }
        send(response, 200, {
          schemaVersion: 2,
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: 'sha256:config', size: 0 },
          layers: model.layers.map((layer) => ({
            mediaType: 'application/vnd.ollama.image.model',
            digest: layer.digest,
            size: layer.size,
          })),
        });
        return;
      }
      switch (`${request.method} ${url.pathname}`) {
        case 'GET /':
        case 'HEAD /':
          response.writeHead(200, { 'content-type': 'text/plain' });
          return response.end('Ollama is running');
        case 'GET /api/version': {
          send(response, 200, { version: '0.32.15' });
          return;
        }
        case 'GET /api/tags': {
          send(response, 200, {
            models: [...present].sort().map((name) => ({
              name,
              model: name,
              modified_at: '2026-12-01T00:00:00Z',
              size: sizeOf(name),
              digest: registry.get(name)?.layers[0]?.digest.replace(/^sha256:/, '') ?? '',
              details: { format: 'gguf', quantization_level: registry.get(name)?.quantization ?? 'Q4_K_M' },
            })),
          });
          return;
        }
        case 'POST /api/pull': {
          const body = await readBody(request);
          return pull(normalize(scalarText(body.model ?? body.name)), response, request.socket);
        }
        case 'DELETE /api/delete': {
          const name = normalize(scalarText((await readBody(request)).model));
          if (!present.delete(name)) {
            send(response, 404, { error: `model '${name}' not found` });
            return;
          }
          response.writeHead(200);
          return response.end();
        }
        case 'GET /api/ps': {
          send(response, 200, {
            models: running.map((model) => ({
              name: model.name,
              model: model.name,
              size: model.size,
              size_vram: model.sizeVram,
              expires_at: '2026-12-01T00:05:00Z',
              ...(model.contextLength === undefined ? {} : { context_length: model.contextLength }),
            })),
          });
          return;
        }
        case 'POST /api/show': {
          const name = normalize(scalarText((await readBody(request)).model));
          const model = registry.get(name);
          if (!model || !present.has(name)) {
            send(response, 404, { error: `model '${name}' not found` });
            return;
          }
          send(response, 200, {
            details: { format: 'gguf', quantization_level: model.quantization ?? 'Q4_K_M' },
            model_info: model.info ?? {},
          });
          return;
        }
        default: {
          send(response, 404, { error: 'not found' });
          return;
        }
      }
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesServed: () => served,
    pullRequests: () => pulls,
    resetCounters: () => {
      served = 0;
      pulls = 0;
    },
    dropNextPullAfter: (bytes) => {
      dropAfter = bytes;
    },
    failPullsOf: (name, error) => void failures.set(name, error),
    setRunning: (models) => {
      running = [...models];
    },
    present: () => [...present].sort(),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
