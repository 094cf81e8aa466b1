import type Docker from 'dockerode';

/**
 * Finding a stack's containers by label, never by name: compose containers carry compose's
 * project and service labels; Swarm tasks carry the stack namespace, and aistack's own
 * `ai.aistack.service` label names the service (swarm.yaml sets it on every container).
 */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
export const SWARM_NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const AISTACK_SERVICE_LABEL = 'ai.aistack.service';

/** The service id of a stack container, from compose's labels or aistack's own (Swarm). */
export function serviceOfLabels(labels: Readonly<Record<string, string>> | undefined): string {
  return labels?.[COMPOSE_SERVICE_LABEL] ?? labels?.[AISTACK_SERVICE_LABEL] ?? '';
}

/** The project (compose) or stack (Swarm) a container belongs to. */
export function projectOfLabels(labels: Readonly<Record<string, string>> | undefined): string {
  return labels?.[COMPOSE_PROJECT_LABEL] ?? labels?.[SWARM_NAMESPACE_LABEL] ?? '';
}

/** The label filters of one stack: compose's, and Swarm's. */
export function stackLabelFilters(project: string, service?: string): string[][] {
  return [
    [`${COMPOSE_PROJECT_LABEL}=${project}`, ...(service ? [`${COMPOSE_SERVICE_LABEL}=${service}`] : [])],
    [`${SWARM_NAMESPACE_LABEL}=${project}`, ...(service ? [`${AISTACK_SERVICE_LABEL}=${service}`] : [])],
  ];
}

/**
 * `docker ps` of a stack's containers (compose project or Swarm stack of that name), optionally one
 * service's; each orchestrator's containers newest first, as Docker lists them.
 */
export async function listStackContainers(
  docker: Docker,
  project: string,
  options: { readonly service?: string; readonly status?: readonly string[] } = {},
): Promise<Docker.ContainerInfo[]> {
  const seen = new Set<string>();
  const found: Docker.ContainerInfo[] = [];
  for (const label of stackLabelFilters(project, options.service)) {
    const infos = await docker.listContainers({
      all: true,
      filters: { label, ...(options.status ? { status: [...options.status] } : {}) },
    });
    for (const info of infos) {
      if (seen.has(info.Id)) continue;
      seen.add(info.Id);
      found.push(info);
    }
  }
  return found;
}
