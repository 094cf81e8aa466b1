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
import { mem0Entry } from './mem0.js';
import { mem0DashboardEntry } from './mem0-dashboard.js';
import { monitorEntry } from './monitor.js';
import { n8nEntry } from './n8n.js';
import { n8nRunnersEntry } from './n8n-runners.js';
import { ollamaEntry } from './ollama.js';
import { openWebuiEntry } from './open-webui.js';
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
    mem0Entry,
    mem0DashboardEntry,
    monitorEntry,
    n8nEntry,
    n8nRunnersEntry,
    ollamaEntry,
    openWebuiEntry,
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

/** A catalog id that was retired for a successor: manifests naming it keep working, with a warning. */
export interface CatalogAlias {
  readonly id: string;
  readonly to: string;
  readonly reason: string;
}

/**
 * Retired ids. OpenMemory was removed from mem0ai/mem0 on 2026-07-29 (PR #6530); its successor is
 * the Mem0 self-hosted server (docs/upgrades.md, "OpenMemory → Mem0 server").
 */
export const CATALOG_ALIASES: readonly CatalogAlias[] = Object.freeze([
  {
    id: 'openmemory',
    to: 'mem0',
    reason: 'OpenMemory was removed upstream (mem0ai/mem0 PR #6530, 2026-07-29); its successor is the Mem0 self-hosted server',
  },
  {
    id: 'openmemory-ui',
    to: 'mem0-dashboard',
    reason: "OpenMemory's UI went with it; the Mem0 server has its own dashboard",
  },
]);

/** The catalog id an alias stands for, or undefined when `id` is not an alias. */
export function resolveCatalogAlias(id: string): CatalogAlias | undefined {
  return CATALOG_ALIASES.find((alias) => alias.id === id);
}

/** All catalog ids, sorted. */
export function catalogIds(): readonly string[] {
  return catalog.map((entry) => entry.id);
}
