import type Docker from 'dockerode';
import { PROJECT_LABEL, SERVICE_LABEL } from './engine.js';

/**
 * The IP address of a service's running container on one of its compose networks, which a Linux
 * Docker host can reach directly; undefined when no container of the service runs.
 */
export async function findContainerAddress(docker: Docker, project: string, service: string): Promise<string | undefined> {
  const containers = await docker.listContainers({
    filters: { label: [`${PROJECT_LABEL}=${project}`, `${SERVICE_LABEL}=${service}`], status: ['running'] },
  });
  for (const container of containers) {
    for (const network of Object.values(container.NetworkSettings?.Networks ?? {})) {
      if (network.IPAddress) return network.IPAddress;
    }
  }
  return undefined;
}
