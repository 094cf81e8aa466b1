/**
 * The shape of one catalog entry: everything aistack knows about one upstream service.
 * Facts come from ../shared/catalog-facts.md; where an entry departs from it, `notes` says why.
 */

export type ServiceCategory =
  'llm' | 'ui' | 'automation' | 'vector' | 'memory' | 'database' | 'cache' | 'platform' | 'admin' | 'infrastructure';

/** How a secret value is generated. */
export type SecretKind =
  | 'password' // URL-safe, 32 chars
  | 'hex32' // 32 random bytes, hex (64 chars)
  | 'hex16' // 16 random bytes, hex
  | 'base64-48' // 48 random bytes, base64
  | 'sk-key' // `sk-` + 48 URL-safe chars (LiteLLM)
  | 'htpasswd' // a password plus its bcrypt htpasswd line (proxy basic auth)
  | 'jwt-secret' // 40+ char secret for HS256
  | 'password-24' // URL-safe, 24 chars (services that cap the length: Dify INIT_PASSWORD ≤ 30)
  | 'supabase-anon-key' // HS256 JWT {role: "anon"} signed with the stack secret `supabase-jwt-secret`
  | 'supabase-service-key' // HS256 JWT {role: "service_role"} signed with `supabase-jwt-secret`
  | 'provided'; // written by the user (a hosted provider's API key); never generated

/**
 * How a secret reaches the container.
 * - `file-variable`: the image reads `<VAR>_FILE` (or the catalog names the variable) — the value
 *   never enters the environment.
 * - `entrypoint`: the image only reads the plain variable; aistack mounts the file and a small
 *   entrypoint wrapper exports it at start, so it stays out of compose.yaml, .env and
 *   `docker inspect`. `check` and STACK.md call these "env-only".
 * - `mount`: the file itself is what the service needs (config file, htpasswd).
 */
export type SecretDelivery = 'file-variable' | 'entrypoint' | 'mount';

export interface CatalogSecret {
  /** Local name, unique within the entry, e.g. `encryption-key`. Stack name: `<service>-<name>`. */
  readonly name: string;
  readonly kind: SecretKind;
  /** The variable the image reads. */
  readonly variable?: string;
  readonly delivery: SecretDelivery;
  /** For `file-variable`: the variable that takes the path (default `<variable>_FILE`). */
  readonly fileVariable?: string;
  /** What the secret protects, for STACK.md and `aistack secrets`. */
  readonly protects: string;
  /** Losing it makes stored data unrecoverable (encryption keys). */
  readonly critical?: boolean;
  /** Another service's secret this one must equal (`<service>-<name>`); not generated separately. */
  readonly sameAs?: string;
  /** When the image reads it (see StackSecret consumers): `per-use` only where upstream rereads the file. @default at-start */
  readonly reads?: 'at-start' | 'per-use';
  /** The server checks this credential and can change it while it runs (rotation changes it there first). */
  readonly live?: { readonly kind: 'postgres-role'; readonly role: string } | { readonly kind: 'redis-default-user' };
  /**
   * A file derived from another stack secret rather than generated: its text is `template` with
   * `{value}` replaced by the value of `from` (for images with no shell that read a whole
   * connection string from a file, e.g. PostgREST's `PGRST_DB_URI=@/run/secrets/...`).
   */
  readonly derive?: { readonly from: string; readonly template: string };
}

export interface CatalogHealth {
  /** Compose healthcheck `test`, using only binaries the image really has. */
  readonly test: readonly string[];
  readonly interval?: string;
  readonly timeout?: string;
  readonly retries?: number;
  readonly startPeriod?: string;
  /** What the monitor probes from outside (over the internal network). */
  readonly probe:
    | { readonly type: 'http'; readonly path: string; readonly expectStatus?: number }
    | { readonly type: 'tcp' }
    | { readonly type: 'postgres' }
    | { readonly type: 'redis' }
    /** No port to probe (Celery workers): the container's state and Docker health. */
    | { readonly type: 'container' };
}

