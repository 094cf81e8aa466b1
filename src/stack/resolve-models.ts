import { StackError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { formatPath } from '../manifest/describe-issue.js';
import { withLocation } from './resolve/context.js';
import { MODEL_APPS } from '../manifest/models-schema.js';
import type { ModelApp, ModelsSettings } from '../manifest/models-schema.js';
import { DEFAULT_CONTEXT_LENGTH } from './models-types.js';
import type { StackModels, StackOllamaModel, StackProviderModel } from './models-types.js';
import type { Stack, StackSecret, StackService } from './types.js';

/** Where LiteLLM finds the rendered config (a directory mount, so a re-render replaces the file atomically). */
export const LITELLM_CONFIG_DIRECTORY = './litellm';
export const LITELLM_CONFIG_TARGET = '/app/aistack';
export const LITELLM_CONFIG_FILE = `${LITELLM_CONFIG_TARGET}/config.yaml`;
const LITELLM = 'litellm';
const OLLAMA = 'ollama';
const UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

type Locate = (path: readonly (string | number)[]) => SourceLocation | undefined;

/** `40g` → bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmgt])$/i.exec(text);
  if (!match) throw new StackError('AIS_STACK_MODEL_SIZE', { text });
  return Math.round(Number(match[1]) * (UNITS[match[2]!.toLowerCase()] ?? 1));
}

/** The variable LiteLLM reads a provider's key from (`os.environ/…` in config.yaml). */
export function providerKeyVariable(provider: string): string {
  return `AISTACK_${provider.toUpperCase().replace(/-/g, '_')}_API_KEY`;
}

/** n8n, Flowise and Dify call LiteLLM for every model; Open WebUI calls it for hosted ones (Ollama models it can also reach directly). */
function reachesOnlyThroughLitellm(app: ModelApp, source: 'ollama' | 'provider'): boolean {
  return app === 'n8n' || app === 'flowise' || app === 'dify' || (app === 'open-webui' && source === 'provider');
}

/** `models:` → the decided model list, checked against the services in the stack. Pure. */
export function resolveModels(settings: ModelsSettings | undefined, serviceIds: ReadonlySet<string>, locate: Locate): StackModels {
  const hasLitellm = serviceIds.has(LITELLM);
  const present = MODEL_APPS.filter((app) => serviceIds.has(app));
  const appsOf = (apps: readonly ModelApp[] | undefined, path: readonly (string | number)[], source: 'ollama' | 'provider'): ModelApp[] => {
    // By default every app in the stack that can reach the model: without LiteLLM, n8n, Flowise and Dify have no way to it.
    if (apps === undefined) return present.filter((app) => hasLitellm || !reachesOnlyThroughLitellm(app, source));
    apps.forEach((app, index) => {
      if (!serviceIds.has(app))
        throw new StackError('AIS_STACK_MODEL_APP_MISSING', {
          path: formatPath(path),
          app,
          hint: `enable it under services: (\`aistack add ${app}\`) or remove it from apps`,
          ...withLocation(locate([...path, 'apps', index])),
        });
      if (reachesOnlyThroughLitellm(app, source) && !apps.includes('litellm'))
        throw new StackError('AIS_STACK_MODEL_NEEDS_LITELLM', {
          path: formatPath(path),
          app,
          source,
          hint: hasLitellm
            ? 'add litellm to apps, or remove the app'
            : 'add LiteLLM to the stack (`aistack add litellm`) and to apps, or remove the app',
          ...withLocation(locate([...path, 'apps', index])),
        });
    });
    return [...new Set(apps)].sort();
  };
  const names = new Map<string, string>();
  const claim = (displayName: string, path: readonly (string | number)[]): void => {
    const first = names.get(displayName);
    if (first !== undefined)
      throw new StackError('AIS_STACK_MODEL_DUPLICATE', {
        displayName,
        first,
        hint: 'give one of them another displayName: the apps tell models apart by it',
        ...withLocation(locate(path)),
      });
    names.set(displayName, formatPath(path));
  };

  const ollama: StackOllamaModel[] = [];
  const declared = settings?.ollama ?? [];
  if (declared.length > 0 && !serviceIds.has(OLLAMA))
    throw new StackError('AIS_STACK_MODELS_NO_OLLAMA', {
      hint: 'add it (`aistack add ollama`), or move the models to a provider under models.providers',
      ...withLocation(locate(['models', 'ollama'])),
    });
  const defaults = declared.flatMap((model, index) => (model.default ? [index] : []));
  if (defaults.length > 1)
    throw new StackError('AIS_STACK_MODEL_DEFAULTS', {
      count: defaults.length,
      hint: 'keep `default: true` on one of them',
      ...withLocation(locate(['models', 'ollama', defaults[1]!, 'default'])),
    });
  declared.forEach((model, index) => {
    const path = ['models', 'ollama', index];
    if (!model.name.includes(':'))
      throw new StackError('AIS_STACK_MODEL_UNTAGGED', {
        index,
        name: model.name,
        hint: `name a tag, e.g. "${model.name}:8b" (ollama.com/library/${model.name.split('/').pop() ?? model.name} lists them)`,
        ...withLocation(locate([...path, 'name'])),
      });
    if (ollama.some((other) => other.name === model.name))
      throw new StackError('AIS_STACK_MODEL_DUPLICATE', {
        index,
        name: model.name,
        hint: 'remove one of them',
        ...withLocation(locate([...path, 'name'])),
      });
    const displayName = model.displayName ?? model.name;
    claim(displayName, [...path, model.displayName ? 'displayName' : 'name']);
    ollama.push({
      source: 'ollama',
      name: model.name,
      displayName,
      apps: appsOf(model.apps, path, 'ollama'),
      keepAlive: model.keepAlive ?? settings?.keepAlive,
      contextLength: model.contextLength ?? DEFAULT_CONTEXT_LENGTH,
      default: defaults.length === 0 ? index === 0 : model.default === true,
    });
  });

  const providers: StackProviderModel[] = [];
  const providerIds = Object.keys(settings?.providers ?? {}).sort();
  if (providerIds.length > 0 && !serviceIds.has(LITELLM))
    throw new StackError('AIS_STACK_MODELS_NO_LITELLM', {
      hint: 'add it (`aistack add litellm`)',
      ...withLocation(locate(['models', 'providers'])),
    });
  for (const provider of providerIds) {
    const entry = settings!.providers![provider]!;
    entry.models.forEach((model, index) => {
      const path = ['models', 'providers', provider, 'models', index];
      const displayName = model.displayName ?? model.name;
      claim(displayName, [...path, model.displayName ? 'displayName' : 'name']);
      providers.push({
        source: 'provider',
        provider,
        name: model.name,
        displayName,
        apps: appsOf(model.apps, path, 'provider'),
        apiBase: entry.apiBase,
        apiKey: entry.apiKeySecret ? { secret: entry.apiKeySecret, variable: providerKeyVariable(provider) } : undefined,
      });
    });
  }

  return {
    ollama,
    providers,
    diskBudgetBytes: settings?.diskBudget === undefined ? undefined : parseSize(settings.diskBudget),
    concurrency: settings?.concurrency ?? 1,
    pullOnDeploy: settings?.pullOnDeploy ?? true,
  };
}

/**
 * The Stack with its models: LiteLLM mounts the rendered config.yaml and reads provider keys from
 * their secret files; Open WebUI gets its default model; Ollama its keep-alive; the other apps the
 * LiteLLM endpoint. Pure; called once by resolveStack.
 */
export function applyModels(stack: Stack, locate: Locate = () => undefined): Stack {
  const serviceIds = new Set(stack.services.map((service) => service.id));
  const models = resolveModels(stack.manifest.models, serviceIds, locate);
  const all = [...models.ollama, ...models.providers];
  if (all.length === 0) return deepFreeze({ ...stack, models });
  const keySecrets = [
    ...new Map(models.providers.flatMap((model) => (model.apiKey ? [[model.apiKey.secret, model.apiKey]] : []))).values(),
  ];
  const litellmUrl = serviceIds.has(LITELLM) ? `http://${LITELLM}:4000/v1` : undefined;
  const namesFor = (app: ModelApp): string[] => all.filter((model) => model.apps.includes(app)).map((model) => model.displayName);

  const userEnv = (id: string): Readonly<Record<string, string>> => stack.manifest.services[id]?.env ?? {};
  const services = stack.services.map((service): StackService => {
    switch (service.id) {
      case OLLAMA: {
        const keepAlive = stack.manifest.models?.keepAlive;
        return keepAlive === undefined ? service : withEnvironment(service, { OLLAMA_KEEP_ALIVE: keepAlive }, userEnv(service.id));
      }
      case LITELLM: {
        if (namesFor('litellm').length === 0) return service;
        return {
          ...service,
          command: [...(service.command ?? []), '--config', LITELLM_CONFIG_FILE],
          files: [...service.files, { source: LITELLM_CONFIG_DIRECTORY, target: LITELLM_CONFIG_TARGET }],
          secretEnvironment: [
            ...service.secretEnvironment,
            ...keySecrets.map((key) => ({ variable: key.variable, secret: key.secret, delivery: 'entrypoint' as const })),
          ].sort((a, b) => a.variable.localeCompare(b.variable)),
          secrets: [...new Set([...service.secrets, ...keySecrets.map((key) => key.secret)])].sort(),
        };
      }
      case 'open-webui':
        return withEnvironment(service, openWebuiModelEnvironment(models), userEnv(service.id));
      case 'n8n':
      case 'flowise':
      case 'dify': {
        const names = namesFor(service.id);
        if (names.length === 0 || litellmUrl === undefined) return service;
        return withEnvironment(service, { AISTACK_LLM_BASE_URL: litellmUrl, AISTACK_LLM_MODELS: names.join(', ') }, userEnv(service.id));
      }
      default:
        return service;
    }
  });

  const secrets: StackSecret[] = [
    ...stack.secrets,
    ...keySecrets
      .filter((key) => !stack.secrets.some((secret) => secret.name === key.secret))
      .map((key): StackSecret => ({
        name: key.secret,
        kind: 'provided',
        protects: `the API key LiteLLM sends to ${models.providers
          .filter((model) => model.apiKey?.secret === key.secret)
          .map((model) => model.apiBase)
          .filter((value, index, list) => list.indexOf(value) === index)
          .join(', ')}`,
        critical: false,
        consumers: [{ service: LITELLM, owner: true, reads: 'at-start' }],
      })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  return deepFreeze({ ...stack, services, secrets, models });
}

/**
 * Open WebUI's model settings (backend/open_webui/config.py, open-webui/open-webui@00b1c6bc; the
 * per-connection `model_ids` since 0.10.2): it lists exactly the models declared for it. One that
 * LiteLLM also serves goes through LiteLLM under its display name (one name in every app, and
 * LiteLLM's num_ctx); an Ollama model declared for Open WebUI but not for LiteLLM comes straight
 * from Ollama under its Ollama name. A connection with nothing to list is switched off, because an
 * empty `model_ids` means "everything the endpoint has". Nothing declared for Open WebUI: nothing set.
 */
export function openWebuiModelEnvironment(models: StackModels): Record<string, string> {
  const declared = [...models.ollama, ...models.providers].filter((model) => model.apps.includes('open-webui'));
  if (declared.length === 0) return {};
  const viaLitellm = (model: StackOllamaModel | StackProviderModel): boolean => model.apps.includes('litellm');
  // Ollama lists `library/x:1` as `x:1` in /api/tags, which model_ids is matched against.
  const idOf = (model: StackOllamaModel | StackProviderModel): string =>
    viaLitellm(model) ? model.displayName : model.name.replace(/^library\//, '');
  const fromOllama = declared.filter((model) => !viaLitellm(model)).map(idOf);
  const fromLitellm = declared.filter(viaLitellm).map(idOf);
  const preferred = models.ollama.find((model) => model.default && model.apps.includes('open-webui')) ?? declared[0]!;
  // Keyed by the connection's index in OLLAMA_BASE_URLS / OPENAI_API_BASE_URLS: the catalog sets one of each.
  const connection = (ids: readonly string[]): string => JSON.stringify({ '0': { enable: true, model_ids: ids } });
  return {
    DEFAULT_MODELS: idOf(preferred),
    ENABLE_OLLAMA_API: fromOllama.length > 0 ? 'true' : 'false',
    ...(fromOllama.length > 0 ? { OLLAMA_API_CONFIGS: connection(fromOllama) } : {}),
    ENABLE_OPENAI_API: fromLitellm.length > 0 ? 'true' : 'false',
    ...(fromLitellm.length > 0 ? { OPENAI_API_CONFIGS: connection(fromLitellm) } : {}),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

function withEnvironment(
  service: StackService,
  extra: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>> = {},
): StackService {
  // The user's own env (services.<id>.env) still wins.
  const merged: Record<string, string> = { ...service.environment, ...extra, ...own };
  return {
    ...service,
    environment: Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}
