import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * LiteLLM cannot be installed here (PyPI is unreachable), so its config loader cannot read the
 * file. This test parses the golden config.yaml with a YAML parser and checks it against the
 * shape LiteLLM's proxy reads (docs.litellm.ai/docs/proxy/configs): `model_list` entries with
 * `model_name` and `litellm_params.model`, keys only as `os.environ/<VAR>` references.
 */
const litellmConfig = z.strictObject({
  model_list: z
    .array(
      z.strictObject({
        model_name: z.string().min(1),
        litellm_params: z
          .object({
            model: z.string().regex(/^(ollama_chat|openai)\/.+/),
            api_base: z.url(),
            api_key: z
              .string()
              .regex(/^os\.environ\/[A-Z][A-Z0-9_]*$/)
              .optional(),
            num_ctx: z.number().int().positive().optional(),
            keep_alive: z.string().optional(),
          })
          .strict(),
        model_info: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .min(1),
  litellm_settings: z.object({ drop_params: z.boolean() }).optional(),
});

const golden = path.join(import.meta.dirname, 'golden/models/expected/litellm/config.yaml');

describe('the rendered LiteLLM config.yaml', () => {
  it('parses as YAML into the shape LiteLLM reads, with unique model names', async () => {
    const config = litellmConfig.parse(parse(await readFile(golden, 'utf8')));
    const names = config.model_list.map((entry) => entry.model_name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['llama-small', 'qwen2.5-coder:7b', 'mistral:7b', 'gpt-4o-mini', 'gpt-big']);
  });

  it('routes Ollama models to the stack Ollama and keeps provider keys out of the file', async () => {
    const text = await readFile(golden, 'utf8');
    const config = litellmConfig.parse(parse(text));
    for (const entry of config.model_list.filter((item) => item.litellm_params.model.startsWith('ollama_chat/')))
      expect(entry.litellm_params.api_base).toBe('http://ollama:11434');
    expect(config.model_list.filter((item) => item.litellm_params.api_key).map((item) => item.litellm_params.api_key)).toEqual([
      'os.environ/AISTACK_OPENAI_API_KEY',
      'os.environ/AISTACK_OPENAI_API_KEY',
    ]);
    expect(text).not.toMatch(/sk-[A-Za-z0-9]/);
  });
});
