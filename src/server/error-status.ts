import type { FastifyError, FastifyInstance } from 'fastify';
import { AistackError, wordProblem } from '../errors.js';
import { ERROR_CODES, isErrorCode } from '../errors/error-codes.js';
import type { ErrorCode } from '../errors/error-codes.js';

/** The JSON body of every error answer. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export const errorBodySchema = {
  $id: 'error',
  type: 'object',
  required: ['code', 'message'],
  additionalProperties: false,
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    hint: { type: 'string' },
  },
} as const;

/**
 * HTTP status for an error code: the `status` its declaration gives (src/errors/codes/server.ts
 * holds them, as fastify's `createError(code, message, status)` keeps the status beside the code),
 * else 500.
 */
export function statusForCode(code: ErrorCode): number {
  return isErrorCode(code) ? (ERROR_CODES[code].status ?? 500) : 500;
}

/**
 * Turn any thrown error into `{ code, message, hint }` with its status. Our own errors keep their
 * message (they never carry secrets); anything else becomes a bare "internal error" so stack
 * traces and driver messages do not leak.
 */
export function describeError(error: unknown): { readonly status: number; readonly body: ErrorBody } {
  if (error instanceof AistackError) {
    const body: ErrorBody =
      error.hint === undefined
        ? { code: error.code, message: error.message }
        : { code: error.code, message: error.message, hint: error.hint };
    return { status: statusForCode(error.code), body };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation !== undefined || fastifyError.code === 'FST_ERR_VALIDATION') {
    return {
      status: 400,
      body: {
        ...wordProblem('AIS_SERVER_BAD_REQUEST', { reason: fastifyError.message, validation: true }),
      },
    };
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    // fastify's own client errors (bad JSON, body too large, unsupported media type).
    return {
      status,
      body: {
        ...wordProblem('AIS_SERVER_BAD_REQUEST', { reason: fastifyError.message, validation: false }),
      },
    };
  }
  return {
    status: 500,
    body: { ...wordProblem('AIS_SERVER_INTERNAL', { hinted: true }), hint: 'see the server log' },
  };
}

/** Install the error and not-found handlers that answer with the declared statuses. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = describeError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (status === 429 && error instanceof AistackError) {
      const retryAfter = (error as AistackError & { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({
      ...wordProblem('AIS_SERVER_NOT_FOUND', { method: request.method, route: request.url.split('?')[0] ?? '' }),
    });
  });
}
