import { errorResponses } from '../../schemas.js';

/** The largest aistack.yaml the console takes (the file itself; the request around it may be a little larger). */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** Body limit of the routes that carry a manifest. */
export const MANIFEST_BODY_LIMIT = MAX_MANIFEST_BYTES + 16 * 1024;

export const manifestText = { type: 'string', maxLength: MAX_MANIFEST_BYTES } as const;
/** SHA-256, hex. */
export const version = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
export const revisionId = { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } as const;

export const conflictSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'message', 'diff', 'version'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    hint: { type: 'string' },
    /** Unified diff from the version the page loaded to the file on disk ('' when the conflict is another operation). */
    diff: { type: 'string' },
    /** Version of the file on disk now ('' when the conflict is another operation). */
    version: { type: 'string' },
  },
} as const;

export const consoleErrors = { ...errorResponses, 409: conflictSchema } as const;

export const problemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'message', 'hint', 'line', 'column', 'text'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    hint: { type: 'string' },
    line: { type: 'integer' },
    column: { type: 'integer' },
    text: { type: 'string' },
  },
} as const;

const names = { type: 'array', items: { type: 'string' } } as const;

export const previewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['problems', 'manifestDiff', 'files', 'findings', 'outsidePaths', 'blocked', 'needsConfirmation'],
  properties: {
    problems: { type: 'array', items: problemSchema },
    manifestDiff: { type: 'string' },
    files: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'diff'],
        properties: { path: { type: 'string' }, diff: { type: 'string' } },
      },
    },
    plan: {
      type: 'object',
      additionalProperties: false,
      required: ['created', 'recreated', 'reloaded', 'removed', 'unchanged', 'unusedVolumes'],
      properties: { created: names, recreated: names, reloaded: names, removed: names, unchanged: names, unusedVolumes: names },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['severity', 'text'],
        properties: { severity: { type: 'string' }, text: { type: 'string' } },
      },
    },
    outsidePaths: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'value', 'resolved'],
        properties: { key: { type: 'string' }, value: { type: 'string' }, resolved: { type: 'string' } },
      },
    },
    baseRevision: { type: 'integer' },
    blocked: { type: 'boolean' },
    needsConfirmation: { type: 'boolean' },
  },
} as const;
