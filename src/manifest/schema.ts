import { CronPattern } from 'croner';
import { z } from 'zod';
import { isImageReference, isRegistryPrefix } from './image-reference.js';
import { kubernetesTargetSchema } from './target-kubernetes.js';
import { swarmTargetSchema } from './target-swarm.js';
import { modelsSchema } from './models-schema.js';

/**
 * The schema of aistack.yaml. One source for the types, defaults, validation and
 * docs/manifest.md. Every object is strict: an unknown key is an error, never ignored.
 */

/** The accelerators a service can ask for by name (`gpu: true` is `nvidia`). */
export const GPU_VENDORS = ['nvidia', 'amd'] as const;
export type GpuVendor = (typeof GPU_VENDORS)[number];

const serviceId = z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'a service id: lower-case letters, digits and dashes, starting with a letter');

const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/** An IPv4 or IPv6 address literal (what Docker publishes ports on). */
function isIpAddress(value: string): boolean {
  return ipv4.safeParse(value).success || ipv6.safeParse(value).success;
}

/** The cron syntax the backup scheduler (croner) runs, checked by croner's own parser. */
function checkCronExpression(value: string, context: z.RefinementCtx): void {
  try {
    new CronPattern(value);
  } catch (error: unknown) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, '').replace(/\.$/, '');
    context.addIssue({ code: 'custom', message: `a cron expression such as "0 3 * * *" (minute hour day month weekday); ${detail}` });
  }
}

const imageReference = z
  .string()
  .refine(isImageReference, 'an image reference such as nginx:1.29 or registry.internal:5000/team/api:1.4.2');

const memory = z.string().regex(/^\d+(\.\d+)?[kmg]$/i, 'a size such as 512m or 2g');

export const resourcesSchema = z.strictObject({
  /** Memory limit. @default `resources.defaults.memory`, else the catalog's value (custom: 512m) */
  memory: memory.optional(),
  /** CPU limit in cores. @default `resources.defaults.cpus`, else the catalog's value (custom: 1) */
  cpus: z.number().positive().max(256).optional(),
  /** Process limit. @default `resources.defaults.pids`, else the catalog's value (custom: 512) */
  pids: z.number().int().positive().optional(),
});

export const routeSchema = z
  .strictObject({
    /** Subdomain under `domain`. @default the catalog's */
    subdomain: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a DNS label such as chat')
      .optional(),
    /** Serve under a path on the main domain instead (only for services that support a base path). */
    path: z
      .string()
      .regex(/^\/[a-z0-9][a-z0-9/_-]*$/, 'a path such as /n8n')
      .optional(),
    /** Put proxy basic auth in front even when the service has a login. @default only when it has none */
    auth: z.enum(['basic', 'none', 'default']).optional(),
    /** Maximum upload size in MiB. @default the catalog's */
    uploadMaxMb: z.number().int().positive().max(10240).optional(),
    /** Do not publish this service through the proxy. */
    disabled: z.boolean().optional(),
  })
  .describe('How the proxy routes to the service.');

const envSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);

export const catalogServiceSchema = z
  .strictObject({
    /** Image reference that replaces the catalog's (private registry, local build). */
    image: imageReference.optional(),
    /** Extra environment (non-secret). */
    env: envSchema.optional(),
    resources: resourcesSchema.optional(),
    route: routeSchema.optional(),
    /** @default 1 */
    replicas: z.number().int().min(1).max(32).optional(),
    /**
     * The GPU the service gets (only services that can use one, such as Ollama): `nvidia` (device
     * reservations), `amd` (ROCm: the image's ROCm variant plus /dev/kfd and /dev/dri), `true` for
     * `nvidia`. Rendered from this value alone, so every machine renders the same files; `up`,
     * `deploy` and `check` stop when this host cannot provide it. @default false
     */
    gpu: z.literal([true, false, ...GPU_VENDORS]).optional(),
    /** Publish the service's port on 127.0.0.1 for direct local access: `true` takes a port from the plan, a number asks for that port. @default false */
    directPort: z.union([z.boolean(), z.number().int().min(1024).max(65535)]).optional(),
    /** Health-check timeout for rollouts, in seconds. @default 180 */
    startTimeout: z.number().int().positive().max(3600).optional(),
  })
  .describe('A catalog service and its overrides.');

/** How often and how patiently the check runs (compose/Swarm `healthcheck`); short values find a failed update sooner. */
const healthTimingFields = {
  /** Time between checks. @default 10s */
  interval: z
    .string()
    .regex(/^\d+[smh]$/, 'a duration such as 10s')
    .optional(),
  /** Time one check may take. @default 5s */
  timeout: z
    .string()
    .regex(/^\d+[smh]$/, 'a duration such as 5s')
    .optional(),
  /** Failed checks in a row that make the container unhealthy. @default 5 */
  retries: z.number().int().min(1).max(100).optional(),
  /** Grace time after the start in which failed checks do not count. @default 30s */
  startPeriod: z
    .string()
    .regex(/^\d+[smh]$/, 'a duration such as 30s')
    .optional(),
};

