import { KUBERNETES_DESCRIPTIONS } from './doc-descriptions-kubernetes.js';
/*
 * Descriptions for docs/manifest.md, keyed by the documented key path. A key whose schema
 * has its own `.describe()` uses that instead. test/manifest/render-doc.test.ts fails when a
 * key has no description or a description names a key the schema no longer has.
 */

import { MODELS_DESCRIPTIONS } from './models-doc-descriptions.js';

/** Limits, per field: the service's own value, then `resources.defaults`, then the catalog (custom services: 512m, 1, 512). */
function resources(prefix: string, fallback: { memory: string; cpus: string; pids: string }): Record<string, string> {
  return {
    [`${prefix}.memory`]: `Memory limit, e.g. 512m or 2g. Default: ${fallback.memory}.`,
    [`${prefix}.cpus`]: `CPU limit in cores, e.g. 1.5. Default: ${fallback.cpus}.`,
    [`${prefix}.pids`]: `Process limit. Default: ${fallback.pids}.`,
  };
}

const catalogFallback = "`resources.defaults`, else the catalog's value";

function route(prefix: string): Record<string, string> {
  return {
    [`${prefix}.subdomain`]:
      'Subdomain under `domain` (a DNS label such as `chat`). Default: the catalog value (custom services: their id).',
    [`${prefix}.path`]: 'Serve under this path on the main domain instead, e.g. `/n8n` (only for services that support a base path).',
    [`${prefix}.auth`]:
      '`basic` puts proxy basic auth in front even when the service has its own login; `none` never; `default`: only for services without a login.',
    [`${prefix}.uploadMaxMb`]: 'Largest request body the proxy accepts, in MiB. Default: the catalog value.',
    [`${prefix}.disabled`]: 'Do not publish this service through the proxy (reach it only from inside the stack or by `directPort`).',
  };
}