/** How the state in one volume is backed up. */
export type BackupMethod =
  | { readonly kind: 'pg-dump' }
  | { readonly kind: 'redis-rdb' }
  | { readonly kind: 'qdrant-snapshot' }
  | { readonly kind: 'volume-tar'; readonly live: boolean }
  | { readonly kind: 'skip'; readonly reason: string };

export interface CatalogVolume {
  /** Local name; the Stack volume is `<service>-<name>`. */
  readonly name: string;
  readonly target: string;
  readonly backup: BackupMethod;
  readonly description: string;
  /** Mount another service's volume (`<service>-<name>`, e.g. Dify's worker shares `dify-storage`); backed up once, by its owner. */
  readonly sameAs?: string;
}

export interface CatalogRoute {
  /** Default subdomain (`chat` → chat.<domain>). */
  readonly subdomain: string;
  /** The service can live under a sub-path (catalog-facts says which). */
  readonly subPath: boolean;
  /** The service has a login of its own; without one the proxy puts basic auth in front. */
  readonly ownLogin: boolean;
  readonly websocket: boolean;
  /** Unbuffered streaming (SSE, chunked NDJSON). */
  readonly streaming: boolean;
  readonly uploadMaxMb: number;
  readonly readTimeoutSeconds: number;
  /** API routes accept a bearer token as well as basic auth. */
  readonly bearer?: boolean;
  /**
   * Path prefixes on this route's host served by another service (longest prefix wins); a `/`
   * entry replaces the default upstream. Dify: `/` → dify-web, `/console/api` → dify (api).
   */
  readonly locations?: readonly { readonly path: string; readonly service: string; readonly port: number }[];
}

export interface CatalogResources {
  readonly memoryMb: number;
  readonly cpus: number;
  readonly pids?: number;
}

/** What a service needs from PostgreSQL: its own database and role. */
export interface CatalogDatabase {
  readonly database: string;
  readonly role: string;
  /**
   * Extensions created in the database as superuser (the app's role cannot: `vector` is not a
   * trusted extension). A `vector` database makes the shared server run the pgvector image. @default []
   */
  readonly extensions?: readonly string[];
}

/** Everything a wiring function may read; all of it decided before wiring runs. */
export interface WiringContext {
  readonly serviceId: string;
  readonly domain: string;
  /** The proxy's public HTTPS port (`proxy.httpsPort`); public URLs carry it when it is not 443. @default 443 */
  readonly httpsPort?: number;
  /** Public URL of this service (https://sub.domain, with :port when not 443). */
  readonly publicUrl: string;
  /** Which services are in the stack (ids). */
  readonly enabled: ReadonlySet<string>;
  /** Internal base URL of another service (`http://ollama:11434`), or undefined when not enabled. */
  readonly internalUrl: (serviceId: string) => string | undefined;
  /** The database this service got on the shared PostgreSQL, if it asked for one. */
  readonly database: (CatalogDatabase & { readonly host: string; readonly port: number }) | undefined;
  /** The in-container path of a stack secret (`/run/secrets/<name>`). */
  readonly secretPath: (stackSecretName: string) => string;
  /**
   * Public URL (no trailing slash) of another routed service, after manifest overrides, or
   * undefined when it has no route. Parts of a service (Dify's worker, Supabase's auth) need the
   * owner's URL; without this they fall back to the owner's default subdomain.
   */
  readonly publicUrlOf?: (serviceId: string) => string | undefined;
}