export const customHealthSchema = z.union([
  z.strictObject({
    // RFC 3986 path and query characters only: the path goes into the health check's shell command.
    http: z
      .string()
      .regex(
        /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/,
        "a URL path such as /health or /api/ready?full=1 (letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ / ? or %XX)",
      ),
    expectStatus: z.number().int().optional(),
    ...healthTimingFields,
  }),
  z.strictObject({ tcp: z.literal(true), ...healthTimingFields }),
  z.strictObject({ command: z.array(z.string()).min(1), ...healthTimingFields }),
]);

export const customServiceSchema = z
  .strictObject({
    image: imageReference,
    /** Container port. */
    port: z.number().int().min(1).max(65535).optional(),
    /** How to tell it is healthy. Required for anything others depend on. */
    health: customHealthSchema.optional(),
    route: routeSchema.optional(),
    volumes: z
      .array(
        z.strictObject({
          name: serviceId,
          target: z.string().regex(/^\//, 'an absolute path'),
          backup: z.enum(['tar', 'tar-stopped', 'skip']).optional(),
        }),
      )
      .optional(),
    env: envSchema.optional(),
    command: z.array(z.string()).optional(),
    dependsOn: z.array(serviceId).optional(),
    /** This service logs in users itself (no proxy basic auth). @default false */
    ownLogin: z.boolean().optional(),
    websocket: z.boolean().optional(),
    streaming: z.boolean().optional(),
    resources: resourcesSchema.optional(),
    replicas: z.number().int().min(1).max(32).optional(),
    /** Publish the port on 127.0.0.1: `true` takes a port from the plan, a number asks for that port. @default false */
    directPort: z.union([z.boolean(), z.number().int().min(1024).max(65535)]).optional(),
    /** A one-shot job: exits 0 when done. */
    job: z.boolean().optional(),
    /** Use the shared PostgreSQL: gets its own database, role and password. */
    postgres: z.boolean().optional(),
    /** Use the stack's Redis: gets REDIS_HOST, REDIS_PORT and REDIS_PASSWORD_FILE. @default false */
    redis: z.boolean().optional(),
    /**
     * When the service reads its secret files: `at-start` (once; `aistack secrets rotate` restarts it) or `per-use` (again for
     * each connection; rotation only replaces the file it reads). @default at-start
     */
    readsSecrets: z.enum(['at-start', 'per-use']).optional(),
    user: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/, 'a user such as 1000, 1000:1000 or app (user[:group])')
      .optional(),
    startTimeout: z.number().int().positive().max(3600).optional(),
  })
  .describe('A service that is not in the catalog.');

export const tlsSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('self-signed'), keyType: z.enum(['ecdsa-p256', 'rsa-2048', 'rsa-3072']).optional() }),
  z.strictObject({ mode: z.literal('files'), certificate: z.string().min(1), key: z.string().min(1), chain: z.string().optional() }),
  z.strictObject({
    mode: z.literal('acme'),
    email: z.email(),
    /** ACME directory URL. @default Let's Encrypt production */
    directory: z.url().optional(),
    /** Extra CA to trust for the ACME server (tests, private ACME). */
    caFile: z.string().optional(),
  }),
]);

export const monitorRuleSchema = z.strictObject({
  name: z.string().min(1),
  /** Which metric: down, latency, cpu, memory, restarts, disk, certificate. */
  metric: z.enum(['down', 'latency', 'cpu', 'memory', 'restarts', 'disk', 'certificate', 'backup']),
  service: serviceId.optional(),
  /** Threshold: ms for latency, percent for cpu/memory/disk, days for certificate, count for restarts. */
  threshold: z.number().optional(),
  /** How long the condition must hold, e.g. 5m. */
  for: z
    .string()
    .regex(/^\d+[smhd]$/, 'a duration such as 5m')
    .optional(),
  severity: z.enum(['critical', 'warning', 'info']).optional(),
});

export const notifierSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('webhook'), name: z.string(), url: z.url() }),
  z.strictObject({ type: z.literal('slack'), name: z.string(), url: z.url() }),
  z.strictObject({ type: z.literal('ntfy'), name: z.string(), url: z.url(), topic: z.string() }),
  z.strictObject({
    type: z.literal('email'),
    name: z.string(),
    host: z.string(),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().optional(),
    from: z.string(),
    to: z.array(z.string()).min(1),
    user: z.string().optional(),
  }),
]);

export const customMonitorSchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(['http', 'tcp', 'certificate']),
  target: z.string().min(1),
  interval: z
    .string()
    .regex(/^\d+[smh]$/, 'a duration such as 30s')
    .optional(),
  expectStatus: z.number().int().optional(),
  bodyContains: z.string().optional(),
});

