import type { BackupMethod, CatalogHealth, SecretDelivery, SecretKind, ServiceCategory } from '../catalog/types.js';
import type { CustomMonitorSettings, GpuVendor, Manifest, MonitorRuleSettings, NotifierSettings, TlsSettings } from '../manifest/schema.js';
import type { StackModels } from './models-types.js';

/**
 * The Stack: manifest + catalog, fully decided. Renderers, checks, the runtime, the monitor and
 * backups all read this and decide nothing of their own. Services, secrets and volumes are
 * sorted by name so everything derived from it is byte-stable.
 */

/** `docker-api` joins the Docker socket proxy and the monitor, and nothing else. */
export type NetworkName = 'edge' | 'internal' | 'docker-api';

export interface StackSecret {
  /** Unique across the stack; also the file name under .aistack/secrets/. */
  readonly name: string;
  readonly kind: SecretKind;
  readonly protects: string;
  readonly critical: boolean;
  /** Every service that reads it, the owner included, sorted by service id. */
  readonly consumers: readonly SecretConsumer[];
  /** How the server that checks this credential takes a new value while it runs (rotation changes it there first). */
  readonly live?: LiveCredential;
  /** htpasswd secrets: the proxy also mounts the bearer-key map made from the password (`<name>-bearer`). */
  readonly bearer?: boolean;
  /**
   * Written from another secret instead of generated: `template` with `{value}` replaced by the
   * value of `from` (CatalogSecret.derive). The secrets module writes it after its source.
   */
  readonly derive?: { readonly from: string; readonly template: string };
}

/**
 * When a consumer reads a secret, which decides what a rotation does to it:
 * - `live`: the server that checks the credential; rotation changes it in place (PostgreSQL
 *   `ALTER ROLE`, Redis `ACL SETUSER`/`CONFIG SET`) and never restarts it;
 * - `per-use`: reads the file again on each use (each connection, each health check); rotation
 *   replaces the file it sees and does not restart it;
 * - `at-start`: reads it once, when the container starts; rotation restarts it, one at a time,
 *   waiting for it to be healthy.
 */
export type SecretRead = 'live' | 'per-use' | 'at-start';

export interface SecretConsumer {
  readonly service: string;
  /** The service the secret belongs to (the server that checks it, or the entry that declares it). */
  readonly owner: boolean;
  readonly reads: SecretRead;
}

/** A credential its server can change while it runs. */
export type LiveCredential =
  | { readonly kind: 'postgres-role'; readonly service: string; readonly role: string }
  /** Redis's `default` user (requirepass); ACL users can hold several passwords at once. */
  | { readonly kind: 'redis-default-user'; readonly service: string };

export interface SecretEnvironment {
  readonly variable: string;
  readonly secret: string;
  readonly delivery: SecretDelivery;
  /** For `file-variable`: the variable that gets `/run/secrets/<secret>`. */
  readonly fileVariable?: string;
  /** For `entrypoint`: the exported value, `{value}` standing for the secret. */
  readonly template?: string;
}

export interface StackVolume {
  /** Compose volume name (`<service>-<name>`). */
  readonly name: string;
  readonly service: string;
  readonly target: string;
  readonly backup: BackupMethod;
  readonly description: string;
}

export interface StackRoute {
  /** Full host name (`chat.ai.example.com`). */
  readonly host: string;
  /** `/` for subdomain routes; `/n8n/` for sub-path routes. */
  readonly path: string;
  readonly upstreamPort: number;
  /** Basic auth at the proxy (the service has no login of its own, or the user asked for it). */
  readonly proxyAuth: boolean;
  /** Name of the htpasswd secret for proxyAuth routes. */
  readonly htpasswdSecret?: string;
  readonly ownLogin: boolean;
  readonly websocket: boolean;
  readonly streaming: boolean;
  readonly uploadMaxMb: number;
  readonly readTimeoutSeconds: number;
  readonly bearer: boolean;
  /** https://host/path */
  readonly url: string;
  /**
   * Path prefixes on this host served by another service (CatalogRoute.locations; longest prefix
   * wins). The proxy renderer adds one location per entry.
   */
  readonly locations?: readonly { readonly path: string; readonly service: string; readonly port: number }[];
}

export interface HostPort {
  readonly hostIp: string;
  readonly host: number;
  readonly container: number;
  readonly protocol: 'tcp';
}

export interface StackDependency {
  readonly service: string;
  readonly condition: 'service_healthy' | 'service_completed_successfully' | 'service_started';
  /** Hard (required) or soft (used when enabled). Both are start-order edges. */
  readonly required: boolean;
}

export interface StackDatabase {
  readonly database: string;
  readonly role: string;
  /** Secret holding the role's password. */
  readonly passwordSecret: string;
  readonly service: string;
  /** Extensions the init script creates in it as superuser (CatalogDatabase.extensions). */
  readonly extensions?: readonly string[];
}

