import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DockerError } from '../errors.js';
import type { PullEvent } from './pull-progress.js';
import { readRegistryAuth } from './registry-auth.js';

/** Can the Engine pull this reference? `reason` is the Engine's (the registry's) own words when not. */
export type RemoteLookup = { readonly pullable: true } | { readonly pullable: false; readonly reason: string };

/** Registries as the Docker Engine reaches them (its proxy, mirrors and insecure-registry settings apply). */
export interface ImageRegistry {
  /** Ask the registry for the image's manifest without pulling it (`GET /distribution/{name}/json`). */
  lookup(reference: string): Promise<RemoteLookup>;
  /** Pull through the Engine (`POST /images/create`), one event per progress line. */
  pull(reference: string, onEvent: (event: PullEvent) => void): Promise<void>;
}

export interface ImageRegistryOptions {
  /** A lookup that takes longer is answered "cannot be pulled". @default 15000 */
  readonly lookupTimeoutMs?: number;
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

export function createImageRegistry(docker: Docker, options: ImageRegistryOptions = {}): ImageRegistry {
  const timeoutMs = options.lookupTimeoutMs ?? 15_000;
  return {
    lookup: async (reference) => {
      const authconfig = await readRegistryAuth(reference, options.environment);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<RemoteLookup>((resolve) => {
        timer = setTimeout(
          () => resolve({ pullable: false, reason: `no answer from the registry within ${timeoutMs / 1000}s` }),
          timeoutMs,
        );
      });
      const ask = docker
        .getImage(reference)
        .distribution(authconfig ? { authconfig } : {})
        .then(
          (): RemoteLookup => ({ pullable: true }),
          (error: unknown): RemoteLookup => ({ pullable: false, reason: engineReason(error) }),
        );
      try {
        return await Promise.race([ask, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    pull: async (reference, onEvent) => {
      const authconfig = await readRegistryAuth(reference, options.environment);
      let stream: Readable;
      try {
        // dockerode types the pull stream as a plain NodeJS.ReadableStream; it is a Readable.
        stream = (await docker.pull(reference, authconfig ? { authconfig } : {})) as unknown as Readable;
      } catch (error: unknown) {
        throw pullError(reference, engineReason(error), error);
      }
      let failure: string | undefined;
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() === '') continue;
        let event: PullEvent;
        try {
          event = JSON.parse(line) as PullEvent;
        } catch {
          continue;
        }
        if (event.error !== undefined) failure = event.errorDetail?.message ?? event.error;
        else onEvent(event);
      }
      if (failure !== undefined) throw pullError(reference, failure, undefined);
    },
  };
}

function pullError(reference: string, reason: string, cause: unknown): DockerError {
  return new DockerError('AIS_RUNTIME_PULL_FAILED', {
    reference,
    reason,
    hint:
      'load it from a tar instead (`aistack images load -i <file>`, written by `aistack images save` on a connected host), or ' +
      'point images.registry at a registry you can reach',
    cause,
  });
}

/** dockerode's "(HTTP code 500) server error - <the Engine's message>" → the Engine's message. */
function engineReason(error: unknown): string {
  const json = (error as { json?: { message?: unknown } }).json;
  if (json && typeof json.message === 'string') return json.message.trim();
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '').trim();
}