export const MANIFEST_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ...KUBERNETES_DESCRIPTIONS,
  name: 'Compose project name (lower-case letters, digits, `-` and `_`); containers, networks and volumes are named after it.',
  domain: 'Domain the proxy serves, e.g. `ai.example.com`; every service gets a subdomain of it.',
  services:
    'Catalog services to run (`aistack services` lists them). `<id>:` alone runs the service with catalog defaults; what it ' +
    'needs (PostgreSQL, Redis …) is added.',
  'services.<id>.image': 'Image reference that replaces the catalog one (private registry, local build).',
  'services.<id>.env': 'Extra environment variables (non-secret; secrets are generated and delivered as files).',
  'services.<id>.resources': 'Resource limits of this service; each field set here beats `resources.defaults`.',
  ...resources('services.<id>.resources', { memory: catalogFallback, cpus: catalogFallback, pids: catalogFallback }),
  ...route('services.<id>.route'),
  'services.<id>.replicas': 'Number of containers. Default: 1.',
  'services.<id>.gpu':
    'The GPU the service gets (only services that can use one, such as Ollama): `nvidia` reserves NVIDIA GPUs (`true` means ' +
    'the same), `amd` runs the ROCm image variant with `/dev/kfd` and `/dev/dri`. The files render from this value alone; ' +
    '`up`, `deploy` and `check` stop at this key when the host has no such GPU (see docs/models.md). Default: false.',
  'services.<id>.directPort':
    'Publish the port on 127.0.0.1 for direct local access: `true` takes a port from the port plan, a number asks for that port. Default: false.',
  'services.<id>.startTimeout': 'Seconds a rollout waits for the health check. Default: 180.',
  custom: 'Services that are not in the catalog, keyed by an id of your choice.',
  'custom.<id>.image': 'Image reference, pinned to a version.',
  'custom.<id>.port': 'Container port the service listens on.',
  'custom.<id>.health': 'How to tell it is healthy: an HTTP path, a TCP connect, or a command. Required for anything others depend on.',
  'custom.<id>.health.http':
    'Path (and query) of an HTTP check, starting with `/`, in URL characters only (RFC 3986; no spaces or quotes), e.g. `/health`.',
  'custom.<id>.health.expectStatus': 'HTTP status that counts as healthy. Default: any 2xx or 3xx.',
  'custom.<id>.health.tcp': 'Healthy when the port accepts a connection.',
  'custom.<id>.health.command': 'Command run inside the container (exec form); exit 0 means healthy.',
  'custom.<id>.health.interval': 'Time between two checks, e.g. 5s. Default: 10s.',
  'custom.<id>.health.timeout': 'Time one check may take. Default: 5s.',
  'custom.<id>.health.retries':
    'Failed checks in a row that make the container unhealthy. Default: 5. With `interval` and `startPeriod` it sets how ' +
    'soon a failed update is found (and, on Swarm, rolled back).',
  'custom.<id>.health.startPeriod': 'Grace time after the start in which failed checks do not count. Default: 30s.',
  'custom.<id>.route': 'How the proxy routes to the service.',
  ...route('custom.<id>.route'),
  'custom.<id>.volumes': 'Named volumes to mount.',
  'custom.<id>.volumes[].name': 'Volume name (a service id-like name); aistack prefixes it with the project name.',
  'custom.<id>.volumes[].target': 'Absolute path inside the container.',
  'custom.<id>.volumes[].backup':
    'How `aistack backup` saves it: `tar` (live), `tar-stopped` (stops the service first) or `skip`. Default: tar.',
  'custom.<id>.env': 'Environment variables (non-secret).',
  'custom.<id>.command': 'Command (exec form) that replaces the image default.',
  'custom.<id>.dependsOn': 'Services that must be healthy before this one starts (catalog or custom ids).',
  'custom.<id>.ownLogin': 'The service logs users in itself, so the proxy adds no basic auth. Default: false.',
  'custom.<id>.websocket': 'The proxy passes WebSocket upgrades. Default: false.',
  'custom.<id>.streaming': 'The proxy does not buffer responses (server-sent events, token streaming). Default: false.',
  'custom.<id>.resources': 'Resource limits of this service; each field set here beats `resources.defaults`.',
  ...resources('custom.<id>.resources', {
    memory: '`resources.defaults`, else 512m',
    cpus: '`resources.defaults`, else 1',
    pids: '`resources.defaults`, else 512',
  }),
  'custom.<id>.replicas': 'Number of containers. Default: 1.',
  'custom.<id>.directPort':
    'Publish the port on 127.0.0.1: `true` takes a port from the port plan, a number asks for that port. Default: false.',
  'custom.<id>.job': 'A one-shot job that exits 0 when done (migrations, seeding). Default: false.',
  'custom.<id>.postgres': 'Use the shared PostgreSQL: the service gets its own database, role and password. Default: false.',
  'custom.<id>.redis':
    "Use the stack's Redis: the service gets `REDIS_HOST`, `REDIS_PORT` and `REDIS_PASSWORD_FILE` (and Redis is enabled). Default: false.",
  'custom.<id>.readsSecrets':
    '`at-start`: the service reads its secret files once, so `aistack secrets rotate` restarts it; `per-use`: it reads them ' +
    'again for each connection, so rotation only replaces the files. Default: at-start.',
  'custom.<id>.user': 'User (and group) the container runs as, e.g. `1000:1000`.',
  'custom.<id>.startTimeout': 'Seconds a rollout waits for the health check. Default: 180.',
  tls: 'HTTPS certificates for the proxy.',
  'tls.mode': "`self-signed`: a local CA aistack creates; `files`: your certificate and key; `acme`: Let's Encrypt or another ACME server.",
  'tls.keyType': 'Key type of the self-signed certificate. Default: ecdsa-p256.',
  'tls.certificate': 'Path of the PEM certificate file.',
  'tls.key': 'Path of the PEM private key file.',
  'tls.chain': 'Path of the PEM intermediate chain, when not in `certificate`.',
  'tls.email': 'Contact address for the ACME account (expiry notices).',
  'tls.directory': "ACME directory URL. Default: Let's Encrypt production.",
  'tls.caFile': 'Extra CA to trust for the ACME server (tests, private ACME).',
  images: 'Image sources for a private registry or an air-gapped host.',
  'images.registry': 'Registry prefix for every catalog image, e.g. `registry.internal:5000/mirror`.',
  'images.overrides': 'Per-service image references (same as `services.<id>.image`).',
  resources: 'Resource defaults for every service.',
  'resources.defaults':
    "Limits for every service, catalog and custom alike: each field replaces the catalog's value; a service's own `resources` still wins.",
  ...resources('resources.defaults', {
    memory: "each service's catalog value",
    cpus: "each service's catalog value",
    pids: "each service's catalog value",
  }),
  proxy: 'The reverse proxy, the only service that publishes host ports by default.',
  'proxy.httpPort': 'Host port for HTTP (redirects to HTTPS; ACME challenges). Default: 80.',
  'proxy.httpsPort':
    'Host port for HTTPS. When it is not 443, every public URL carries it: the URLs `up`, `status` and STACK.md show, and ' +
    'the ones apps are given (APP_URL, WEBUI_URL …). Default: 443.',
  'proxy.bind': 'Host address the proxy publishes on. Default: 0.0.0.0.',
  console: 'The configuration console of `aistack serve` on the host (docs/console.md).',
  'console.route':
    'Route `https://console.<domain>` through the proxy to the console of `aistack serve` on the host: nginx reaches it through ' +
    "a unix socket in `.aistack/console/` (no port is opened), and the console's own login guards it. Default: false.",
  'console.subdomain': 'Subdomain of the console route. Default: console.',
  monitor: 'The monitor: health probes, alert rules and notifiers (`aistack serve`).',
  'monitor.enabled': 'Run the monitor as a service in the stack. Default: true.',
  'monitor.interval': 'Default probe interval, e.g. `30s`. Default: 30s.',
  'monitor.retention': 'How long history is kept, e.g. `365d`. Default: 365d.',
  'monitor.monitors': 'Extra probes beyond the ones derived from the stack.',
  'monitor.monitors[].name': 'Name shown on the dashboard and in alerts.',
  'monitor.monitors[].type': 'Probe type.',
  'monitor.monitors[].target': 'URL (http, certificate) or host:port (tcp).',
  'monitor.monitors[].interval': 'Probe interval, e.g. `30s`. Default: `monitor.interval`.',
  'monitor.monitors[].expectStatus': 'HTTP status that counts as up. Default: any 2xx or 3xx.',
  'monitor.monitors[].bodyContains': 'Text the HTTP response body must contain.',
  'monitor.rules': 'Alert rules.',
  'monitor.rules[].name': 'Rule name, shown in alerts.',
  'monitor.rules[].metric': 'What to watch.',
  'monitor.rules[].service': 'Limit the rule to one service. Default: every service.',
  'monitor.rules[].threshold': 'Threshold: ms for latency, percent for cpu/memory/disk, days for certificate, a count for restarts.',
  'monitor.rules[].for': 'How long the condition must hold before alerting, e.g. `5m`.',
  'monitor.rules[].severity': 'Alert severity. Default: warning.',
  'monitor.notifiers': 'Where alerts go.',
  'monitor.notifiers[].type': 'Notifier type.',
  'monitor.notifiers[].name': 'Notifier name, used in logs and the dashboard.',
  'monitor.notifiers[].url': 'Webhook / Slack incoming-webhook / ntfy server URL. Treated as a secret: never echoed in errors.',
  'monitor.notifiers[].topic': 'ntfy topic.',
  'monitor.notifiers[].host': 'SMTP host.',
  'monitor.notifiers[].port': 'SMTP port.',
  'monitor.notifiers[].secure': 'Use TLS from the start (port 465). Default: false (STARTTLS when offered).',
  'monitor.notifiers[].from': 'Sender address.',
  'monitor.notifiers[].to': 'Recipient addresses.',
  'monitor.notifiers[].user': 'SMTP user name (the password is a secret file, see docs/monitor.md).',
  backup: 'Backups (`aistack backup`, `aistack restore`).',
  'backup.schedule': 'Cron expression; `aistack serve` runs backups on it, e.g. `"0 3 * * *"`.',
  'backup.keep': 'Retention: how many archives to keep per bucket.',
  'backup.keep.last': 'The most recent N archives.',
  'backup.keep.daily': 'One per day for N days.',
  'backup.keep.weekly': 'One per week for N weeks.',
  'backup.keep.monthly': 'One per month for N months.',
  'backup.directory': 'Directory for archives. Default: .aistack/backups.',
  'backup.s3': 'Also upload archives to S3-compatible storage.',
  'backup.s3.bucket': 'Bucket name.',
  'backup.s3.prefix': 'Key prefix inside the bucket.',
  'backup.s3.region': 'Region.',
  'backup.s3.endpoint': 'Endpoint URL for S3-compatible storage (MinIO and others).',
  'backup.includeModels': 'Include pullable model data (Ollama). Default: false.',
  ...MODELS_DESCRIPTIONS,
  check: 'Settings for `aistack check`.',
  upgrade: 'Settings for `aistack upgrade` (docs/upgrades.md).',
  'upgrade.quarantineDays':
    "Days a tag newer than the catalog's pin must have existed (since its image was built) before `upgrade` proposes it " +
    'without `--accept quarantine`. Default: 7; 0 turns the quarantine off.',
  'upgrade.quarantine': 'Quarantine days per service, overriding `upgrade.quarantineDays` (e.g. `{ litellm: 14, app: 0 }`).',
  'check.disable': 'Rules to switch off, each with the reason why.',
  'check.disable[].rule': 'Rule id, e.g. `ports/host-conflict`.',
  'check.disable[].reason': 'Why it does not apply here (shown in the report).',
};
