import type { GpuSample } from './parse-nvidia-smi.js';
import { scalarText } from '../util/scalar-text.js';

/** The query aistack runs: `rocm-smi --showuse --showmeminfo vram --showproductname --json`. */
export const ROCM_SMI_ARGS = ['--showuse', '--showmeminfo', 'vram', '--showproductname', '--json'] as const;

function numberOf(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : Number(scalarText(value).replace(/[^0-9.]/g, ''));
  return value === undefined || value === '' || !Number.isFinite(parsed) ? undefined : parsed;
}

/**
 * Parse `rocm-smi --showuse --showmeminfo vram --showproductname --json`: an object keyed `card0`,
 * `card1` … with `GPU use (%)`, `VRAM Total Memory (B)`, `VRAM Total Used Memory (B)` and
 * `Card series`/`Card model` (key spellings vary between ROCm releases, so they are matched loosely). Pure.
 */
export function parseRocmSmi(text: string): GpuSample[] {
  let document: Record<string, Record<string, unknown>>;
  try {
    document = JSON.parse(text) as Record<string, Record<string, unknown>>;
  } catch {
    return [];
  }
  const gpus: GpuSample[] = [];
  for (const [card, fields] of Object.entries(document)) {
    const match = /^card(\d+)$/.exec(card);
    if (!match || typeof fields !== 'object' || fields === null) continue;
    const find = (pattern: RegExp): unknown => Object.entries(fields).find(([key]) => pattern.test(key))?.[1];
    const total = numberOf(find(/^VRAM Total Memory \(B\)$/i));
    if (total === undefined) continue;
    gpus.push({
      index: Number(match[1]),
      name: scalarText(find(/^Card (series|SKU)$/i) ?? find(/^Card model$/i), 'AMD GPU'),
      vendor: 'amd',
      memoryTotalBytes: total,
      memoryUsedBytes: numberOf(find(/^VRAM Total Used Memory \(B\)$/i)),
      utilizationPercent: numberOf(find(/^GPU use \(%\)$/i)),
    });
  }
  return gpus.sort((a, b) => a.index - b.index);
}
