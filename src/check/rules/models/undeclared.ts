import { defineRule } from '../../define-rule.js';
import { isRecord } from '../../model/compose-model.js';
import { parseYamlSource } from '../../model/yaml-source.js';
import type { YamlSource } from '../../model/yaml-source.js';
import type { DeclaredModel, Range } from '../../types.js';

/**
 * The variables through which an app is pointed at a model, per catalog service, and whether the
 * value is a comma-separated list. Open WebUI's names are from backend/open_webui/config.py
 * (open-webui/open-webui@00b1c6bc); AISTACK_LLM_MODELS is what aistack hands n8n, Flowise and Dify.
 * LiteLLM takes its models from the rendered config.yaml only, so it has none.
 */
export const MODEL_VARIABLES: Readonly<Record<string, Readonly<Record<string, 'list' | 'one'>>>> = {
  'open-webui': {
    DEFAULT_MODELS: 'list',
    DEFAULT_PINNED_MODELS: 'list',
    TASK_MODEL: 'one',
    TASK_MODEL_EXTERNAL: 'one',
    CONTEXT_COMPACTION_MODEL: 'one',
  },
  n8n: { AISTACK_LLM_MODELS: 'list' },
  flowise: { AISTACK_LLM_MODELS: 'list' },
  dify: { AISTACK_LLM_MODELS: 'list' },
};

/** Ollama's reading of a name: the `library/` namespace and registry host dropped, `:latest` when untagged. */
export function normalizeOllamaName(name: string): string {
  const bare = name.replace(/^registry\.ollama\.ai\//, '').replace(/^library\//, '');
  const last = bare.slice(bare.lastIndexOf('/') + 1);
  return last.includes(':') ? bare : `${bare}:latest`;
}

/** The names an app may use for a declared model: its display name, its own name, and the forms Ollama and LiteLLM accept. */
function namesOf(model: DeclaredModel): string[] {
  return model.source === 'ollama'
    ? [model.displayName, model.name, normalizeOllamaName(model.name)]
    : [model.displayName, model.name, `${model.provider ?? ''}/${model.name}`];
}

function matches(model: DeclaredModel, reference: string): boolean {
  const names = namesOf(model);
  return names.includes(reference) || (model.source === 'ollama' && names.includes(normalizeOllamaName(reference)));
}

/** Each name in a value with its offset in the value. */
function splitNames(value: string, kind: 'list' | 'one'): { name: string; offset: number }[] {
  if (kind === 'one') {
    const name = value.trim();
    return name === '' ? [] : [{ name, offset: value.indexOf(name) }];
  }
  const names: { name: string; offset: number }[] = [];
  let start = 0;
  for (const part of value.split(',')) {
    const name = part.trim();
    if (name !== '') names.push({ name, offset: start + part.indexOf(name) });
    start += part.length + 1;
  }
  return names;
}

function rangeOfName(source: YamlSource, env: object, variable: string, offset: number, length: number): Range | undefined {
  const start = source.valueStart(env, variable);
  if (!start) return undefined;
  if (start.block) return source.entry(env, variable)?.value;
  const from = start.offset + (start.quoted ? 1 : 0) + offset;
  return source.rangeAt(from, from + length);
}

export const modelsUndeclared = defineRule({
  id: 'models/undeclared',
  severity: 'warning',
  description: 'Require every model an app is pointed at in aistack.yaml to be declared under models:',
  messages: {
    undeclared:
      'services.{{service}}.env.{{variable}} names "{{model}}", which models: does not declare ({{declared}}); declare it ' +
      'under models.ollama or models.providers, or name a declared one',
    untagged:
      'services.{{service}}.env.{{variable}} names "{{model}}", which Ollama reads as "{{latest}}"; models: declares {{similar}}: name that tag',
    notForApp:
      'services.{{service}}.env.{{variable}} names "{{model}}", which is declared for {{apps}} but not for {{service}}; add {{service}} to its apps',
  },
  check(context) {
    const project = context.project;
    if (!project?.manifest || !project.models) return;
    let source: YamlSource;
    try {
      source = parseYamlSource(project.manifest.file, project.manifest.text);
    } catch {
      return; // aistack.yaml that does not parse never got this far; its own error says where
    }
    const services = isRecord(source.value) ? source.value.services : undefined;
    if (!isRecord(services)) return;
    const declared = project.models;
    const declaredList = declared.length === 0 ? 'none' : declared.map((model) => model.displayName).join(', ');
    for (const [service, variables] of Object.entries(MODEL_VARIABLES)) {
      const settings = services[service];
      const env = isRecord(settings) ? settings.env : undefined;
      if (!isRecord(env)) continue;
      for (const [variable, kind] of Object.entries(variables)) {
        const value = env[variable];
        if (typeof value !== 'string') continue;
        for (const { name, offset } of splitNames(value, kind)) {
          const found = declared.filter((model) => matches(model, name));
          const forApp = found.filter((model) => model.apps.includes(service));
          if (forApp.length > 0) continue;
          const range = rangeOfName(source, env, variable, offset, name.length);
          if (!range) continue;
          const file = project.manifest.file;
          if (found.length > 0) {
            const apps = [...new Set(found.flatMap((model) => model.apps))].join(', ');
            context.report({ messageId: 'notForApp', data: { service, variable, model: name, apps }, file, range });
            continue;
          }
          const latest = normalizeOllamaName(name);
          const base = latest.slice(0, latest.lastIndexOf(':'));
          const similar = declared.filter(
            (model) => model.source === 'ollama' && normalizeOllamaName(model.name).startsWith(`${base}:`) && !name.includes(':'),
          );
          if (similar.length > 0)
            context.report({
              messageId: 'untagged',
              data: { service, variable, model: name, latest, similar: similar.map((model) => model.name).join(', ') },
              file,
              range,
            });
          else context.report({ messageId: 'undeclared', data: { service, variable, model: name, declared: declaredList }, file, range });
        }
      }
    }
  },
});
