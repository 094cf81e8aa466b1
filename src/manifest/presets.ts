export type PresetName = 'starter' | 'full';

export interface PresetOptions {
  /** Compose project name. */
  readonly name: string;
  /** Domain the proxy serves. */
  readonly domain: string;
  /** For `full`: every user-facing catalog id (the caller reads the catalog). Ignored by `starter`. */
  readonly serviceIds: readonly string[];
}

/** The starter stack: chat with local models, a gateway, workflows and a vector store. PostgreSQL and Redis come in as dependencies. */
export const STARTER_SERVICE_IDS: readonly string[] = ['ollama', 'open-webui', 'litellm', 'n8n', 'qdrant'];

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ollama: 'runs open models (Llama, Mistral, Qwen …) on this host',
  'open-webui': 'chat in the browser with the models in Ollama',
  litellm: 'one OpenAI-compatible API in front of local and hosted models',
  n8n: 'workflow automation; brings PostgreSQL',
  qdrant: 'vector database for retrieval (RAG)',
  flowise: 'build LLM flows visually',
  dify: 'LLM app platform (API, worker, web, sandbox); brings PostgreSQL and Redis',
  mem0: 'long-term memory for agents and apps (Mem0 server); brings PostgreSQL with pgvector',
  postgres: 'PostgreSQL: each app gets its own database, role and password',
  redis: 'Redis for queues and caches',
  supabase: 'Postgres with auth, REST and Studio',
  adminer: 'database admin UI',
};

function scalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) ? value : JSON.stringify(value);
}

function serviceLines(ids: readonly string[]): string[] {
  const width = Math.max(...ids.map((id) => id.length)) + 1;
  const lines: string[] = [];
  for (const id of ids) {
    const description = DESCRIPTIONS[id];
    lines.push(description ? `  ${`${id}:`.padEnd(width + 1)} # ${description}` : `  ${id}:`);
    if (id === 'ollama') {
      lines.push('    # gpu: true              # uncomment on a host with an NVIDIA GPU and the container toolkit');
    }
    if (id === 'n8n') {
      lines.push('    # resources:             # overrides replace the catalog defaults, e.g.');
      lines.push('    #   memory: 2g');
    }
  }
  return lines;
}

/**
 * A commented aistack.yaml for `aistack init`. The comments explain each section to
 * someone writing their first manifest; every key shown commented out is valid as is.
 */
export function renderPreset(name: PresetName, options: PresetOptions): string {
  const ids = name === 'starter' ? STARTER_SERVICE_IDS : [...new Set(options.serviceIds)];
  const title = name === 'starter' ? 'the starter preset' : 'the full preset (every catalog service)';
  const lines = [
    `# aistack.yaml — the one file that describes your AI stack (${title}).`,
    '# After editing it, run `aistack check`, then `aistack up`.',
    '# Every key is documented in docs/manifest.md; `aistack services` lists the catalog.',
    '',
    '# The Compose project name: containers, networks and volumes are named after it.',
    `name: ${scalar(options.name)}`,
    '',
    '# The domain the reverse proxy serves. Each service gets a subdomain of it',
    '# (chat.<domain>, n8n.<domain> …); point a wildcard DNS record at this host.',
    `domain: ${scalar(options.domain)}`,
    '',
    '# Catalog services to run. An id on its own runs it with the catalog defaults;',
    '# what a service needs (PostgreSQL, Redis …) is added for you.',
    '# Per service you can override: image, env, resources, route, replicas, gpu, directPort.',
    '# `aistack add <id>` and `aistack remove <id>` edit this list and keep your comments.',
    'services:',
    ...serviceLines(ids),
    '',
    '# Your own containers, next to the catalog ones. For example:',
    '# custom:',
    '#   api:',
    '#     image: example/api:1.0.0',
    '#     port: 8000',
    '#     health:',
    '#       http: /healthz',
    '#     route:',
    '#       subdomain: api',
    '',
    '# HTTPS certificates: self-signed (a local CA aistack creates), files (your own',
    "# certificate and key) or acme (Let's Encrypt; needs public DNS and port 80):",
    '#   tls:',
    '#     mode: acme',
    '#     email: you@example.com',
    'tls:',
    '  mode: self-signed',
    '',
    '# Air-gapped host or private registry: pull every catalog image through a prefix.',
    '# images:',
    '#   registry: registry.internal:5000/mirror',
    '',
    '# Backups (`aistack backup`); `aistack serve` runs them on this schedule.',
    '# backup:',
    '#   schedule: "0 3 * * *"',
    '#   keep:',
    '#     daily: 7',
    '#     weekly: 4',
  ];
  return `${lines.join('\n')}\n`;
}
