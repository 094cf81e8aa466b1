import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);

/**
 * A stand-in for a registry's read API on 127.0.0.1, written from the OCI Distribution spec
 * (opencontainers/distribution-spec spec.md: end-1, end-2, end-3, end-8a/8b, error codes) and the
 * distribution token auth spec (distribution/distribution docs/spec/auth/token.md):
 *
 * - `GET /v2/`, `GET|HEAD /v2/<name>/manifests/<tag|digest>` with `Content-Type` and
 *   `Docker-Content-Digest` (the sha256 of the bytes served), served only when the `Accept`
 *   header names the manifest's media type (else `404 MANIFEST_UNKNOWN`, as distribution does
 *   for an OCI index the client did not ask for);
 * - `GET /v2/<name>/blobs/<digest>` answered with a `307` to a storage URL (as distribution does
 *   with S3 storage), which serves the bytes without auth;
 * - `GET /v2/<name>/tags/list?n=&last=`: tags in lexical order, at most min(n, pageLimit) per
 *   page, the next page in `Link: </v2/<name>/tags/list?n=…&last=…>; rel="next"`;
 * - errors as `{"errors":[{"code","message","detail"}]}` (NAME_UNKNOWN, MANIFEST_UNKNOWN,
 *   BLOB_UNKNOWN, UNAUTHORIZED, DENIED);
 * - auth `anonymous`, `bearer` (401 + `WWW-Authenticate: Bearer realm="…/token",service=…,scope=…`;
 *   `GET /token?service=&scope=` hands out `{token, access_token, expires_in, issued_at}`,
 *   anonymously or only for the Basic credentials in `users`) or `basic`.
 */
export interface RegistryStandInOptions {
  readonly auth?: 'anonymous' | 'bearer' | 'basic';
  /** Who may get a token (bearer) or in (basic); none: anonymous tokens for everyone. */
  readonly users?: Readonly<Record<string, string>>;
  /** The most tags one page holds, whatever `n` asks. @default 1000 */
  readonly pageLimit?: number;
  /** Requests whose path matches are never answered (to test timeouts). */
  readonly hang?: RegExp;
  /** Token responses carry only `access_token` (the OAuth2 name) instead of both. */
  readonly accessTokenOnly?: boolean;
}

export interface StandInPlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly created: string;
}

export type StandInImage =
  | { readonly created: string; readonly oci?: boolean }
  /** A manifest list (Docker) or image index (OCI) with one image per platform, plus an attestation. */
  | { readonly platforms: readonly StandInPlatform[]; readonly oci?: boolean };

export interface StandInRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

export interface RegistryStandIn {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  /** Tag an image in a repository (again: the tag moves to a new digest); returns the tag's manifest digest. */
  add(name: string, tag: string, image: StandInImage): string;
  /** Serve a local image (read with `docker save`, layers gzipped) so the Engine can pull it; returns the manifest digest. */
  addLocal(name: string, tag: string, localImage: string): Promise<string>;
  readonly requests: StandInRequest[];
  /** Tokens handed out. */
  readonly tokens: string[];
  close(): Promise<void>;
}

const TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
};

