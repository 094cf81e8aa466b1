import type { HostAccelerators } from '../stack/check-gpu-host.js';
import type { AcceleratorReport } from './detect-accelerators.js';

/** The detection report as the facts `checkGpuHost` takes: which vendors containers can use, and what was found, in words. */
export function describeHostAccelerators(
  report: AcceleratorReport,
  options: { readonly dockerAnswered: boolean } = { dockerAnswered: true },
): HostAccelerators {
  // Without `docker info` the container toolkit runtime cannot be seen: a driver counts then.
  const nvidiaPresent = report.nvidia.driver || report.nvidia.smi;
  const nvidia = report.vendor === 'nvidia' || (!options.dockerAnswered && nvidiaPresent);
  const amd = report.amd.kfd && report.amd.renderNodes.length > 0 && report.amd.amdgpuModule;
  const found: string[] = [];
  if (report.vendor === 'nvidia')
    found.push(
      `NVIDIA via ${report.nvidia.containerToolkit ? 'the container toolkit runtime' : `CDI (${report.nvidia.cdiSpecs.join(', ')})`}`,
    );
  else if (nvidia) found.push('an NVIDIA driver (Docker did not answer, so its runtimes are unknown)');
  else if (nvidiaPresent) found.push('an NVIDIA driver, but no nvidia runtime in Docker and no CDI spec');
  if (amd) found.push(`AMD ROCm (/dev/kfd, ${report.amd.renderNodes.join(', ')})`);
  else if (report.amd.kfd) {
    const missing = [
      ...(report.amd.amdgpuModule ? [] : ['the amdgpu module']),
      ...(report.amd.renderNodes.length > 0 ? [] : ['a /dev/dri/renderD* node']),
    ];
    found.push(`/dev/kfd, but not ${missing.join(' or ')}`);
  }
  return {
    vendors: [...(nvidia ? (['nvidia'] as const) : []), ...(amd ? (['amd'] as const) : [])],
    detected: found.length > 0 ? found.join('; ') : 'no GPU (no /dev/nvidia*, /proc/driver/nvidia, /dev/kfd or /dev/dri/renderD*)',
  };
}