export const manifestSchema = z
  .strictObject({
    /** Compose project name. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a compose project name: lower-case letters, digits, - and _'),
    /** Domain the proxy serves; every service gets a subdomain of it. */
    domain: z
      .string()
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'a domain name such as ai.example.com',
      ),
    /** Catalog services to run, each with optional overrides. */
    services: z
      .record(
        serviceId,
        z.union([catalogServiceSchema, z.null()]).transform((value): z.output<typeof catalogServiceSchema> => value ?? {}),
      )
      .default({}),
    /** Services that are not in the catalog. */
    custom: z.record(serviceId, customServiceSchema).optional(),
    tls: tlsSchema.default({ mode: 'self-signed' }),
    images: z
      .strictObject({
        /** Registry prefix for every catalog image (`registry.local:5000/mirror`). */
        registry: z
          .string()
          .refine(isRegistryPrefix, 'a registry host with an optional path, such as registry.internal:5000/mirror')
          .optional(),
        /** Per-service image references (same as services.<id>.image). */
        overrides: z.record(serviceId, imageReference).optional(),
      })
      .optional(),
    resources: z.strictObject({ defaults: resourcesSchema.optional() }).optional(),
    proxy: z
      .strictObject({
        /** @default 80 */
        httpPort: z.number().int().min(1).max(65535).optional(),
        /** @default 443 */
        httpsPort: z.number().int().min(1).max(65535).optional(),
        /** Address the proxy publishes on. @default 0.0.0.0 */
        bind: z.string().refine(isIpAddress, 'an IP address such as 0.0.0.0, 127.0.0.1 or ::').optional(),
      })
      .optional(),
    console: z
      .strictObject({
        /** Route https://<subdomain>.<domain> through the proxy to the configuration console of `aistack serve` on the host. @default false */
        route: z.boolean().optional(),
        /** Subdomain of the console route. @default console */
        subdomain: z
          .string()
          .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a DNS label such as console')
          .optional(),
      })
      .optional(),
    monitor: z
      .strictObject({
        /** Run the monitor as a service in the stack. @default true */
        enabled: z.boolean().optional(),
        /** Default probe interval. @default 30s */
        interval: z
          .string()
          .regex(/^\d+[smh]$/, 'a duration such as 30s')
          .optional(),
        /** How long history is kept. @default 365d */
        retention: z
          .string()
          .regex(/^\d+[dh]$/, 'a duration such as 365d')
          .optional(),
        monitors: z.array(customMonitorSchema).optional(),
        rules: z.array(monitorRuleSchema).optional(),
        notifiers: z.array(notifierSchema).optional(),
      })
      .optional(),
    backup: z
      .strictObject({
        /** Cron expression, run by `aistack serve`. */
        schedule: z.string().superRefine(checkCronExpression).optional(),
        keep: z
          .strictObject({
            last: z.number().int().min(0).optional(),
            daily: z.number().int().min(0).optional(),
            weekly: z.number().int().min(0).optional(),
            monthly: z.number().int().min(0).optional(),
          })
          .optional(),
        /** Directory for archives. @default .aistack/backups */
        directory: z.string().optional(),
        s3: z
          .strictObject({
            bucket: z.string(),
            prefix: z.string().optional(),
            region: z.string().optional(),
            endpoint: z.url().optional(),
          })
          .optional(),
        /** Include pullable model data (Ollama). @default false */
        includeModels: z.boolean().optional(),
      })
      .optional(),
    upgrade: z
      .strictObject({
        /** Days a tag newer than the catalog's pin waits after it was built before `upgrade` proposes it without `--accept quarantine`. @default 7 */
        quarantineDays: z.number().int().min(0).max(365).optional(),
        /** Per-service quarantine in days (0 turns it off for that service). */
        quarantine: z.record(serviceId, z.number().int().min(0).max(365)).optional(),
      })
      .optional(),
    models: modelsSchema.optional(),
    check: z
      .strictObject({
        disable: z.array(z.strictObject({ rule: z.string(), reason: z.string().min(1) })).optional(),
      })
      .optional(),
    /** Cluster targets: the same stack on Docker Swarm or Kubernetes (docs/cluster.md). */
    targets: z
      .strictObject({
        swarm: swarmTargetSchema.optional(),
        kubernetes: kubernetesTargetSchema.optional(),
      })
      .describe('Cluster targets: the same stack on Docker Swarm or Kubernetes (docs/cluster.md).')
      .optional(),
  })
  .describe('aistack.yaml');

export type ManifestInput = z.input<typeof manifestSchema>;
export type Manifest = z.output<typeof manifestSchema>;
export type CatalogServiceSettings = z.output<typeof catalogServiceSchema>;
export type CustomService = z.output<typeof customServiceSchema>;
export type TlsSettings = z.output<typeof tlsSchema>;
export type RouteSettings = z.output<typeof routeSchema>;
export type ResourceSettings = z.output<typeof resourcesSchema>;
export type NotifierSettings = z.output<typeof notifierSchema>;
export type MonitorRuleSettings = z.output<typeof monitorRuleSchema>;
export type CustomMonitorSettings = z.output<typeof customMonitorSchema>;
