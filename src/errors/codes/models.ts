import { formatBytes } from '../../util/format-bytes.js';
import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/models.md, in the order of its table. */
export const modelsErrors = defineErrorCodes({
  AIS_MODELS_UNREACHABLE: {
    meaning: "Ollama's API did not answer (the stack is down, Ollama is not running, or `AISTACK_OLLAMA_URL` is wrong)",
    fix: "`aistack up`; `aistack status` shows Ollama's health",
    // `reason` alone: a failure that is not aistack's own, raised before Ollama could be asked.
    message: (facts: { url: string; reason: string } | { stack: string } | { reason: string }) =>
      'stack' in facts
        ? `Ollama of stack ${facts.stack} is not running`
        : 'url' in facts
          ? `cannot reach Ollama at ${facts.url}: ${facts.reason}`
          : facts.reason,
  },
  AIS_MODELS_NO_OLLAMA: {
    meaning: 'the stack has no Ollama to pull models into',
    fix: '`aistack add ollama`, then `aistack up`',
    message: () => 'Ollama is not in this stack, so there is nothing to pull models into',
  },
  AIS_MODELS_API: {
    meaning: 'Ollama answered with an HTTP error or a line that is not JSON',
    fix: 'see the message; `aistack logs ollama`',
    // `error`: Ollama's own (the `error` of a JSON body, else the body's text); `line`: the first characters are enough.
    message: (facts: { refused: string; status: number; error: string } | { pulling: string; line: string }) =>
      'line' in facts
        ? `Ollama sent a line that is not JSON while pulling ${facts.pulling}: ${facts.line.slice(0, 120)}`
        : `Ollama refused ${facts.refused}: HTTP ${facts.status}${facts.error ? `: ${facts.error.slice(0, 300)}` : ''}`,
  },
  AIS_MODELS_PULL_FAILED: {
    meaning: "Ollama's pull stream ended with an error line (unknown model or tag, registry unreachable, disk full)",
    fix: 'check the name and tag on ollama.com/library; run the pull again',
    message: ({ model, reason }: { model: string; reason: string }) => `pulling ${model} failed: ${reason}`,
  },
  AIS_MODELS_PULL_INTERRUPTED: {
    meaning: 'the connection to Ollama dropped during a pull more often than the resumes allowed',
    fix: 'run `aistack models pull` again: Ollama resumes each layer where it stopped',
    // `unreachable`: the message of the AIS_MODELS_UNREACHABLE error that cut the pull off.
    message: (facts: { model: string; ended: 'dropped' | 'early' } | { unreachable: string }) =>
      'unreachable' in facts
        ? facts.unreachable
        : facts.ended === 'dropped'
          ? `the connection to Ollama dropped while pulling ${facts.model}`
          : `Ollama's pull stream for ${facts.model} ended before "success"`,
  },
  AIS_MODELS_DISK_BUDGET: {
    meaning: 'the model would take the models past `models.diskBudget`; nothing was fetched',
    fix: 'raise the budget, `aistack models prune`, or pick a smaller tag',
    message: ({ model, size, taken, budget }: { model: string; size: number; taken: number; budget: number }) =>
      `${model} needs ${formatBytes(size)}; with ${formatBytes(taken)} already taken by models that makes ${formatBytes(taken + size)}, ` +
      `over models.diskBudget (${formatBytes(budget)}); nothing was fetched`,
  },
  AIS_MODELS_DISK_FULL: {
    meaning: "the model is bigger than the free space in Ollama's volume; nothing was fetched",
    fix: 'free space on the host, or remove models',
    message: ({ model, size, free, afterEarlier }: { model: string; size: number; free: number; afterEarlier: boolean }) =>
      `${model} needs ${formatBytes(size)} but Ollama's volume has ${formatBytes(free)} free` +
      `${afterEarlier ? ' after the models pulled before it' : ''}; nothing was fetched`,
  },
  AIS_MODELS_NOT_DECLARED: {
    meaning: '`aistack models pull <name>` names a model `models.ollama` does not list',
    fix: 'declare it in aistack.yaml (so every app sees it), or pass `--any`',
    message: ({ model }: { model: string }) => `${model} is not in models.ollama of aistack.yaml`,
  },
  AIS_MODELS_CONFIRM_REQUIRED: {
    meaning: '`models prune` would remove models and there is no terminal to confirm on',
    fix: 'run it again with `--yes`',
    message: ({ models }: { models: readonly { name: string; size: number }[] }) =>
      'prune would remove these models, which aistack.yaml does not declare:\n' +
      models.map((model) => `  ${model.name} (${formatBytes(model.size)})`).join('\n'),
  },
});

export type ModelsErrorCode = keyof typeof modelsErrors;

/** What docs/errors/models.md says above its table, one string per paragraph. */
export const modelsErrorsIntro: readonly string[] = [
  '# Model errors (`AIS_MODELS_*`)',
  'Raised by `aistack models …` and by the model pulls of `up` and `deploy` (docs/models.md). A pull that fails during ' +
    "`up`/`deploy` does not fail the rollout: it is reported, recorded in `.aistack/models.json` (the dashboard's " +
    '`/api/models`) and shown by `aistack models list`.',
];
