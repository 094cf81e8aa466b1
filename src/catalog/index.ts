import { adminerEntry } from './adminer.js';
import { difyEntry } from './dify.js';
import { difyBeatEntry } from './dify-beat.js';
import { difyPluginDaemonEntry } from './dify-plugin-daemon.js';
import { difySandboxEntry } from './dify-sandbox.js';
import { difySsrfProxyEntry } from './dify-ssrf-proxy.js';
import { difyWebEntry } from './dify-web.js';
import { difyWorkerEntry } from './dify-worker.js';
import { dockerSocketProxyEntry } from './docker-socket-proxy.js';
import { flowiseEntry } from './flowise.js';
import { litellmEntry } from './litellm.js';
import { monitorEntry } from './monitor.js';
import { n8nEntry } from './n8n.js';
import { n8nRunnersEntry } from './n8n-runners.js';
import { ollamaEntry } from './ollama.js';
import { openWebuiEntry } from './open-webui.js';
import { openmemoryEntry } from './openmemory.js';
import { openmemoryUiEntry } from './openmemory-ui.js';
import { postgresEntry } from './postgres.js';
import { proxyEntry } from './proxy.js';
import { qdrantEntry } from './qdrant.js';
import { redisEntry } from './redis.js';
import { supabaseEntry } from './supabase.js';
import { supabaseAuthEntry } from './supabase-auth.js';
import { supabaseDbEntry } from './supabase-db.js';
import { supabaseMetaEntry } from './supabase-meta.js';
import { supabaseRestEntry } from './supabase-rest.js';
import { supabaseStudioEntry } from './supabase-studio.js';
import type { CatalogEntry } from './types.js';

export { validateCatalog } from './validate-catalog.js';
export type { CatalogProblem } from './validate-catalog.js';

/** Every upstream service aistack knows, sorted by id. */
export const catalog: readonly CatalogEntry[] = Object.freeze(
  [
    adminerEntry,
    difyEntry,
    difyBeatEntry,
    difyPluginDaemonEntry,
    difySandboxEntry,
    difySsrfProxyEntry,
    difyWebEntry,
    difyWorkerEntry,
    dockerSocketProxyEntry,
    flowiseEntry,
    litellmEntry,
    monitorEntry,
    n8nEntry,
    n8nRunnersEntry,
    ollamaEntry,
    openWebuiEntry,
    openmemoryEntry,
    openmemoryUiEntry,
    postgresEntry,
    proxyEntry,
    qdrantEntry,
    redisEntry,
    supabaseEntry,
    supabaseAuthEntry,
    supabaseDbEntry,
    supabaseMetaEntry,
    supabaseRestEntry,
    supabaseStudioEntry,
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);

const byId = new Map(catalog.map((entry) => [entry.id, entry]));

export function findCatalogEntry(id: string): CatalogEntry | undefined {
  return byId.get(id);
}

/** All catalog ids, sorted. */
export function catalogIds(): readonly string[] {
  return catalog.map((entry) => entry.id);
}
