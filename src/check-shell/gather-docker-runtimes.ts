import Docker from 'dockerode';

/**
 * The Engine's runtimes (`docker info`: `nvidia` when the container toolkit is configured); undefined without Docker or when it
 * does not answer within a second.
 */
export async function gatherDockerRuntimes(docker: Docker = new Docker()): Promise<string[] | undefined> {
  try {
    const info = await Promise.race<Record<string, unknown>>([
      docker.info() as Promise<Record<string, unknown>>,
      new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('docker did not answer')), 1000).unref()),
    ]);
    return Object.keys((info.Runtimes as Record<string, unknown> | undefined) ?? {});
  } catch {
    // No Docker here: the GPU check then counts an NVIDIA driver as usable.
    return undefined;
  }
}