function sha256(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

export async function startRegistryStandIn(options: RegistryStandInOptions = {}): Promise<RegistryStandIn> {
  const auth = options.auth ?? 'anonymous';
  const pageLimit = options.pageLimit ?? 1000;
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, { body: Buffer; mediaType: string }>();
  const repositories = new Map<string, Map<string, string>>();
  const grants = new Map<string, string>();
  const requests: StandInRequest[] = [];
  const tokens: string[] = [];
  let host = '';

  const putBlob = (body: Buffer): string => {
    const digest = sha256(body);
    blobs.set(digest, body);
    return digest;
  };
  const putManifest = (value: unknown, mediaType: string): { digest: string; size: number } => {
    const body = Buffer.from(JSON.stringify(value, null, 3));
    const digest = sha256(body);
    manifests.set(digest, { body, mediaType });
    return { digest, size: body.length };
  };
  const putImage = (platform: { os: string; architecture: string; variant?: string }, created: string, oci: boolean) => {
    const config = Buffer.from(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        created,
        config: { Env: ['PATH=/usr/bin'] },
        rootfs: { type: 'layers', diff_ids: [] },
        history: [{ created, created_by: 'stand-in' }],
      }),
    );
    const mediaType = oci ? TYPES.ociManifest : TYPES.dockerManifest;
    return putManifest(
      {
        schemaVersion: 2,
        mediaType,
        config: { mediaType: oci ? TYPES.ociConfig : TYPES.dockerConfig, size: config.length, digest: putBlob(config) },
        layers: [],
      },
      mediaType,
    );
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    requests.push({ method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, authorization: request.headers.authorization });
    if (options.hang?.test(url.pathname)) return;
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}): void => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      response.writeHead(status, { 'Docker-Distribution-API-Version': 'registry/2.0', 'Content-Length': String(bytes.length), ...headers });
      response.end(request.method === 'HEAD' ? undefined : bytes);
    };
    const error = (status: number, code: string, message: string, detail: unknown, headers: Record<string, string> = {}): void =>
      send(status, JSON.stringify({ errors: [{ code, message, detail }] }), { 'Content-Type': 'application/json', ...headers });
    const basicUser = (): string | undefined => {
      const header = request.headers.authorization ?? '';
      if (!header.startsWith('Basic ')) return undefined;
      const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      return user !== undefined && options.users?.[user] === rest.join(':') ? user : undefined;
    };

    if (url.pathname === '/token') {
      if (options.users && basicUser() === undefined) {
        error(401, 'UNAUTHORIZED', 'authentication required', null, { 'WWW-Authenticate': 'Basic realm="stand-in token server"' });
        return;
      }
      const token = randomBytes(16).toString('hex');
      tokens.push(token);
      grants.set(token, url.searchParams.get('scope') ?? '');
      const issued = new Date().toISOString();
      send(
        200,
        JSON.stringify(
          options.accessTokenOnly
            ? { access_token: token, expires_in: 300, issued_at: issued }
            : { token, access_token: token, expires_in: 300, issued_at: issued },
        ),
        {
          'Content-Type': 'application/json',
        },
      );
      return;
    }
    const storage = /^\/storage\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
    if (storage) {
      const blob = blobs.get(storage[1]!);
      if (blob) send(200, blob, { 'Content-Type': 'application/octet-stream' });
      else send(404, 'not found');
      return;
    }
    if (!url.pathname.startsWith('/v2')) {
      send(404, '404 page not found\n', { 'Content-Type': 'text/plain' });
      return;
    }
    const route = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/.exec(url.pathname);
    const name = route?.[1];
    // Authorization, as the registry checks it: a token granting pull on this repository.
    if (auth === 'bearer') {
      const header = request.headers.authorization ?? '';
      const scope = name === undefined ? '' : `repository:${name}:pull`;
      const granted = header.startsWith('Bearer ') ? grants.get(header.slice(7)) : undefined;
      if (granted === undefined || (scope !== '' && granted !== scope)) {
        const challenge = `Bearer realm="http://${host}/token",service="stand-in"${scope ? `,scope="${scope}"` : ''}`;
        error(401, 'UNAUTHORIZED', 'authentication required', null, { 'WWW-Authenticate': challenge });
        return;
      }
    } else if (auth === 'basic' && basicUser() === undefined) {
      error(401, 'UNAUTHORIZED', 'authentication required', null, { 'WWW-Authenticate': 'Basic realm="stand-in"' });
      return;
    }
    if (url.pathname === '/v2/' || url.pathname === '/v2') {
      send(200, '{}', { 'Content-Type': 'application/json' });
      return;
    }
    const repository = name === undefined ? undefined : repositories.get(name);
    if (!route || !repository) {
      error(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
      return;
    }
    const [, , kind, rest] = route as unknown as [string, string, string, string];
    if (kind === 'tags' && rest === 'list') {
      const all = [...repository.keys()].sort();
      const last = url.searchParams.get('last');
      const asked = url.searchParams.get('n');
      const limit = Math.min(asked === null ? pageLimit : Number(asked), pageLimit);
      const after = last === null ? all : all.filter((tag) => tag > last);
      const page = after.slice(0, limit);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (after.length > page.length && page.length > 0) {
        headers.Link = `</v2/${name}/tags/list?n=${limit}&last=${encodeURIComponent(page[page.length - 1]!)}>; rel="next"`;
      }
      send(200, JSON.stringify({ name, tags: page }), headers);
      return;
    }
    if (kind === 'manifests') {
      const reference = decodeURIComponent(rest);
      const digest = reference.startsWith('sha256:') ? reference : repository.get(reference);
      const manifest = digest === undefined ? undefined : manifests.get(digest);
      const accepted = (request.headers.accept ?? '').split(',').map((type) => type.split(';')[0]!.trim());
      if (!manifest || !accepted.includes(manifest.mediaType)) {
        error(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { Tag: reference });
        return;
      }
      send(200, manifest.body, { 'Content-Type': manifest.mediaType, 'Docker-Content-Digest': digest! });
      return;
    }
    if (kind === 'blobs' && blobs.has(rest)) {
      send(307, '', { Location: `http://${host}/storage/${rest}` });
      return;
    }
    error(404, 'BLOB_UNKNOWN', 'blob unknown to registry', { digest: rest });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    host,
    requests,
    tokens,
    add: (name, tag, image) => {
      const oci = image.oci === true;
      let digest: string;
      if ('platforms' in image) {
        const entries = image.platforms.map((platform) => {
          const { digest: entryDigest, size } = putImage(platform, platform.created, oci);
          return {
            mediaType: oci ? TYPES.ociManifest : TYPES.dockerManifest,
            digest: entryDigest,
            size,
            platform: { architecture: platform.architecture, os: platform.os, ...(platform.variant ? { variant: platform.variant } : {}) },
          };
        });
        // BuildKit adds an attestation manifest per image, listed as unknown/unknown.
        const attestation = putImage({ os: 'unknown', architecture: 'unknown' }, '1970-01-01T00:00:00Z', true);
        entries.push({
          mediaType: TYPES.ociManifest,
          digest: attestation.digest,
          size: attestation.size,
          platform: { architecture: 'unknown', os: 'unknown' },
        });
        const mediaType = oci ? TYPES.ociIndex : TYPES.dockerList;
        digest = putManifest({ schemaVersion: 2, mediaType, manifests: entries }, mediaType).digest;
      } else {
        digest = putImage({ os: 'linux', architecture: 'amd64' }, image.created, oci).digest;
      }
      const tags = repositories.get(name) ?? new Map<string, string>();
      tags.set(tag, digest);
      repositories.set(name, tags);
      return digest;
    },
    addLocal: async (name, tag, localImage) => {
      const directory = await mkdtemp(path.join(os.tmpdir(), 'ais-reg2-standin-'));
      try {
        const tar = path.join(directory, 'image.tar');
        await run('docker', ['save', '--output', tar, localImage]);
        await run('tar', ['-xf', tar, '-C', directory]);
        const [entry] = JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8')) as { Config: string; Layers: string[] }[];
        const config = await readFile(path.join(directory, entry!.Config));
        const layers = [];
        for (const layer of entry!.Layers) {
          // Level 1: an image of several hundred MB is served in seconds; the Engine checks only the digests.
          const compressed = gzipSync(await readFile(path.join(directory, layer)), { level: 1 });
          layers.push({
            mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
            size: compressed.length,
            digest: putBlob(compressed),
          });
        }
        const { digest } = putManifest(
          {
            schemaVersion: 2,
            mediaType: TYPES.dockerManifest,
            config: { mediaType: TYPES.dockerConfig, size: config.length, digest: putBlob(config) },
            layers,
          },
          TYPES.dockerManifest,
        );
        const tags = repositories.get(name) ?? new Map<string, string>();
        tags.set(tag, digest);
        repositories.set(name, tags);
        return digest;
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
