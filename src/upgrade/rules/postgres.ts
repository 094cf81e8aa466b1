import { changesMajor, crosses } from './crosses.js';
import type { UpgradeRule } from './types.js';

/** PostgreSQL (the shared server, `postgres`). */
export const postgresRules: readonly UpgradeRule[] = [
  {
    id: 'postgres/major-version',
    services: ['postgres'],
    verdict: 'blocked',
    title: 'PostgreSQL major version change',
    checks: 'the step changes the major version of the postgres image (17 → 18)',
    why:
      'a PostgreSQL server cannot open the data directory of another major version; the new image refuses to start (or starts ' +
      'on an empty directory) and the old one cannot read what the new one wrote',
    migration:
      'dump every database with the old version (`aistack backup postgres`), move the data volume aside, start the new ' +
      'version on an empty volume and restore the dump (`aistack restore <id> postgres`), or run pg_upgrade between the two ' +
      'data directories; then `aistack upgrade apply postgres --accept postgres/major-version`',
    steps: [],
    source: 'catalog-facts.md PostgreSQL (docker-library/docs postgres/content.md), read 2026-12-02',
    applies: (context) => changesMajor(context.fromTag, context.toTag),
  },
  {
    id: 'postgres/data-path-18',
    services: ['postgres'],
    verdict: 'blocked',
    title: 'PostgreSQL 18 image moved its data directory',
    checks: 'the step goes to 18 or later while a volume is still mounted at /var/lib/postgresql/data',
    why:
      'from 18 the image keeps PGDATA at /var/lib/postgresql/18/docker and expects the volume at /var/lib/postgresql; the old ' +
      'mount is ignored and the server starts on an empty anonymous volume (docker-library/postgres#1370)',
    migration:
      'mount the data volume at /var/lib/postgresql (the catalog does since 18.6) and move the old cluster with ' +
      'dump/restore or pg_upgrade; then `--accept postgres/data-path-18`',
    steps: [],
    source: 'docker-library/postgres#1370 and docker-library/docs postgres/content.md, via field-notes.md 2026-12-01',
    applies: (context) => crosses(context.fromTag, context.toTag, '18') && context.volumeTargets.includes('/var/lib/postgresql/data'),
  },
];
