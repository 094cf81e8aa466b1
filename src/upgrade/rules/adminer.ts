import { crosses } from './crosses.js';
import type { UpgradeRule } from './types.js';

/** Adminer. */
export const adminerRules: readonly UpgradeRule[] = [
  {
    id: 'adminer/v6-trust-auth',
    services: ['adminer'],
    verdict: 'blocked',
    title: 'Adminer 6 refuses servers that accept any password',
    checks: 'the step goes to 6.0 or later and a PostgreSQL service of the stack sets POSTGRES_HOST_AUTH_METHOD=trust',
    why:
      'Adminer 6.0 will not log in to a server that accepts any password (trust authentication); such a server is reachable ' +
      'from every container on its network without one',
    migration:
      'remove POSTGRES_HOST_AUTH_METHOD=trust (aistack sets scram-sha-256 and a generated password), restart the database, ' +
      'then `--accept adminer/v6-trust-auth`',
    steps: [],
    source: 'field-notes.md (Adminer 6.0 changelog), 2026-12-01; not re-verified upstream',
    applies: (context) =>
      crosses(context.fromTag, context.toTag, '6') &&
      context.stack.some((service) => service.environment.POSTGRES_HOST_AUTH_METHOD === 'trust'),
  },
];
