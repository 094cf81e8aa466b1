/**
 * JSON schemas of the API's answers. fastify serializes every response through them, so a field
 * that is not listed here (a secret added to an engine object one day) never reaches a client.
 */

const nullableString = { type: 'string' } as const;

export const checkResultSchema = {
  $id: 'checkResult',
  type: 'object',
  additionalProperties: false,
  required: ['monitorId', 'at', 'ok', 'degraded', 'latencyMs', 'message'],
  properties: {
    monitorId: { type: 'string' },
    at: { type: 'number' },
    ok: { type: 'boolean' },
    degraded: { type: 'boolean' },
    latencyMs: { type: 'number' },
    message: { type: 'string' },
  },
} as const;

export const monitorStatusSchema = {
  $id: 'monitorStatus',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'type', 'state', 'since', 'uptime24h', 'recentLatencies'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    service: nullableString,
    type: { type: 'string' },
    state: { type: 'string', enum: ['up', 'down', 'degraded', 'pending'] },
    since: { type: 'number' },
    lastCheck: { $ref: 'checkResult#' },
    uptime24h: { type: 'number' },
    recentLatencies: { type: 'array', items: { type: 'number' } },
  },
} as const;

export const containerSchema = {
  $id: 'container',
  type: 'object',
  additionalProperties: false,
  required: [
    'service',
    'containerId',
    'containerName',
    'at',
    'state',
    'cpuPercent',
    'memoryBytes',
    'memoryWorkingSetBytes',
    'memoryLimitBytes',
    'restarts',
    'oomKilled',
    'image',
  ],
  properties: {
    service: { type: 'string' },
    containerId: { type: 'string' },
    containerName: { type: 'string' },
    at: { type: 'number' },
    state: { type: 'string' },
    health: { type: 'string' },
    cpuPercent: { type: 'number' },
    memoryBytes: { type: 'number' },
    memoryWorkingSetBytes: { type: 'number' },
    memoryLimitBytes: { type: 'number' },
    networkRxBytes: { type: 'number' },
    networkTxBytes: { type: 'number' },
    blockReadBytes: { type: 'number' },
    blockWriteBytes: { type: 'number' },
    restarts: { type: 'number' },
    oomKilled: { type: 'boolean' },
    image: { type: 'string' },
    startedAt: { type: 'string' },
  },
} as const;

export const hostSchema = {
  $id: 'host',
  type: 'object',
  additionalProperties: false,
  required: ['at', 'cpuPercent', 'memoryTotalBytes', 'memoryAvailableBytes', 'diskTotalBytes', 'diskFreeBytes'],
  properties: {
    at: { type: 'number' },
    cpuPercent: { type: 'number' },
    memoryTotalBytes: { type: 'number' },
    memoryAvailableBytes: { type: 'number' },
    diskTotalBytes: { type: 'number' },
    diskFreeBytes: { type: 'number' },
  },
} as const;

export const seriesPointSchema = {
  $id: 'seriesPoint',
  type: 'object',
  additionalProperties: false,
  required: ['at', 'value'],
  properties: { at: { type: 'number' }, value: { type: 'number' } },
} as const;

export const logLineSchema = {
  $id: 'logLine',
  type: 'object',
  additionalProperties: false,
  required: ['service', 'at', 'stream', 'level', 'text'],
  properties: {
    service: { type: 'string' },
    at: { type: 'number' },
    stream: { type: 'string', enum: ['stdout', 'stderr'] },
    level: { type: 'string', enum: ['error', 'warn', 'info', 'debug', 'unknown'] },
    text: { type: 'string' },
  },
} as const;

export const alertSchema = {
  $id: 'alert',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'ruleId', 'key', 'severity', 'state', 'summary', 'startedAt'],
  properties: {
    id: { type: 'number' },
    ruleId: { type: 'string' },
    key: { type: 'string' },
    service: { type: 'string' },
    severity: { type: 'string', enum: ['critical', 'warning', 'info'] },
    state: { type: 'string', enum: ['firing', 'resolved'] },
    summary: { type: 'string' },
    startedAt: { type: 'number' },
    resolvedAt: { type: 'number' },
    lastNotifiedAt: { type: 'number' },
  },
} as const;

export const alertRuleSchema = {
  $id: 'alertRule',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'metric', 'forMs', 'severity', 'builtIn'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    metric: { type: 'string' },
    service: { type: 'string' },
    threshold: { type: 'number' },
    forMs: { type: 'number' },
    severity: { type: 'string', enum: ['critical', 'warning', 'info'] },
    builtIn: { type: 'boolean' },
  },
} as const;

/** Shared schemas, registered once with `app.addSchema`. */
export const sharedSchemas = [
  checkResultSchema,
  monitorStatusSchema,
  containerSchema,
  hostSchema,
  seriesPointSchema,
  logLineSchema,
  alertSchema,
  alertRuleSchema,
] as const;

/** Error answers of every route (see error-status.ts). */
export const errorResponses = {
  '4xx': { $ref: 'error#' },
  '5xx': { $ref: 'error#' },
} as const;

/** A POST without fields: the client sends `{}`. */
export const emptyBodySchema = { type: 'object', additionalProperties: false, properties: {} } as const;

/** The one form of an SSE route's declared answer: the stream is written by hand. */
export const eventStreamResponse = { 200: { type: 'string' }, ...errorResponses } as const;
