import type { LogLevel } from './types.js';

const WORDS: Record<string, LogLevel> = {
  fatal: 'error',
  panic: 'error',
  critical: 'error',
  crit: 'error',
  emerg: 'error',
  alert: 'error',
  error: 'error',
  err: 'error',
  severe: 'error',
  warning: 'warn',
  warn: 'warn',
  wrn: 'warn',
  info: 'info',
  notice: 'info',
  inf: 'info',
  log: 'info',
  debug: 'debug',
  dbg: 'debug',
  trace: 'debug',
  verbose: 'debug',
};

/**
 * The level of one log line, from the formats the stack's services write:
 * JSON with `level`/`severity`/`lvl` (words, or pino's numbers 10–60), logfmt `level=warn`,
 * `[warn]`/`[ERROR]` brackets, `ERROR:`/`WARNING` words in upper case near the start,
 * PostgreSQL's `LOG:`/`FATAL:` and Redis's `#`/`*`/`.` markers.
 */
export function detectLogLevel(text: string): LogLevel {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const fromJson = jsonLevel(trimmed);
    if (fromJson) return fromJson;
  }
  const head = trimmed.slice(0, 200);
  const logfmt = /\b(?:level|lvl|severity)=["']?([a-zA-Z]+|\d{2})/.exec(head);
  if (logfmt?.[1]) return wordLevel(logfmt[1]) ?? 'unknown';
  const bracket = /[[(<]([a-zA-Z]{3,8})[\])>]/.exec(head);
  if (bracket?.[1]) {
    const level = wordLevel(bracket[1]);
    if (level) return level;
  }
  const upper = /(?:^|[\s|:\]-])(FATAL|PANIC|CRITICAL|CRIT|ERROR|ERR|WARNING|WARN|NOTICE|INFO|LOG|DEBUG|TRACE)(?=[\s:|\]-]|$)/.exec(head);
  if (upper?.[1]) return wordLevel(upper[1]) ?? 'unknown';
  // Redis: "1:M 01 Jan 2026 10:00:00.000 # Warning…" — # warning, * notice, . verbose, - debug.
  const redis = /^\d+:[MSCX] \d{2} \w{3} \d{4} [\d:.]+ ([#*.-]) /.exec(head);
  if (redis?.[1]) return redis[1] === '#' ? 'warn' : redis[1] === '*' ? 'info' : 'debug';
  const lower = /(?:^|[\s:])(error|warning|warn)(?=[\s:]|$)/i.exec(head.slice(0, 60));
  if (lower?.[1]) return wordLevel(lower[1]) ?? 'unknown';
  return 'unknown';
}

function jsonLevel(text: string): LogLevel | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const raw = record.level ?? record.severity ?? record.lvl ?? record.levelname ?? record['log.level'];
  if (typeof raw === 'number') return pinoLevel(raw);
  if (typeof raw === 'string') return /^\d+$/.test(raw) ? pinoLevel(Number(raw)) : wordLevel(raw);
  return undefined;
}

/** pino: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
function pinoLevel(value: number): LogLevel {
  if (value >= 50) return 'error';
  if (value >= 40) return 'warn';
  if (value >= 30) return 'info';
  return 'debug';
}

function wordLevel(word: string): LogLevel | undefined {
  if (/^\d{2}$/.test(word)) return pinoLevel(Number(word));
  return WORDS[word.toLowerCase()];
}
