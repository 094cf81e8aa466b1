import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/stack.md, in the order of its table. */
export const stackErrors = defineErrorCodes({
  AIS_STACK_UNKNOWN_SERVICE: {
    meaning: '`services:` names an id the catalog does not have',
    fix: 'use an id from `aistack services`, or declare it under `custom:`',
    message: ({ id, suggestion }: { id: string; suggestion: string }) => `unknown service "${id}"; did you mean "${suggestion}"?`,
  },
  AIS_STACK_ID_CLASH: {
    meaning: 'a custom service has the id of a catalog service',
    fix: 'rename the custom service, or enable the catalog one',
    message: ({ id }: { id: string }) => `custom service "${id}" has the id of a catalog service`,
  },
  AIS_STACK_UNKNOWN_DEPENDENCY: {
    meaning: "a custom service's `dependsOn` names a service that is not in the stack",
    fix: 'name an enabled or custom service',
    message: ({ id, dependency, suggestion }: { id: string; dependency: string; suggestion: string }) =>
      `custom service "${id}" depends on unknown service "${dependency}"; did you mean "${suggestion}"?`,
  },
  AIS_STACK_CYCLE: {
    meaning: 'services wait for each other in a circle',
    fix: 'remove one `dependsOn` entry of the cycle shown',
    message: ({ cycle }: { cycle: readonly string[] }) => `dependency cycle: ${cycle.join(' → ')}`,
  },
  AIS_STACK_ROUTE_CLASH: {
    meaning: 'two services, or a service and the console route, would be served at the same URL',
    fix: 'give one another `route.subdomain` (the console: `console.subdomain`)',
    message: (clash: { owner: string; id: string; url: string } | { owner: string; consoleHost: string }) =>
      'consoleHost' in clash
        ? `the console route and service "${clash.owner}" both use ${clash.consoleHost}`
        : `services "${clash.owner}" and "${clash.id}" both route to ${clash.url}`,
  },
  AIS_STACK_SUBPATH_UNSUPPORTED: {
    meaning: '`route.path` on a service that cannot live under a sub-path',
    fix: 'use a subdomain (`route.subdomain`)',
    message: ({ title, path }: { title: string; path: string }) =>
      `${title} cannot be served under a sub-path (${path}); it needs its own subdomain`,
  },
  AIS_STACK_PORT_CONFLICT: {
    meaning: 'two services (or a service and the proxy) want the same host port',
    fix: 'pick another `directPort`, or `directPort: true` to take one from the plan',
    message: (conflict: { port: number; service: string; takenBy: string } | { proxyPort: number }) =>
      'proxyPort' in conflict
        ? `proxy.httpPort and proxy.httpsPort are both ${conflict.proxyPort}`
        : `direct port ${conflict.port} of "${conflict.service}" is already taken by ${conflict.takenBy}`,
  },
  AIS_STACK_NO_PORT: {
    meaning: 'a custom service asks for a direct port but declares no container port',
    fix: 'add `port:` to the custom service',
    message: ({ id }: { id: string }) => `custom service "${id}" asks for a direct port but declares no container port`,
  },
  AIS_STACK_GPU_UNSUPPORTED: {
    meaning: '`gpu` on a service that cannot use a GPU, or that cannot use this vendor',
    fix: 'remove `gpu`, or name a vendor the service supports',
    // Without a vendor: the service cannot use any GPU.
    message: ({ title, vendor }: { title: string; vendor?: 'nvidia' | 'amd' }) =>
      vendor === undefined ? `${title} cannot use a GPU` : `${title} cannot use an ${vendor === 'amd' ? 'AMD' : 'NVIDIA'} GPU`,
  },
  AIS_STACK_GPU_NOT_ON_HOST: {
    meaning:
      '`up`, `deploy` or `check` found no GPU of the vendor `gpu` names that containers on this host can use (Docker would refuse to start the service)',
    fix: 'set `gpu` to the vendor this host has, `false` to run on the CPU, or fix what `aistack doctor` reports (`check --no-probe` skips the host)',
    message: ({ service, vendor, detected }: { service: string; vendor: 'nvidia' | 'amd'; detected: string }) =>
      `services.${service}.gpu asks for ${vendor === 'amd' ? 'AMD ROCm' : 'NVIDIA'}, but containers on this host cannot have it: detected ${detected}`,
  },
  AIS_STACK_DURATION: {
    meaning: 'a duration is not of the form 30s, 5m, 2h or 7d',
    fix: 'write it as a number and a unit',
    message: ({ value }: { value: string }) => `"${value}" is not a duration such as 30s, 5m, 2h or 7d`,
  },
  AIS_STACK_MODEL_APP_MISSING: {
    meaning: "a model's `apps` names an app that is not in the stack",
    fix: 'enable the app (`aistack add <id>`) or remove it from `apps`',
    message: ({ path, app }: { path: string; app: string }) => `${path}.apps: "${app}" is not in the stack`,
  },
  AIS_STACK_MODEL_DUPLICATE: {
    meaning: 'two models have the same name the apps see (`displayName`, else the name), or one Ollama model is listed twice',
    fix: 'give one of them another `displayName`, or remove the repeat',
    message: (duplicate: { displayName: string; first: string } | { index: number; name: string }) =>
      'displayName' in duplicate
        ? `two models are called "${duplicate.displayName}" (the first is ${duplicate.first})`
        : `models.ollama[${duplicate.index}].name: "${duplicate.name}" is listed twice`,
  },
  AIS_STACK_MODEL_NEEDS_LITELLM: {
    meaning:
      "a model's `apps` names an app that reaches models only through LiteLLM (n8n, Flowise, Dify; Open WebUI for a hosted " +
      'model) but not `litellm`, which would then not serve it',
    fix: 'add `litellm` to its `apps`, or remove the app',
    message: ({ path, app, source }: { path: string; app: string; source: 'ollama' | 'provider' }) =>
      `${path}.apps: "${app}" reaches ${source === 'provider' ? 'hosted models' : 'models'} through LiteLLM, ` +
      'which serves only the models whose apps list "litellm"',
  },
  AIS_STACK_MODEL_DEFAULTS: {
    meaning: 'more than one Ollama model has `default: true`',
    fix: 'keep it on one',
    message: ({ count }: { count: number }) => `models.ollama: ${count} models are marked default; Open WebUI has one default model`,
  },
  AIS_STACK_MODEL_UNTAGGED: {
    meaning: 'an Ollama model has no `:tag`, so it would pull whatever `latest` is that day',
    fix: 'name a tag, e.g. `llama3.1:8b`',
    message: ({ index, name }: { index: number; name: string }) =>
      `models.ollama[${index}].name: "${name}" has no tag, so Ollama would pull whatever "latest" is that day`,
  },
  AIS_STACK_MODEL_SIZE: {
    meaning: '`models.diskBudget` is not a size',
    fix: 'write it as `40g`, `500m` …',
    message: ({ text }: { text: string }) => `"${text}" is not a size such as 40g`,
  },
  AIS_STACK_MODELS_NO_OLLAMA: {
    meaning: '`models.ollama` lists models but Ollama is not in the stack',
    fix: '`aistack add ollama`, or move them under `models.providers`',
    message: () => 'models.ollama lists models but Ollama is not in the stack',
  },
  AIS_STACK_MODELS_NO_LITELLM: {
    meaning: '`models.providers` lists hosted providers but LiteLLM is not in the stack',
    fix: '`aistack add litellm`',
    message: () => 'models.providers lists hosted providers but LiteLLM, which routes to them, is not in the stack',
  },
});

export type StackErrorCode = keyof typeof stackErrors;
