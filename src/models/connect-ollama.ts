import type { Engine } from '../runtime/engine.js';
import { execInContainer } from '../runtime/exec-in-container.js';
import { findServiceAddress, findServiceContainer, isServiceLookupError, SERVICE_LOOKUP_ERRORS } from '../runtime/service-address.js';
import type { Stack } from '../stack/types.js';
import type { OllamaClient } from './ollama-client.js';
import { createOllamaClient, ModelsError } from './ollama-client.js';
import { fetchRegistrySize, OLLAMA_REGISTRY } from './registry-size.js';

const OLLAMA = 'ollama';
const MODELS_DIRECTORY = '/root/.ollama';

/** Everything the model commands need from the host: the client, sizes before a pull, and free space. */
export interface OllamaConnection {
  readonly client: OllamaClient;
  readonly sizeOf: (name: string) => Promise<number | undefined>;
  readonly freeBytes: () => Promise<number | undefined>;
}

export interface ConnectOptions {
  /** Ollama's URL (AISTACK_OLLAMA_URL); without it, the stack's Ollama container on its network. */
  readonly url?: string;
  /** Registry for sizes (AISTACK_OLLAMA_REGISTRY). @default https://registry.ollama.ai */
  readonly registry?: string;
  /** The Docker engine, needed without `url` and for the free space of Ollama's volume. */
  readonly engine?: Engine;
}

/** Reach the stack's Ollama: by `url`, or at its container's address on the stack network (a Linux host reaches it directly). */
export async function connectOllama(stack: Stack, options: ConnectOptions): Promise<OllamaConnection> {
  if (!stack.services.some((service) => service.id === OLLAMA) && options.url === undefined) {
    throw new ModelsError('AIS_MODELS_NO_OLLAMA', {
      hint: 'add it (`aistack add ollama`), then `aistack up`',
    });
  }
  let url = options.url;
  if (url === undefined) {
    const address = options.engine ? await findOllamaAddress(options.engine, stack.name) : undefined;
    if (address === undefined) {
      throw new ModelsError('AIS_MODELS_UNREACHABLE', {
        stack: stack.name,
        hint: 'start the stack (`aistack up`), then run the command again',
      });
    }
    url = `http://${address}:11434`;
  }
  const registry = options.registry ?? OLLAMA_REGISTRY;
  return {
    client: createOllamaClient(url),
    sizeOf: (name) => fetchRegistrySize(name, registry),
    freeBytes: async () => {
      if (!options.engine) return undefined;
      const running = await findServiceContainer(options.engine.docker, { project: stack.name, service: OLLAMA, replicas: 'first' }).catch(
        () => undefined,
      );
      if (!running) return undefined;
      // ubuntu:24.04 has coreutils' df: the free bytes of the filesystem holding the models volume.
      const result = await execInContainer(options.engine, running.id, {
        user: 'root',
        command: ['df', '-B1', '--output=avail', MODELS_DIRECTORY],
        timeoutMs: 5000,
      }).catch(() => undefined);
      const value = Number(result?.lines.at(-1)?.trim());
      return result?.exitCode === 0 && Number.isFinite(value) ? value : undefined;
    },
  };
}

/** Ollama's IP on a bridge network; undefined when it has no container or none runs (none reachable is an error of its own). */
async function findOllamaAddress(engine: Engine, project: string): Promise<string | undefined> {
  try {
    // Replicas of Ollama share its models volume: any of them pulls for all.
    return (await findServiceAddress(engine.docker, { project, service: OLLAMA, replicas: 'first' })).ip;
  } catch (error: unknown) {
    if (isServiceLookupError(error, SERVICE_LOOKUP_ERRORS.noContainer, SERVICE_LOOKUP_ERRORS.notRunning)) return undefined;
    throw error;
  }
}
