import { printLines } from './shell-quote.js';
import { SUPABASE_NOTE } from './supabase-shared.js';
import type { CatalogEntry } from './types.js';

/**
 * Kong's declarative config for Supabase's minimum set (auth, rest, meta, studio), after the
 * upstream docker/volumes/api/kong.yml. `@NAME@` placeholders are filled from the exported
 * secrets at start, so no key is in compose.yaml.
 */
export const KONG_TEMPLATE: readonly string[] = [
  "_format_version: '2.1'",
  '_transform: true',
  'consumers:',
  '  - username: DASHBOARD',
  '  - { username: anon, keyauth_credentials: [{ key: "@ANON_KEY@" }] }',
  '  - { username: service_role, keyauth_credentials: [{ key: "@SERVICE_KEY@" }] }',
  'acls:',
  '  - { consumer: anon, group: anon }',
  '  - { consumer: service_role, group: admin }',
  'basicauth_credentials:',
  '  - { consumer: DASHBOARD, username: "@DASHBOARD_USERNAME@", password: "@DASHBOARD_PASSWORD@" }',
  'services:',
  '  - { name: auth-v1-open, url: "http://supabase-auth:9999/verify", routes: [{ name: auth-v1-open, strip_path: true, ' +
    'paths: [/auth/v1/verify] }], plugins: [{ name: cors }] }',
  '  - { name: auth-v1-open-callback, url: "http://supabase-auth:9999/callback", routes: [{ name: auth-v1-open-callback, ' +
    'strip_path: true, paths: [/auth/v1/callback] }], plugins: [{ name: cors }] }',
  '  - { name: auth-v1-open-authorize, url: "http://supabase-auth:9999/authorize", routes: [{ name: auth-v1-open-authorize, ' +
    'strip_path: true, paths: [/auth/v1/authorize] }], plugins: [{ name: cors }] }',
  '  - name: auth-v1',
  '    url: "http://supabase-auth:9999/"',
  '    routes: [{ name: auth-v1-all, strip_path: true, paths: [/auth/v1/] }]',
  '    plugins: [{ name: cors }, { name: key-auth, config: { hide_credentials: false } }, { name: acl, config: { ' +
    'hide_groups_header: true, allow: [admin, anon] } }]',
  '  - name: rest-v1',
  '    url: "http://supabase-rest:3000/"',
  '    routes: [{ name: rest-v1-all, strip_path: true, paths: [/rest/v1/] }]',
  '    plugins: [{ name: cors }, { name: key-auth, config: { hide_credentials: true } }, { name: acl, config: { ' +
    'hide_groups_header: true, allow: [admin, anon] } }]',
  '  - name: meta',
  '    url: "http://supabase-meta:8080/"',
  '    routes: [{ name: meta-all, strip_path: true, paths: [/pg/] }]',
  '    plugins: [{ name: key-auth, config: { hide_credentials: false } }, { name: acl, config: { hide_groups_header: true, allow: [admin] } }]',
  '  - name: dashboard',
  '    url: "http://supabase-studio:3000/"',
  '    routes: [{ name: dashboard-all, strip_path: true, paths: [/] }]',
  '    plugins: [{ name: cors }, { name: basic-auth, config: { hide_credentials: true } }]',
];

const fill = [
  'ANON_KEY:SUPABASE_ANON_KEY',
  'SERVICE_KEY:SUPABASE_SERVICE_KEY',
  'DASHBOARD_USERNAME:DASHBOARD_USERNAME',
  'DASHBOARD_PASSWORD:DASHBOARD_PASSWORD',
]
  .map((pair) => {
    const [placeholder, variable] = pair.split(':');
    return `-e "s|@${placeholder}@|$${variable}|g"`;
  })
  .join(' ');

const startScript = `set -e; umask 077; ${printLines(KONG_TEMPLATE)} | sed ${fill} > /tmp/kong.yml; exec /docker-entrypoint.sh kong docker-start`;

/**
 * Supabase, as users enable it: the Kong gateway (API and Studio on one host), which requires
 * the minimum self-hosted set: supabase-db, -auth, -rest, -meta and -studio (all `partOf`).
 */
