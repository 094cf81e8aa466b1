import type { OllamaModelShape } from './ollama-client.js';

/**
 * How much GPU memory a model needs at a context length, before it is loaded (docs/models.md):
 *
 *   weights  = the model's size on disk (GGUF weights are loaded as stored, quantised)
 *   kvCache  = 2 (K and V) × blocks × context × embedding × (kvHeads / heads) × 2 bytes (f16)
 *   overhead = max(256 MiB, 10 % of weights)   (compute graph and buffers; an estimate)
 *   total    = weights + kvCache + overhead
 *
 * Without the shape (`/api/show` before the pull) the KV cache is taken as 10 % of the weights
 * per 4096 tokens of context. Ollama decides the real split itself; this is for planning.
 */
export interface VramEstimate {
  readonly weightsBytes: number;
  readonly kvCacheBytes: number;
  readonly overheadBytes: number;
  readonly totalBytes: number;
  /** The KV cache came from the model's shape (true) or the fallback rule (false). */
  readonly exact: boolean;
}

const MiB = 1024 * 1024;

export function estimateVram(sizeBytes: number, contextLength: number, shape: OllamaModelShape = {}): VramEstimate {
  const { blockCount, embeddingLength, headCount, headCountKv } = shape;
  const exact = blockCount !== undefined && embeddingLength !== undefined;
  const kvRatio = headCount && headCountKv ? headCountKv / headCount : 1;
  const kvCacheBytes = exact
    ? Math.round(2 * blockCount * contextLength * embeddingLength * kvRatio * 2)
    : Math.round(sizeBytes * 0.1 * (contextLength / 4096));
  const overheadBytes = Math.max(256 * MiB, Math.round(sizeBytes * 0.1));
  return { weightsBytes: sizeBytes, kvCacheBytes, overheadBytes, totalBytes: sizeBytes + kvCacheBytes + overheadBytes, exact };
}

export interface VramFit {
  readonly status: 'fits' | 'spills' | 'cpu-only';
  /** Share of the model that would run on the CPU (0 when it fits). */
  readonly cpuShare: number;
  readonly vramBytes: number;
}

/** A model against the GPUs' memory (Ollama splits a model across GPUs; what does not fit runs on the CPU). */
export function fitVram(estimate: VramEstimate, gpuMemoryBytes: readonly number[]): VramFit {
  const vramBytes = gpuMemoryBytes.reduce((sum, bytes) => sum + bytes, 0);
  if (vramBytes <= 0) return { status: 'cpu-only', cpuShare: 1, vramBytes: 0 };
  if (estimate.totalBytes <= vramBytes) return { status: 'fits', cpuShare: 0, vramBytes };
  return { status: 'spills', cpuShare: (estimate.totalBytes - vramBytes) / estimate.totalBytes, vramBytes };
}