/** Wiring adds environment, secret variables and dependencies that depend on the rest of the stack. */
export interface Wiring {
  readonly environment?: Readonly<Record<string, string>>;
  /** Extra secrets this service reads from another service (e.g. `postgres-n8n-password`). */
  readonly secretEnv?: readonly {
    readonly variable: string;
    readonly secret: string;
    readonly delivery: SecretDelivery;
    readonly fileVariable?: string;
    /** For `entrypoint` delivery: the value to export, with `{value}` standing for the secret (e.g. a URL with a password). */
    readonly template?: string;
    /** When the image reads it. @default at-start */
    readonly reads?: 'at-start' | 'per-use';
  }[];
  /** Services this one talks to when they are enabled (soft dependencies). */
  readonly uses?: readonly string[];
}

export interface CatalogEntry {
  readonly id: string;
  readonly title: string;
  readonly category: ServiceCategory;
  readonly description: string;
  /** Upstream home, for STACK.md. */
  readonly homepage: string;
  readonly image: {
    readonly repository: string;
    /** Pinned tag, never latest/main. */
    readonly tag: string;
    /** Why a digest should be pinned too, when upstream retags (catalog-facts). */
    readonly pinDigest?: string;
  };
  /** Main container port. */
  readonly port: number;
  readonly protocol: 'http' | 'tcp' | 'postgres' | 'redis';
  readonly health: CatalogHealth;
  readonly volumes: readonly CatalogVolume[];
  readonly secrets: readonly CatalogSecret[];
  /** Static, non-secret environment. */
  readonly environment: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  /** The image's own entrypoint, needed to wrap it for `entrypoint` secrets. */
  readonly entrypoint?: readonly string[];
  /** Shell in the image for the entrypoint wrapper. */
  readonly shell?: string;
  readonly user?: string;
  /** Hard dependencies: enabling this enables them (`n8n` → `postgres`). */
  readonly requires: readonly string[];
  /** Other catalog services this one is part of (Dify's sandbox → dify-api). Hidden from `services` listing when true. */
  readonly partOf?: string;
  readonly database?: CatalogDatabase;
  /** Public route; absent for internal-only services (databases). */
  readonly route?: CatalogRoute;
  readonly resources: CatalogResources;
  /**
   * The GPUs the image can use: NVIDIA through device reservations, AMD through the image's ROCm
   * variant (`<tag><tagSuffix>`, e.g. Ollama's `0.32.15-rocm`) with /dev/kfd and /dev/dri.
   */
  readonly gpu?: { readonly nvidia: boolean; readonly amd?: { readonly tagSuffix: string } };
  /** One-shot job rather than a long-running service. */
  readonly job?: boolean;
  /**
   * Which network(s) it sits on. UIs and APIs: edge+internal; data stores: internal; `docker-api`
   * is the socket proxy's and the monitor's alone.
   */
  readonly networks: readonly ('edge' | 'internal' | 'docker-api')[];
  readonly wire?: (context: WiringContext) => Wiring;
  /** Anything that departs from catalog-facts.md or is unverified upstream. */
  readonly notes?: readonly string[];
  /** Variables named `*_FILE` that this image ignores (for the check rule). */
  readonly ignoredFileVariables?: readonly string[];
  /**
   * The `*_FILE` variables the image reads (catalog-facts.md): an allowlist for the check rule, so a
   * misspelt or unsupported name is caught; `every-setting` when it reads `X_FILE` for every setting X
   * (n8n). Absent: unknown, only `ignoredFileVariables` is checked.
   */
  readonly readsFileVariables?: readonly string[] | 'every-setting';
  /**
   * The image runs as this non-root user (a numeric `USER`): Kubernetes may then set `runAsNonRoot`
   * and `runAsUser`. Absent: the image starts as root (or under a user name only), so the cluster
   * targets do not claim it is non-root. @default undefined
   */
  readonly nonRootUser?: { readonly uid: number; readonly gid: number };
  /** Host paths bind-mounted into the container; only the docker socket proxy has one (the socket, read-only). */
  readonly hostMounts?: readonly {
    readonly source: string;
    readonly target: string;
    readonly readOnly: boolean;
    readonly reason: string;
  }[];
}
