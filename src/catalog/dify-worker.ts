import { DIFY_SHARED_NOTE, difyAppSecrets, wireDifyApp } from './dify-shared.js';
import { ownerPublicUrl } from './public-url.js';
import type { CatalogEntry } from './types.js';

/**
 * Dify's Celery worker: the same image and settings as the api with MODE=worker. Upstream
 * disables its health check by default (a broker ping is heavy and needs the Redis password, which
 * a `docker exec` health check cannot see); aistack checks that Celery is the container's main
 * process, which it is once the entrypoint has finished.
 */
export const difyWorkerEntry: CatalogEntry = {
  id: 'dify-worker',
  title: 'Dify worker',
  category: 'platform',
  description: "Dify's Celery worker: indexing, workflows, mail",
  homepage: 'https://dify.ai',
  image: { repository: 'langgenius/dify-api', tag: '1.17.1' },
  port: 5001,
  protocol: 'tcp',
  health: {
    test: ['CMD', 'bash', '-c', 'grep -q celery /proc/1/cmdline'],
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '60s',
    probe: { type: 'container' },
  },
  volumes: [
    {
      name: 'storage',
      target: '/app/api/storage',
      sameAs: 'dify-storage',
      backup: { kind: 'skip', reason: 'the same volume as dify-storage, backed up with dify' },
      description: "the api's storage volume (uploaded files)",
    },
  ],
  secrets: difyAppSecrets(false),
  environment: {},
  entrypoint: ['/bin/bash', '/entrypoint.sh'],
  shell: '/bin/bash',
  requires: ['postgres', 'qdrant', 'redis'],
  partOf: 'dify',
  resources: { memoryMb: 2048, cpus: 1, pids: 1024 },
  networks: ['edge', 'internal'],
  wire: (context) => wireDifyApp(context, 'worker', ownerPublicUrl(context, 'dify', 'dify')),
  notes: [
    DIFY_SHARED_NOTE,
    'Its port (5001) is unused: the worker serves no HTTP; the monitor watches the container state instead.',
    'Public URLs come from WiringContext.publicUrlOf("dify") when resolve provides it, else the default subdomain "dify".',
  ],
};
