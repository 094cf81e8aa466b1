/** One GPU as nvidia-smi or rocm-smi reports it. Memory in bytes, utilisation in percent. */
export interface GpuSample {
  readonly index: number;
  readonly name: string;
  readonly vendor: 'nvidia' | 'amd';
  readonly memoryTotalBytes: number;
  readonly memoryUsedBytes: number | undefined;
  readonly utilizationPercent: number | undefined;
  readonly temperatureCelsius?: number;
  /** NVIDIA's GPU UUID (`GPU-…`); what `--query-compute-apps` names the GPU by. */
  readonly uuid?: string;
}

/** Per-process GPU memory (`nvidia-smi --query-compute-apps`), matched to containers by PID. */
export interface GpuProcessSample {
  readonly pid: number;
  readonly gpuUuid: string;
  readonly usedMemoryBytes: number;
}

/** The query aistack runs: `nvidia-smi --query-gpu=<these> --format=csv,noheader,nounits`. */
export const NVIDIA_GPU_QUERY = ['index', 'name', 'memory.total', 'memory.used', 'utilization.gpu', 'temperature.gpu', 'uuid'] as const;
export const NVIDIA_APPS_QUERY = ['pid', 'gpu_uuid', 'used_memory'] as const;

const MiB = 1024 * 1024;

/** `[N/A]`, `[Not Supported]` and empty cells are unknown, not zero. */
function numberCell(cell: string | undefined): number | undefined {
  const value = Number((cell ?? '').trim());
  return (cell ?? '').trim() === '' || !Number.isFinite(value) ? undefined : value;
}

/**
 * Parse `nvidia-smi --query-gpu=index,name,memory.total,memory.used,utilization.gpu,temperature.gpu,uuid
 * --format=csv,noheader,nounits` (the uuid column may be absent): one line per GPU, comma+space separated, memory in MiB. Pure.
 */
export function parseNvidiaSmiGpus(text: string): GpuSample[] {
  const gpus: GpuSample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const cells = line.split(',').map((cell) => cell.trim());
    const index = numberCell(cells[0]);
    const total = numberCell(cells[2]);
    if (index === undefined || total === undefined) continue;
    const used = numberCell(cells[3]);
    const temperature = numberCell(cells[5]);
    const uuid = cells[6];
    gpus.push({
      index,
      name: cells[1] ?? '',
      vendor: 'nvidia',
      memoryTotalBytes: total * MiB,
      memoryUsedBytes: used === undefined ? undefined : used * MiB,
      utilizationPercent: numberCell(cells[4]),
      ...(temperature === undefined ? {} : { temperatureCelsius: temperature }),
      ...(uuid ? { uuid } : {}),
    });
  }
  return gpus;
}

/** Parse `nvidia-smi --query-compute-apps=pid,gpu_uuid,used_memory --format=csv,noheader,nounits`. Pure. */
export function parseNvidiaSmiApps(text: string): GpuProcessSample[] {
  return text
    .split('\n')
    .map((line) => line.split(',').map((cell) => cell.trim()))
    .flatMap((cells) => {
      const pid = numberCell(cells[0]);
      const used = numberCell(cells[2]);
      return pid === undefined || used === undefined ? [] : [{ pid, gpuUuid: cells[1] ?? '', usedMemoryBytes: used * MiB }];
    });
}