export const supabaseEntry: CatalogEntry = {
  id: 'supabase',
  title: 'Supabase',
  category: 'platform',
  description: 'Postgres development platform: auth, REST API and Studio (minimum self-hosted set behind Kong)',
  homepage: 'https://supabase.com/docs/guides/self-hosting/docker',
  image: { repository: 'kong', tag: '2.8.1' },
  port: 8000,
  protocol: 'http',
  health: {
    test: ['CMD', 'kong', 'health'],
    interval: '15s',
    timeout: '10s',
    retries: 5,
    startPeriod: '30s',
    probe: { type: 'tcp' },
  },
  volumes: [],
  secrets: [
    {
      name: 'jwt-secret',
      kind: 'jwt-secret',
      // Kong does not read it; it is mounted here because the anon and service keys are signed with it.
      delivery: 'mount',
      protects: 'signs every Supabase JWT (auth sessions, anon and service keys); changing it invalidates all of them',
      critical: true,
    },
    {
      name: 'anon-key',
      kind: 'supabase-anon-key',
      variable: 'SUPABASE_ANON_KEY',
      delivery: 'entrypoint',
      protects: 'the public Supabase API key (role anon; safe in browsers only with row-level security)',
    },
    {
      name: 'service-key',
      kind: 'supabase-service-key',
      variable: 'SUPABASE_SERVICE_KEY',
      delivery: 'entrypoint',
      protects: 'the Supabase service_role key: bypasses row-level security; server-side only',
    },
    {
      name: 'dashboard-password',
      kind: 'password',
      variable: 'DASHBOARD_PASSWORD',
      delivery: 'entrypoint',
      protects: 'Supabase Studio behind Kong basic auth (user "supabase")',
    },
  ],
  environment: {
    DASHBOARD_USERNAME: 'supabase',
    KONG_DATABASE: 'off',
    KONG_DECLARATIVE_CONFIG: '/tmp/kong.yml',
    KONG_DNS_ORDER: 'LAST,A,CNAME',
    KONG_PLUGINS: 'request-transformer,cors,key-auth,acl,basic-auth',
    KONG_NGINX_PROXY_PROXY_BUFFER_SIZE: '160k',
    KONG_NGINX_PROXY_PROXY_BUFFERS: '64 160k',
  },
  entrypoint: ['/docker-entrypoint.sh'],
  command: ['/bin/sh', '-c', startScript],
  shell: '/bin/sh',
  requires: ['supabase-auth', 'supabase-db', 'supabase-meta', 'supabase-rest', 'supabase-studio'],
  route: {
    subdomain: 'supabase',
    subPath: false,
    // Studio: Kong basic auth; APIs: apikey header.
    ownLogin: true,
    websocket: false,
    streaming: false,
    uploadMaxMb: 50,
    readTimeoutSeconds: 300,
  },
  resources: { memoryMb: 512, cpus: 0.5, pids: 512 },
  networks: ['edge', 'internal'],
  notes: [
    SUPABASE_NOTE,
    'Minimum set only: Realtime, Storage, imgproxy, Edge Runtime, Analytics (Logflare + vector) and Supavisor are left out ' +
      'with their Kong routes, as the self-hosting docs allow.',
    'Supabase needs 4 GiB RAM at least (8 GiB recommended) and 2+ CPU; the limits of its six parts add up to 4.25 GiB and 4 CPU.',
    'SUPABASE_ANON_KEY and SUPABASE_SERVICE_KEY are JWTs signed with supabase-jwt-secret (kinds supabase-anon-key / ' +
      'supabase-service-key): the secrets module must derive them, like utils/generate-keys.sh.',
    "kong.yml is aistack's compact version of upstream docker/volumes/api/kong.yml for the minimum set (unverified against " +
      'a live Kong 2.8.1); `kong health` as the health check is unverified.',
    'Backup: pg_dumpall of supabase-db (with roles).',
  ],
  ignoredFileVariables: ['DASHBOARD_PASSWORD_FILE', 'SUPABASE_ANON_KEY_FILE', 'SUPABASE_SERVICE_KEY_FILE', 'JWT_SECRET_FILE'],
};
