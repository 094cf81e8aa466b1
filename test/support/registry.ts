import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);

/**
 * A stand-in for a container registry on 127.0.0.1 (Docker treats 127.0.0.0/8 as an insecure,
 * plain-HTTP registry by default), speaking the part of the Registry HTTP API V2 that a pull
 * uses: `GET /v2/`, manifests (image manifest V2, schema 2) and blobs by digest. It serves local
 * images, read with `docker save`, under the names given.
 */
export interface TestRegistry {
  /** `127.0.0.1:<port>`: the prefix of every image reference it serves. */
  readonly host: string;
  /** Serve a local image as `<host>/<name>` (name with tag); returns the full reference. */
  add(localImage: string, name: string): Promise<string>;
  /** The layer digests of an image it serves (by full reference). */
  layersOf(reference: string): string[];
  /** Requests seen, as `METHOD path`. */
  readonly requests: string[];
  close(): Promise<void>;
}

const MANIFEST_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';

export async function startTestRegistry(): Promise<TestRegistry> {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, Buffer>();
  const requests: string[] = [];
  const layerDigests = new Map<string, string[]>();
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    requests.push(`${request.method} ${url}`);
    const send = (status: number, body: Buffer, headers: Record<string, string> = {}): void => {
      response.writeHead(status, {
        'Docker-Distribution-API-Version': 'registry/2.0',
        'Content-Length': String(body.length),
        ...headers,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (url === '/v2/' || url === '/v2') {
      send(200, Buffer.from('{}'), { 'Content-Type': 'application/json' });
      return;
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url);
    if (manifest) {
      const body = manifests.get(`${manifest[1]}:${manifest[2]}`) ?? manifests.get(`${manifest[1]}@${manifest[2]}`);
      if (!body) {
        send(404, Buffer.from(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] })));
        return;
      }
      send(200, body, { 'Content-Type': MANIFEST_TYPE, 'Docker-Content-Digest': digest(body) });
      return;
    }
    const blob = /^\/v2\/.+\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url);
    if (blob) {
      const body = blobs.get(blob[1]!);
      if (!body) {
        send(404, Buffer.from(JSON.stringify({ errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }] })));
        return;
      }
      send(200, body, { 'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': blob[1]! });
      return;
    }
    send(404, Buffer.from('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const host = `127.0.0.1:${port}`;
  return {
    host,
    requests,
    layersOf: (reference) => layerDigests.get(reference) ?? [],
    add: async (localImage, name) => {
      const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-registry-'));
      try {
        const tar = path.join(directory, 'image.tar');
        await run('docker', ['save', '--output', tar, localImage]);
        await run('tar', ['-xf', tar, '-C', directory]);
        const [entry] = JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8')) as { Config: string; Layers: string[] }[];
        const config = await readFile(path.join(directory, entry!.Config));
        blobs.set(digest(config), config);
        const layers = [];
        for (const layer of entry!.Layers) {
          const compressed = gzipSync(await readFile(path.join(directory, layer)));
          blobs.set(digest(compressed), compressed);
          layers.push({
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
            size: compressed.length,
            digest: digest(compressed),
          });
        }
        const manifest = Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: MANIFEST_TYPE,
            config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: digest(config) },
            layers,
          }),
        );
        const [repository, tag] = splitTag(name);
        manifests.set(`${repository}:${tag}`, manifest);
        manifests.set(`${repository}@${digest(manifest)}`, manifest);
        layerDigests.set(
          `${host}/${name}`,
          layers.map((layer) => layer.digest),
        );
        return `${host}/${name}`;
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitTag(name: string): [string, string] {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? [name.slice(0, colon), name.slice(colon + 1)] : [name, 'latest'];
}

function digest(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}
