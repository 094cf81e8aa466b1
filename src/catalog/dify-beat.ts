import { DIFY_SHARED_NOTE, difyAppSecrets, wireDifyApp } from './dify-shared.js';
import { ownerPublicUrl } from './public-url.js';
import type { CatalogEntry } from './types.js';

/** Dify's Celery beat (upstream service `worker_beat`): schedules periodic tasks. */
export const difyBeatEntry: CatalogEntry = {
  id: 'dify-beat',
  title: 'Dify beat',
  category: 'platform',
  description: "Dify's Celery beat: the scheduler for periodic tasks",
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
  volumes: [],
  secrets: difyAppSecrets(false),
  environment: {},
  entrypoint: ['/bin/bash', '/entrypoint.sh'],
  shell: '/bin/bash',
  requires: ['postgres', 'redis'],
  partOf: 'dify',
  resources: { memoryMb: 512, cpus: 0.5, pids: 256 },
  networks: ['internal'],
  wire: (context) => wireDifyApp(context, 'beat', ownerPublicUrl(context, 'dify', 'dify')),
  notes: [DIFY_SHARED_NOTE, 'Its port (5001) is unused: beat serves no HTTP.'],
};
