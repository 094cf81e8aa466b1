import type { Stack, StackService, StackVolume } from '../../../src/stack/types.js';

function service(id: string, volumes: readonly StackVolume[], extra: Partial<StackService> = {}): StackService {
  return {
    id,
    catalogId: id,
    title: id,
    category: 'custom',
    description: '',
    image: `${id}:1`,
    upstreamImage: `${id}:1`,
    job: false,
    command: undefined,
    entrypoint: undefined,
    user: undefined,
    shell: undefined,
    environment: {},
    secretEnvironment: [],
    secrets: [],
    volumes,
    sharedVolumes: [],
    files: [],
    networks: ['internal'],
    dependsOn: [],
    health: undefined,
    port: undefined,
    protocol: 'tcp',
    hostPorts: [],
    route: undefined,
    resources: { memoryMb: 256, cpus: 1, pids: 128 },
    gpu: false,
    replicas: 1,
    restart: 'unless-stopped',
    startTimeout: 30,
    database: undefined,
    infrastructure: false,
    notes: [],
    ignoredFileVariables: [],
    ...extra,
  };
}

/** A small Stack like resolveStack makes for postgres + n8n + redis + ollama + a custom service with a volume. */
export function makeTestStack(name = 'bk'): Stack {
  const volumes: StackVolume[] = [
    {
      name: 'files-data',
      service: 'files',
      target: '/data',
      backup: { kind: 'volume-tar', live: false },
      description: 'custom volume data',
    },
    { name: 'n8n-data', service: 'n8n', target: '/home/node/.n8n', backup: { kind: 'volume-tar', live: true }, description: 'n8n data' },
    {
      name: 'ollama-models',
      service: 'ollama',
      target: '/root/.ollama',
      backup: { kind: 'skip', reason: 'models can be pulled again; set backup.includeModels to archive them' },
      description: 'models',
    },
    {
      name: 'postgres-data',
      service: 'postgres',
      target: '/var/lib/postgresql',
      backup: { kind: 'pg-dump' },
      description: 'all databases',
    },
    { name: 'redis-data', service: 'redis', target: '/data', backup: { kind: 'redis-rdb' }, description: 'RDB' },
  ];
  const database = { database: 'n8n', role: 'n8n', passwordSecret: 'postgres-n8n-password', service: 'n8n' };
  const services = [
    service(
      'files',
      volumes.filter((volume) => volume.service === 'files'),
    ),
    service(
      'n8n',
      volumes.filter((volume) => volume.service === 'n8n'),
      { database },
    ),
    service(
      'ollama',
      volumes.filter((volume) => volume.service === 'ollama'),
    ),
    service(
      'postgres',
      volumes.filter((volume) => volume.service === 'postgres'),
      { environment: { POSTGRES_USER: 'postgres' } },
    ),
    service(
      'redis',
      volumes.filter((volume) => volume.service === 'redis'),
      { secrets: ['redis-password'] },
    ),
  ];
  return {
    name,
    domain: 'bk.example.org',
    services,
    secrets: [],
    volumes,
    databases: [database],
    tls: { mode: 'self-signed' },
    proxy: { httpPort: 80, httpsPort: 443, bind: '0.0.0.0' },
    portPlan: [],
    monitor: { enabled: true, intervalSeconds: 30, retentionDays: 7, monitors: [], rules: [], notifiers: [] },
    backup: { directory: undefined, schedule: undefined, keep: {}, s3: undefined, includeModels: false },
    upgrade: { quarantineDays: undefined, quarantineByService: {}, registry: undefined },
    manifest: { name, domain: 'bk.example.org', services: {} } as unknown as Stack['manifest'],
  };
}
