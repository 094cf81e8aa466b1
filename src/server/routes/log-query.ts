import { ServerError } from '../../errors.js';
import type { LogLevel, LogQuery } from '../../monitor/types.js';

/** The query string of /api/logs and /api/logs/stream. */
export interface LogQueryInput {
  /** Comma-separated service ids. */
  readonly services?: string;
  readonly since?: number;
  readonly until?: number;
  readonly text?: string;
  readonly regex?: string;
  readonly level?: LogLevel;
  readonly limit?: number;
}

export const logQueryProperties = {
  services: { type: 'string', maxLength: 2000, pattern: '^[A-Za-z0-9_.:,-]*$' },
  since: { type: 'integer', minimum: 0 },
  until: { type: 'integer', minimum: 0 },
  text: { type: 'string', maxLength: 500 },
  regex: { type: 'string', maxLength: 200 },
  level: { type: 'string', enum: ['error', 'warn', 'info', 'debug', 'unknown'] },
} as const;

/** Turn the query string into the engine's LogQuery; a regex that does not compile is a 400. */
export function parseLogQuery(input: LogQueryInput): LogQuery {
  if (input.regex !== undefined && input.regex.length > 0) {
    try {
      new RegExp(input.regex, 'i');
    } catch (error: unknown) {
      throw new ServerError('AIS_SERVER_BAD_REGEX', {
        reason: (error as Error).message,
        hint: 'use JavaScript regex syntax, or search plain text with ?text=',
        cause: error,
      });
    }
  }
  const services = input.services
    ?.split(',')
    .map((service) => service.trim())
    .filter((service) => service.length > 0);
  return {
    ...(services !== undefined && services.length > 0 ? { services } : {}),
    ...(input.since !== undefined ? { since: input.since } : {}),
    ...(input.until !== undefined ? { until: input.until } : {}),
    ...(input.text !== undefined && input.text.length > 0 ? { text: input.text } : {}),
    ...(input.regex !== undefined && input.regex.length > 0 ? { regex: input.regex } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.limit !== undefined ? { limit: input.limit } : {}),
  };
}
