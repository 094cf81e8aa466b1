import { catalog } from '../../catalog/index.js';
import { MANIFEST_DESCRIPTIONS } from '../../manifest/doc-descriptions.js';

/** One form field: where it goes in aistack.yaml (relative to the service for service fields) and how to edit it. */
export interface FormField {
  readonly path: readonly string[];
  readonly label: string;
  readonly input: 'text' | 'number' | 'boolean' | 'enum' | 'env';
  readonly description: string;
  readonly placeholder: string;
  /** An enum's values as aistack.yaml writes them (`gpu` mixes booleans and strings). */
  readonly options?: readonly (string | boolean)[];
}

export interface FormModel {
  readonly serviceFields: readonly FormField[];
  readonly customFields: readonly FormField[];
  readonly stackFields: readonly FormField[];
  /** What enabling a catalog service brings. */
  readonly catalog: readonly {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly requires: readonly string[];
    readonly secrets: readonly string[];
    readonly volumes: readonly string[];
    readonly gpu: boolean;
    readonly memoryMb: number;
  }[];
}

function field(
  path: readonly string[],
  documented: string,
  input: FormField['input'],
  placeholder = '',
  options?: readonly (string | boolean)[],
): FormField {
  return {
    path,
    label: path.join('.'),
    input,
    description: MANIFEST_DESCRIPTIONS[documented] ?? '',
    placeholder,
    ...(options ? { options } : {}),
  };
}

function serviceFields(prefix: 'services' | 'custom'): FormField[] {
  const key = (rest: string): string => `${prefix}.<id>.${rest}`;
  return [
    field(['image'], key('image'), 'text', prefix === 'services' ? 'catalog image' : ''),
    field(['resources', 'memory'], key('resources.memory'), 'text', '512m'),
    field(['resources', 'cpus'], key('resources.cpus'), 'number', '1'),
    field(['resources', 'pids'], key('resources.pids'), 'number', '512'),
    field(['replicas'], key('replicas'), 'number', '1'),
    ...(prefix === 'services' ? [field(['gpu'], key('gpu'), 'enum', 'false', [true, false, 'nvidia', 'amd'])] : []),
    field(['route', 'subdomain'], key('route.subdomain'), 'text'),
    field(['route', 'path'], key('route.path'), 'text', '/path'),
    field(['route', 'auth'], key('route.auth'), 'enum', 'default', ['default', 'basic', 'none']),
    field(['route', 'disabled'], key('route.disabled'), 'boolean'),
    field(['env'], key('env'), 'env'),
  ];
}

/**
 * The console's forms, from the manifest schema's documented keys (the descriptions docs/manifest.md
 * shows) and the catalog. Pure.
 */
export function describeFormModel(): FormModel {
  return {
    serviceFields: serviceFields('services'),
    customFields: serviceFields('custom'),
    stackFields: [
      field(['domain'], 'domain', 'text', 'ai.example.com'),
      field(['tls', 'mode'], 'tls.mode', 'enum', 'self-signed', ['self-signed', 'files', 'acme']),
      field(['proxy', 'httpPort'], 'proxy.httpPort', 'number', '80'),
      field(['proxy', 'httpsPort'], 'proxy.httpsPort', 'number', '443'),
      field(['proxy', 'bind'], 'proxy.bind', 'text', '0.0.0.0'),
      field(['monitor', 'enabled'], 'monitor.enabled', 'boolean'),
      field(['monitor', 'interval'], 'monitor.interval', 'text', '30s'),
      field(['backup', 'schedule'], 'backup.schedule', 'text', '0 3 * * *'),
    ],
    catalog: catalog
      .filter((entry) => entry.partOf === undefined)
      .map((entry) => ({
        id: entry.id,
        title: entry.title,
        description: entry.description,
        requires: entry.requires,
        secrets: entry.secrets.map((secret) => secret.name),
        volumes: entry.volumes.map((volume) => volume.name),
        gpu: entry.gpu !== undefined,
        memoryMb: entry.resources.memoryMb,
      })),
  };
}
