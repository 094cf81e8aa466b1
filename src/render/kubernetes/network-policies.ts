import type { Stack } from '../../stack/types.js';
import { findConnections } from './connections.js';
import type { KubernetesObject, ObjectMetadata } from './labels.js';
import { objectLabels, selectorLabels } from './labels.js';
import type { KubernetesTarget } from './resolve-target.js';
import type { ValueHoles } from './value-holes.js';

/**
 * NetworkPolicies that mirror compose's networks: nothing may talk to anything (default deny,
 * both ways) except a service's dependents to it on its port, the ingress controller to routed
 * services, and DNS. Services on `edge` may also go out (compose's non-internal network);
 * internal-only ones (data stores) cannot.
 */
export function renderNetworkPolicies(stack: Stack, target: KubernetesTarget, holes: ValueHoles): KubernetesObject[] {
  const namespace = holes.take(['namespace'], target.namespace);
  const metadata = (name: string, service: string | undefined): ObjectMetadata => ({
    name,
    namespace,
    labels: objectLabels(stack, service),
  });
  const connections = findConnections(target.services);
  const routedHere = (id: string): boolean =>
    target.services.some(
      (service) =>
        service.route !== undefined && (service.id === id || (service.route.locations ?? []).some((location) => location.service === id)),
    );

  const policies: KubernetesObject[] = [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('default-deny', undefined),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('allow-dns', undefined),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ];

  for (const service of target.services) {
    const ingress: Record<string, unknown>[] = [];
    const incoming = connections.filter((connection) => connection.to === service.id);
    for (const port of [...new Set(incoming.map((connection) => connection.port))]) {
      const callers = [...new Set(incoming.filter((connection) => connection.port === port).map((connection) => connection.from))].sort();
      ingress.push({
        from: callers.map((caller) => ({ podSelector: { matchLabels: selectorLabels(stack, caller) } })),
        ports: [{ protocol: 'TCP', port }],
      });
    }
    if (service.port !== undefined && routedHere(service.id)) {
      ingress.push({
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': target.controllerNamespace } } }],
        ports: [{ protocol: 'TCP', port: service.port }],
      });
    }
    const egress: Record<string, unknown>[] = connections
      .filter((connection) => connection.from === service.id)
      .map((connection) => ({
        to: [{ podSelector: { matchLabels: selectorLabels(stack, connection.to) } }],
        ports: [{ protocol: 'TCP', port: connection.port }],
      }));
    if (service.networks.includes('edge')) {
      egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }] });
    }
    if (ingress.length === 0 && egress.length === 0) continue;
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(service.id, service.id),
      spec: {
        podSelector: { matchLabels: selectorLabels(stack, service.id) },
        policyTypes: [...(ingress.length > 0 ? ['Ingress'] : []), ...(egress.length > 0 ? ['Egress'] : [])],
        ...(ingress.length > 0 ? { ingress } : {}),
        ...(egress.length > 0 ? { egress } : {}),
      },
    });
  }
  return policies;
}