export interface StackService {
  readonly id: string;
  /** Catalog id, or undefined for custom services. */
  readonly catalogId: string | undefined;
  readonly title: string;
  readonly category: ServiceCategory | 'custom';
  readonly description: string;
  /** Final image reference after overrides. */
  readonly image: string;
  /** The catalog's pinned image, before overrides (for docs and checks). */
  readonly upstreamImage: string;
  readonly job: boolean;
  readonly command: readonly string[] | undefined;
  readonly entrypoint: readonly string[] | undefined;
  readonly user: string | undefined;
  /** Shell in the image, for the entrypoint wrapper of env-only secrets. */
  readonly shell: string | undefined;
  /** Non-secret environment, sorted by key. */
  readonly environment: Readonly<Record<string, string>>;
  readonly secretEnvironment: readonly SecretEnvironment[];
  /** Secret files mounted under /run/secrets. */
  readonly secrets: readonly string[];
  readonly volumes: readonly StackVolume[];
  /** Volumes of another service this one mounts too (Dify's worker shares `dify-storage`); backed up by the owner. */
  readonly sharedVolumes: readonly { readonly name: string; readonly target: string }[];
  /**
   * Bind mounts: project files (init scripts, proxy config: relative sources, `./…`) and, for the
   * docker socket proxy only, host paths (absolute). `readOnly` defaults to true.
   */
  readonly files: readonly { readonly source: string; readonly target: string; readonly readOnly?: boolean }[];
  readonly networks: readonly NetworkName[];
  readonly dependsOn: readonly StackDependency[];
  /** Absent for jobs. */
  readonly health: CatalogHealth | undefined;
  /** Main container port (undefined for jobs and custom services without one). */
  readonly port: number | undefined;
  readonly protocol: 'http' | 'tcp' | 'postgres' | 'redis';
  readonly hostPorts: readonly HostPort[];
  readonly route: StackRoute | undefined;
  readonly resources: { readonly memoryMb: number; readonly cpus: number; readonly pids: number };
  /** The GPU it gets: `nvidia` (device reservations), `amd` (ROCm image variant, /dev/kfd and /dev/dri), or none. */
  readonly gpu: false | GpuVendor;
  readonly replicas: number;
  readonly restart: 'unless-stopped' | 'on-failure';
  /** Seconds a rollout waits for this service to become healthy. */
  readonly startTimeout: number;
  /** The database this service owns on the shared PostgreSQL. */
  readonly database: StackDatabase | undefined;
  /** aistack's own infrastructure (proxy, monitor, socket proxy). */
  readonly infrastructure: boolean;
  readonly notes: readonly string[];
  /** `*_FILE` variables the image ignores (from the catalog). */
  readonly ignoredFileVariables: readonly string[];
}

export interface PortPlanRange {
  readonly category: string;
  readonly from: number;
  readonly to: number;
  readonly description: string;
}

export interface StackMonitorSettings {
  readonly enabled: boolean;
  readonly intervalSeconds: number;
  readonly retentionDays: number;
  /** `monitor.monitors`: the user's own probes. */
  readonly monitors: readonly CustomMonitorSettings[];
  /** `monitor.rules`: the user's alert rules (the engine adds its defaults). */
  readonly rules: readonly MonitorRuleSettings[];
  readonly notifiers: readonly NotifierSettings[];
}

export interface StackBackupSettings {
  /** As written in aistack.yaml (relative to the project); undefined: `.aistack/backups`. */
  readonly directory: string | undefined;
  /** Cron expression run by `aistack serve`; undefined: no schedule. */
  readonly schedule: string | undefined;
  readonly keep: {
    readonly last?: number | undefined;
    readonly daily?: number | undefined;
    readonly weekly?: number | undefined;
    readonly monthly?: number | undefined;
  };
  readonly s3:
    | { readonly bucket: string; readonly prefix: string; readonly region: string | undefined; readonly endpoint: string | undefined }
    | undefined;
  readonly includeModels: boolean;
}

/** `upgrade:` and `images.registry` in aistack.yaml, for `aistack upgrade plan` and `aistack upgrade apply`. */
export interface StackUpgradeSettings {
  /** Days a tag newer than the catalog's pin waits before it is proposed; undefined: the planner's default. */
  readonly quarantineDays: number | undefined;
  /** Per-service quarantine in days (0: none for that service). */
  readonly quarantineByService: Readonly<Record<string, number>>;
  /** The mirror `images.registry` names, asked for tags before the upstream registries. */
  readonly registry: string | undefined;
}

/** Where the proxy publishes, and the console route (`console.route`) when there is one. */
export interface StackProxySettings {
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly bind: string;
  /**
   * The route to the configuration console of `aistack serve` on the host: nginx forwards
   * `host` to the unix socket RELATIVE_PATHS.console/CONSOLE_SOCKET_FILE, mounted read-only.
   */
  readonly console?: { readonly host: string; readonly url: string };
}

export interface Stack {
  readonly name: string;
  readonly domain: string;
  readonly services: readonly StackService[];
  readonly secrets: readonly StackSecret[];
  readonly volumes: readonly StackVolume[];
  readonly databases: readonly StackDatabase[];
  readonly tls: TlsSettings;
  readonly proxy: StackProxySettings;
  readonly portPlan: readonly PortPlanRange[];
  readonly monitor: StackMonitorSettings;
  readonly backup: StackBackupSettings;
  readonly upgrade: StackUpgradeSettings;
  /** The validated manifest the stack came from; shell modules read the resolved settings above instead. */
  readonly manifest: Manifest;
  /** The declared models (`models:`), decided by resolve-models.ts. Absent only in hand-built test stacks. */
  readonly models?: StackModels;
}
