import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/models.md, in the order of its table. */
export const modelsErrors = defineErrorCodes({
  AIS_MODELS_UNREACHABLE: {
    meaning: "Ollama's API did not answer (the stack is down, Ollama is not running, or `AISTACK_OLLAMA_URL` is wrong)",
    fix: "`aistack up`; `aistack status` shows Ollama's health",
  },
  AIS_MODELS_NO_OLLAMA: {
    meaning: 'the stack has no Ollama to pull models into',
    fix: '`aistack add ollama`, then `aistack up`',
  },
  AIS_MODELS_API: {
    meaning: 'Ollama answered with an HTTP error or a line that is not JSON',
    fix: 'see the message; `aistack logs ollama`',
  },
  AIS_MODELS_PULL_FAILED: {
    meaning: "Ollama's pull stream ended with an error line (unknown model or tag, registry unreachable, disk full)",
    fix: 'check the name and tag on ollama.com/library; run the pull again',
  },
  AIS_MODELS_PULL_INTERRUPTED: {
    meaning: 'the connection to Ollama dropped during a pull more often than the resumes allowed',
    fix: 'run `aistack models pull` again: Ollama resumes each layer where it stopped',
  },
  AIS_MODELS_DISK_BUDGET: {
    meaning: 'the model would take the models past `models.diskBudget`; nothing was fetched',
    fix: 'raise the budget, `aistack models prune`, or pick a smaller tag',
  },
  AIS_MODELS_DISK_FULL: {
    meaning: "the model is bigger than the free space in Ollama's volume; nothing was fetched",
    fix: 'free space on the host, or remove models',
  },
  AIS_MODELS_NOT_DECLARED: {
    meaning: '`aistack models pull <name>` names a model `models.ollama` does not list',
    fix: 'declare it in aistack.yaml (so every app sees it), or pass `--any`',
  },
  AIS_MODELS_CONFIRM_REQUIRED: {
    meaning: '`models prune` would remove models and there is no terminal to confirm on',
    fix: 'run it again with `--yes`',
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
