/** Where Ollama pulls `library/…` models from. */
export const OLLAMA_REGISTRY = 'https://registry.ollama.ai';

/** `llama3.2:3b` → `library/llama3.2` + `3b`; `me/model:q4` → `me/model` + `q4`; another host (hf.co/…) → undefined. */
export function registryPath(name: string): { readonly repository: string; readonly tag: string } | undefined {
  const [path = '', tag = 'latest'] = name.split(':');
  const parts = path.split('/');
  if (parts.length > 2 || (parts.length === 2 && parts[0]!.includes('.'))) return undefined;
  return { repository: parts.length === 1 ? `library/${path}` : path, tag };
}

/**
 * A model's download size from its registry manifest (the sum of its layers), before any layer is
 * fetched; undefined when the registry cannot be reached or does not know it.
 */
export async function fetchRegistrySize(name: string, registry = OLLAMA_REGISTRY, timeoutMs = 5000): Promise<number | undefined> {
  const path = registryPath(name);
  if (!path) return undefined;
  try {
    const response = await fetch(`${registry.replace(/\/$/, '')}/v2/${path.repository}/manifests/${path.tag}`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return undefined;
    const manifest = (await response.json()) as { layers?: { size?: number }[]; config?: { size?: number } };
    const layers = manifest.layers ?? [];
    if (layers.length === 0) return undefined;
    return layers.reduce((sum, layer) => sum + (layer.size ?? 0), manifest.config?.size ?? 0);
  } catch {
    return undefined;
  }
}
