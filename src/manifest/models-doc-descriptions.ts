/* Descriptions of the `models:` keys for docs/manifest.md (see doc-descriptions.ts); docs/models.md explains the whole. */

const apps =
  'Which apps get it: `litellm`, `open-webui`, `n8n`, `flowise`, `dify`. n8n, Flowise and Dify (and Open WebUI, for a ' +
  'hosted model) reach it through LiteLLM, so a list naming them needs `litellm` too. Default: every one of them in the ' +
  'stack that can reach it.';

export const MODELS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'models.ollama':
    'Models Ollama serves. `up` and `deploy` pull the missing ones once Ollama is healthy; `aistack models` pulls, lists and removes them (docs/models.md).',
  'models.ollama[].name':
    'Ollama name and tag, e.g. `llama3.2:3b` or `qwen2.5-coder:7b`. A name without a tag means `latest`, which moves: give a tag.',
  'models.ollama[].displayName': 'Name the apps show (LiteLLM `model_name`). Default: the Ollama name.',
  'models.ollama[].apps': apps,
  'models.ollama[].keepAlive':
    'How long Ollama keeps it loaded after a request, e.g. `10m`; `0` unloads at once, `-1` keeps it loaded. Default: `models.keepAlive`, else 5m.',
  'models.ollama[].contextLength':
    'Context window in tokens: LiteLLM sends it as `num_ctx`, and the VRAM estimate counts its KV cache. Default: 4096.',
  'models.ollama[].default':
    "Open WebUI's default model, `DEFAULT_MODELS` (at most one). Default: the first Ollama model; when Open WebUI does not " +
    'get it, the first model declared for Open WebUI.',
  'models.providers': 'Hosted OpenAI-compatible APIs LiteLLM routes to, keyed by an id of your choice (`openai`, `groq` …).',
  'models.providers.<id>.apiBase': 'Base URL of the OpenAI-compatible API, e.g. `https://api.openai.com/v1`.',
  'models.providers.<id>.apiKeySecret':
    'Name of the secret with the API key: write the key to `.aistack/secrets/<name>` (mode 0600). LiteLLM gets it through ' +
    'its environment at start; the value is never in a rendered file. Default: no key.',
  'models.providers.<id>.models': 'The models of this provider that LiteLLM offers.',
  'models.providers.<id>.models[].name': "The provider's model id, e.g. `gpt-4o-mini`.",
  'models.providers.<id>.models[].displayName': "Name the apps show. Default: the provider's model id.",
  'models.providers.<id>.models[].apps': apps,
  'models.keepAlive': 'Keep-alive of every Ollama model without its own (`OLLAMA_KEEP_ALIVE`). Default: 5m.',
  'models.diskBudget':
    "Most disk all models may take in Ollama's volume, e.g. `40g`. A pull that would pass it (or the volume's free space) " +
    'fails before any byte, with the numbers. Default: free space only.',
  'models.concurrency': 'How many models are pulled at once. Default: 1.',
  'models.pullOnDeploy': 'Pull the missing models during `up` and `deploy`. Default: true.',
};
