import type { Stack, StackService } from '../../stack/types.js';
import type { KubernetesObject } from './labels.js';
import { objectLabels, secretObjectName } from './labels.js';
import type { KubernetesTarget } from './resolve-target.js';
import type { ValueHoles } from './value-holes.js';

const NGINX = 'nginx.ingress.kubernetes.io';

/** A Prefix path: `/n8n/` → `/n8n` (matches /n8n and below). */
function prefix(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * One Ingress per routed service (the proxy's server block): its host, its paths (Dify's
 * locations too), TLS from a Secret, and — for ingress-nginx — what the proxy did: basic auth,
 * upload size, timeouts, unbuffered streaming. cert-manager issues the certificate when asked.
 */
export function renderIngress(
  stack: Stack,
  target: KubernetesTarget,
  holes: ValueHoles,
  service: StackService,
): KubernetesObject | undefined {
  const route = service.route;
  if (!route) return undefined;
  const annotations: Record<string, string> = {};
  if (target.ingressClass === 'nginx') {
    annotations[`${NGINX}/proxy-body-size`] = `${route.uploadMaxMb}m`;
    annotations[`${NGINX}/proxy-read-timeout`] = String(route.readTimeoutSeconds);
    annotations[`${NGINX}/proxy-send-timeout`] = String(route.readTimeoutSeconds);
    if (route.streaming) annotations[`${NGINX}/proxy-buffering`] = 'off';
    if (route.proxyAuth && route.htpasswdSecret) {
      annotations[`${NGINX}/auth-type`] = 'basic';
      annotations[`${NGINX}/auth-secret`] = secretObjectName(`${route.htpasswdSecret}-htpasswd`);
      annotations[`${NGINX}/auth-secret-type`] = 'auth-file';
      annotations[`${NGINX}/auth-realm`] = service.title;
    }
  }
  if (target.certManager) {
    annotations[target.certManager.kind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer'] = holes.take(
      ['ingress', 'certManager', 'issuer'],
      target.certManager.issuer,
    );
  }
  const locations = route.locations ?? [];
  const backends = [
    ...(locations.some((location) => prefix(location.path) === prefix(route.path))
      ? []
      : [{ path: route.path, service: service.id, port: route.upstreamPort }]),
    ...locations,
  ].sort((a, b) => (prefix(a.path) < prefix(b.path) ? -1 : prefix(a.path) > prefix(b.path) ? 1 : 0));
  const host = holes.take(['services', service.id, 'host'], route.host);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: service.id,
      namespace: holes.take(['namespace'], target.namespace),
      labels: objectLabels(stack, service.id),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ingressClassName: holes.take(['ingress', 'className'], target.ingressClass),
      tls: [
        {
          hosts: [host],
          secretName: target.certManager ? `${service.id}-tls` : holes.take(['ingress', 'tlsSecret'], target.tlsSecret),
        },
      ],
      rules: [
        {
          host,
          http: {
            paths: backends.map((backend) => ({
              path: prefix(backend.path),
              pathType: 'Prefix',
              backend: { service: { name: backend.service, port: { number: backend.port } } },
            })),
          },
        },
      ],
    },
  };
}
