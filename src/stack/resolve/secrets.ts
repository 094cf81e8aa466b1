import type { StackSecret } from '../types.js';

type SecretDescription = Omit<StackSecret, 'name' | 'consumers'>;

/**
 * That `service` reads secret `name`, and when (`reads`, default at start); `owner` marks the
 * declaring entry (the server that checks it, for database and Redis passwords). Phases return
 * these; resolveSecrets folds them into the stack's secrets.
 */
export interface SecretUse {
  readonly name: string;
  readonly service: string;
  readonly description: SecretDescription;
  readonly owner?: boolean;
  readonly reads?: 'at-start' | 'per-use';
}

interface SecretRecord {
  kind: StackSecret['kind'];
  protects: string;
  critical: boolean;
  derive?: StackSecret['derive'];
  live?: StackSecret['live'];
  bearer?: boolean;
  owned: boolean;
  consumers: Map<string, { owner: boolean; reads: 'at-start' | 'per-use' }>;
}

/** Every secret once, with all its consumers, sorted by name. Order matters only for secrets nobody owns: the first use describes them. */
export function resolveSecrets(uses: readonly SecretUse[]): StackSecret[] {
  const records = new Map<string, SecretRecord>();
  for (const { name, service, description, owner = false, reads = 'at-start' } of uses) {
    const known: SecretRecord = records.get(name) ?? { ...description, owned: false, consumers: new Map() };
    records.set(name, known);
    const consumer = known.consumers.get(service);
    // A service that reads it once at start anywhere must be restarted by a rotation.
    known.consumers.set(service, {
      owner: owner || (consumer?.owner ?? false),
      reads: consumer && (consumer.reads === 'at-start' || reads === 'at-start') ? 'at-start' : reads,
    });
    // The entry that declares a secret decides its kind and description, whoever reads it first.
    if (owner && !known.owned) Object.assign(known, description, { owned: true });
  }
  return [...records.entries()]
    .map(([name, use]) => ({
      name,
      kind: use.kind,
      protects: use.protects,
      critical: use.critical,
      consumers: [...use.consumers.entries()]
        .map(([service, consumer]) => ({
          service,
          owner: consumer.owner,
          // Only the owner holds a credential it can change live; a client reads it like any other file.
          reads: consumer.owner && use.live ? ('live' as const) : consumer.reads,
        }))
        .sort((a, b) => a.service.localeCompare(b.service)),
      ...(use.live ? { live: use.live } : {}),
      ...(use.bearer ? { bearer: true } : {}),
      ...(use.derive ? { derive: use.derive } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What a database role's password protects, in every use of it. */
export function databasePasswordProtects(database: { readonly role: string; readonly database: string; readonly service: string }): string {
  return `the PostgreSQL role "${database.role}" (database "${database.database}") used by ${database.service}`;
}
