import Docker from 'dockerode';

/**
 * Host ports the compose project's own running containers publish: those are not conflicts
 * (re-checking a running stack). Without Docker, or when it does not answer within a second, none.
 */
export async function gatherOwnPorts(projectName: string, docker: Docker = new Docker()): Promise<Set<number>> {
  const ports = new Set<number>();
  try {
    const containers = await Promise.race([
      docker.listContainers({ filters: { label: [`com.docker.compose.project=${projectName}`] } }),
      new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('docker did not answer')), 1000).unref()),
    ]);
    for (const container of containers) for (const port of container.Ports) if (port.PublicPort) ports.add(port.PublicPort);
  } catch {
    // No Docker here: nothing of ours can hold a port.
  }
  return ports;
}
