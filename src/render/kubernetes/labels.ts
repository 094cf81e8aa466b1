import type { Stack } from '../../stack/types.js';

/** Kubernetes object metadata and selectors shared by every renderer of this target. */
export type KubernetesObject = Record<string, unknown> & {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMetadata;
};

export interface ObjectMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The labels that select one service's pods (stable: a Deployment's selector cannot change). */
export function selectorLabels(stack: Stack, service: string): Record<string, string> {
  return { 'app.kubernetes.io/name': service, 'app.kubernetes.io/instance': stack.name.replace(/_/g, '-') };
}

/** Selector labels plus the stack's own. */
export function objectLabels(stack: Stack, service: string | undefined): Record<string, string> {
  return {
    ...(service ? selectorLabels(stack, service) : { 'app.kubernetes.io/instance': stack.name.replace(/_/g, '-') }),
    'app.kubernetes.io/managed-by': 'aistack',
    'app.kubernetes.io/part-of': stack.name.replace(/_/g, '-'),
  };
}

/** A Kubernetes object name for a stack secret (DNS subdomain: no `_`). */
export function secretObjectName(secret: string): string {
  return secret.replace(/_/g, '-');
}
