import type { StackService } from '../types.js';
import type { SecretUse } from './secrets.js';
import { uniqueSorted } from './service-parts.js';

/** What an infrastructure phase adds to its own service (the proxy, PostgreSQL, the monitor...). */
export interface ServiceAddition {
  readonly service: string;
  readonly secrets: readonly string[];
  readonly files: StackService['files'];
  /** Replaces the service's host ports when given. */
  readonly hostPorts?: StackService['hostPorts'];
  readonly secretUses: readonly SecretUse[];
}

/** Each addition merged into the service it names; a service nobody adds to is returned as it is. */
export function attachAdditions(services: readonly StackService[], additions: readonly (ServiceAddition | undefined)[]): StackService[] {
  return services.map((service) =>
    additions.reduce<StackService>(
      (next, addition) =>
        addition?.service !== service.id
          ? next
          : {
              ...next,
              secrets: uniqueSorted([...next.secrets, ...addition.secrets]),
              files: [...next.files, ...addition.files],
              ...(addition.hostPorts ? { hostPorts: addition.hostPorts } : {}),
            },
      service,
    ),
  );
}
