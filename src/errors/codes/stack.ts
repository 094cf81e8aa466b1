import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/stack.md, in the order of its table. */
export const stackErrors = defineErrorCodes({
  AIS_STACK_UNKNOWN_SERVICE: {
    meaning: '`services:` names an id the catalog does not have',
    fix: 'use an id from `aistack services`, or declare it under `custom:`',
  },
  AIS_STACK_ID_CLASH: {
    meaning: 'a custom service has the id of a catalog service',
    fix: 'rename the custom service, or enable the catalog one',
  },
  AIS_STACK_UNKNOWN_DEPENDENCY: {
    meaning: "a custom service's `dependsOn` names a service that is not in the stack",
    fix: 'name an enabled or custom service',
  },
  AIS_STACK_CYCLE: {
    meaning: 'services wait for each other in a circle',
    fix: 'remove one `dependsOn` entry of the cycle shown',
    message: ({ cycle }: { cycle: readonly string[] }) => `dependency cycle: ${cycle.join(' → ')}`,
  },
  AIS_STACK_ROUTE_CLASH: {
    meaning: 'two services, or a service and the console route, would be served at the same URL',
    fix: 'give one another `route.subdomain` (the console: `console.subdomain`)',
  },
  AIS_STACK_SUBPATH_UNSUPPORTED: {
    meaning: '`route.path` on a service that cannot live under a sub-path',
    fix: 'use a subdomain (`route.subdomain`)',
  },
  AIS_STACK_PORT_CONFLICT: {
    meaning: 'two services (or a service and the proxy) want the same host port',
    fix: 'pick another `directPort`, or `directPort: true` to take one from the plan',
  },
  AIS_STACK_NO_PORT: {
    meaning: 'a custom service asks for a direct port but declares no container port',
    fix: 'add `port:` to the custom service',
  },
  AIS_STACK_GPU_UNSUPPORTED: {
    meaning: '`gpu` on a service that cannot use a GPU, or that cannot use this vendor',
    fix: 'remove `gpu`, or name a vendor the service supports',
  },
  AIS_STACK_GPU_NOT_ON_HOST: {
    meaning:
      '`up`, `deploy` or `check` found no GPU of the vendor `gpu` names that containers on this host can use (Docker would refuse to start the service)',
    fix: 'set `gpu` to the vendor this host has, `false` to run on the CPU, or fix what `aistack doctor` reports (`check --no-probe` skips the host)',
  },
  AIS_STACK_DURATION: {
    meaning: 'a duration is not of the form 30s, 5m, 2h or 7d',
    fix: 'write it as a number and a unit',
  },
  AIS_STACK_MODEL_APP_MISSING: {
    meaning: "a model's `apps` names an app that is not in the stack",
    fix: 'enable the app (`aistack add <id>`) or remove it from `apps`',
  },
  AIS_STACK_MODEL_DUPLICATE: {
    meaning: 'two models have the same name the apps see (`displayName`, else the name), or one Ollama model is listed twice',
    fix: 'give one of them another `displayName`, or remove the repeat',
  },
  AIS_STACK_MODEL_NEEDS_LITELLM: {
    meaning:
      "a model's `apps` names an app that reaches models only through LiteLLM (n8n, Flowise, Dify; Open WebUI for a hosted " +
      'model) but not `litellm`, which would then not serve it',
    fix: 'add `litellm` to its `apps`, or remove the app',
  },
  AIS_STACK_MODEL_DEFAULTS: {
    meaning: 'more than one Ollama model has `default: true`',
    fix: 'keep it on one',
  },
  AIS_STACK_MODEL_UNTAGGED: {
    meaning: 'an Ollama model has no `:tag`, so it would pull whatever `latest` is that day',
    fix: 'name a tag, e.g. `llama3.1:8b`',
  },
  AIS_STACK_MODEL_SIZE: {
    meaning: '`models.diskBudget` is not a size',
    fix: 'write it as `40g`, `500m` …',
  },
  AIS_STACK_MODELS_NO_OLLAMA: {
    meaning: '`models.ollama` lists models but Ollama is not in the stack',
    fix: '`aistack add ollama`, or move them under `models.providers`',
  },
  AIS_STACK_MODELS_NO_LITELLM: {
    meaning: '`models.providers` lists hosted providers but LiteLLM is not in the stack',
    fix: '`aistack add litellm`',
  },
});

export type StackErrorCode = keyof typeof stackErrors;
