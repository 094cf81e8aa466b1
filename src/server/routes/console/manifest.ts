import type { FastifyPluginAsync } from 'fastify';
import type { ManifestValueEdit } from '../../../manifest/set-values.js';
import { setManifestValues } from '../../../manifest/set-values.js';
import { addServices, removeServices } from '../../../manifest/edit.js';
import { AistackError } from '../../../errors.js';
import type { ConsoleService } from '../../console/console-service.js';
import { describeFormModel } from '../../console/form-model.js';
import { hashManifest } from '../../console/manifest-version.js';
import { readManifestValues } from '../../console/read-values.js';
import { consoleErrors, MANIFEST_BODY_LIMIT, manifestText, previewSchema, problemSchema, version } from './console-schemas.js';

export interface ConsoleRoutesOptions {
  readonly service: ConsoleService;
}

const keyPath = { type: 'array', minItems: 1, maxItems: 8, items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$' } } as const;
/** The values as written in aistack.yaml (no secrets live there). */
const values = { type: 'object', additionalProperties: true } as const;
const scalar = {
  anyOf: [{ type: 'string', maxLength: 4096 }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
} as const;

/**
 * aistack.yaml itself: read it with its version, validate and preview a new text (the CLI's
 * parser, renderer and check), and apply form edits to a text without losing its comments.
 */
export const consoleManifestRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, { service }) => {
  app.get(
    '/api/console/manifest',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['text', 'version', 'problems', 'values'],
            properties: { text: { type: 'string' }, version, problems: { type: 'array', items: problemSchema }, values },
          },
          ...consoleErrors,
        },
      },
    },
    async () => {
      const { text, version: current } = await service.readManifest();
      return { text, version: current, problems: service.validate(text), values: readManifestValues(text) };
    },
  );

  app.get(
    '/api/console/form',
    { schema: { response: { 200: { type: 'object', additionalProperties: true }, ...consoleErrors } } },
    async () => describeFormModel(),
  );

  app.post<{ Body: { text: string } }>(
    '/api/console/validate',
    {
      bodyLimit: MANIFEST_BODY_LIMIT,
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: manifestText } },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['ok', 'problems', 'version', 'values'],
            properties: { ok: { type: 'boolean' }, problems: { type: 'array', items: problemSchema }, version, values },
          },
          ...consoleErrors,
        },
      },
    },
    async (request) => {
      const problems = service.validate(request.body.text);
      return {
        ok: problems.length === 0,
        problems,
        version: hashManifest(request.body.text),
        values: readManifestValues(request.body.text),
      };
    },
  );

  app.post<{ Body: { text: string } }>(
    '/api/console/preview',
    {
      bodyLimit: MANIFEST_BODY_LIMIT,
      schema: {
        body: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: manifestText } },
        response: { 200: previewSchema, ...consoleErrors },
      },
    },
    async (request) => service.preview(request.body.text),
  );

  app.post<{
    Body: { text: string; edits?: { path: string[]; value?: unknown; remove?: boolean }[]; enable?: string[]; disable?: string[] };
  }>(
    '/api/console/edit',
    {
      bodyLimit: MANIFEST_BODY_LIMIT,
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: {
            text: manifestText,
            edits: {
              type: 'array',
              maxItems: 64,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['path'],
                properties: {
                  path: keyPath,
                  value: {
                    anyOf: [
                      scalar,
                      {
                        type: 'object',
                        maxProperties: 64,
                        additionalProperties: { type: 'string', maxLength: 4096 },
                        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                      },
                    ],
                  },
                  remove: { type: 'boolean' },
                },
              },
            },
            enable: { type: 'array', maxItems: 32, items: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,40}$' } },
            disable: { type: 'array', maxItems: 32, items: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,40}$' } },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['text', 'problems', 'values'],
            properties: { text: { type: 'string' }, problems: { type: 'array', items: problemSchema }, values },
          },
          ...consoleErrors,
        },
      },
    },
    async (request) => {
      let text = request.body.text;
      try {
        if (request.body.enable?.length) text = addServices(text, request.body.enable);
        if (request.body.disable?.length) text = removeServices(text, request.body.disable);
        const edits = (request.body.edits ?? []).map((edit): ManifestValueEdit =>
          edit.remove === true || edit.value === undefined
            ? { path: edit.path }
            : { path: edit.path, value: edit.value as NonNullable<ManifestValueEdit['value']> },
        );
        text = setManifestValues(text, edits);
      } catch (error: unknown) {
        if (!(error instanceof AistackError)) throw error;
        return {
          text: request.body.text,
          problems: [{ code: error.code, message: error.message, hint: error.hint ?? '', line: 1, column: 1, text: error.format() }],
          values: readManifestValues(request.body.text),
        };
      }
      return { text, problems: service.validate(text), values: readManifestValues(text) };
    },
  );
};
