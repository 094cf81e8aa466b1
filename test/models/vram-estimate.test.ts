import { describe, expect, it } from 'vitest';
import { estimateVram, fitVram } from '../../src/models/vram-estimate.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('estimateVram', () => {
  it('counts weights, the KV cache of the context from the shape, and the overhead (llama3.1:8b at 8192 tokens)', () => {
    // llama3.1:8b Q4_K_M: 4.9 GB, 32 blocks, 4096 embedding, 32 heads, 8 KV heads.
    const estimate = estimateVram(4_920_000_000, 8192, { blockCount: 32, embeddingLength: 4096, headCount: 32, headCountKv: 8 });
    expect(estimate.kvCacheBytes).toBe(2 * 32 * 8192 * 4096 * 0.25 * 2); // 1 GiB
    expect(estimate.kvCacheBytes).toBe(GiB);
    expect(estimate.overheadBytes).toBe(492_000_000);
    expect(estimate.totalBytes).toBe(4_920_000_000 + GiB + 492_000_000);
    expect(estimate.exact).toBe(true);
  });

  it('falls back to 10 % of the weights per 4096 tokens without a shape, and a 256 MiB floor for the overhead', () => {
    expect(estimateVram(1000 * MiB, 8192)).toEqual({
      weightsBytes: 1000 * MiB,
      kvCacheBytes: 200 * MiB,
      overheadBytes: 256 * MiB,
      totalBytes: 1456 * MiB,
      exact: false,
    });
  });
});

describe('fitVram', () => {
  const estimate = estimateVram(6 * GiB, 4096);
  it('fits, spills to the CPU by a share, or runs on the CPU only', () => {
    expect(fitVram(estimate, [24 * GiB])).toEqual({ status: 'fits', cpuShare: 0, vramBytes: 24 * GiB });
    const spill = fitVram(estimate, [4 * GiB]);
    expect(spill.status).toBe('spills');
    expect(spill.cpuShare).toBeCloseTo((estimate.totalBytes - 4 * GiB) / estimate.totalBytes, 6);
    expect(fitVram(estimate, [4 * GiB, 4 * GiB]).status).toBe('fits');
    expect(fitVram(estimate, [])).toEqual({ status: 'cpu-only', cpuShare: 1, vramBytes: 0 });
  });
});
