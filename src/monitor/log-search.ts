import { MonitorError } from '../errors.js';
import type { LogLevel, LogLine, LogQuery } from './types.js';

/** Longest regular expression the log search accepts. */
export const REGEX_MAX_LENGTH = 200;
/** Lines are searched up to this many characters (bounds the work per line). */
export const SEARCH_LINE_LIMIT = 8192;

const LEVEL_RANK: Record<LogLevel, number> = { error: 4, warn: 3, info: 2, debug: 1, unknown: 0 };

/**
 * Check a user's regular expression before it runs on the server. JavaScript's engine backtracks
 * and cannot be interrupted, so patterns that can backtrack exponentially are refused up front:
 * back-references, lookarounds, and a quantified group that itself contains a quantifier or an
 * alternation (`(a+)+`, `(a|aa)*`). Lines are also cut to SEARCH_LINE_LIMIT characters.
 */
export function compileLogRegex(source: string): RegExp {
  if (source.length > REGEX_MAX_LENGTH) {
    throw new MonitorError('AIS_MONITOR_BAD_REGEX', {
      length: source.length,
      limit: REGEX_MAX_LENGTH,
      hint: 'shorten the pattern or search for plain text',
    });
  }
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(source)) {
    throw new MonitorError('AIS_MONITOR_BAD_REGEX', {
      refused: 'back-reference',
      hint: 'use a simpler pattern; the search runs on the server',
    });
  }
  if (hasNestedQuantifier(source)) {
    throw new MonitorError('AIS_MONITOR_BAD_REGEX', {
      refused: 'nested repetition',
      hint: 'remove the outer repetition, e.g. (ab)+ instead of (a+b)+',
    });
  }
  try {
    return new RegExp(source, 'i');
  } catch (error: unknown) {
    throw new MonitorError('AIS_MONITOR_BAD_REGEX', {
      reason: (error as Error).message,
      hint: 'check brackets and escapes',
      cause: error,
    });
  }
}

function hasNestedQuantifier(source: string): boolean {
  // Track, per open group, whether it contains a quantifier or alternation; a quantifier after its ')' is nested.
  const stack: boolean[] = [];
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') stack.push(false);
    else if (char === ')') {
      const risky = stack.pop() ?? false;
      const next = source[index + 1];
      const quantified = next === '*' || next === '+' || next === '?' || next === '{';
      if (risky && quantified && next !== '?') return true;
      if (stack.length > 0 && (risky || quantified)) stack[stack.length - 1] = true;
    } else if ((char === '*' || char === '+' || char === '{' || char === '|') && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}

/** A predicate for one query's filters (services, time range, level at or above, text, regex). */
export function createLogFilter(query: LogQuery): (line: LogLine) => boolean {
  const regex = query.regex ? compileLogRegex(query.regex) : undefined;
  const text = query.text?.toLowerCase();
  const services = query.services && query.services.length > 0 ? new Set(query.services) : undefined;
  const minimum = query.level ? LEVEL_RANK[query.level] : undefined;
  return (line) => {
    if (services && !services.has(line.service)) return false;
    if (query.since !== undefined && line.at < query.since) return false;
    if (query.until !== undefined && line.at > query.until) return false;
    if (minimum !== undefined && (query.level === 'unknown' ? line.level !== 'unknown' : LEVEL_RANK[line.level] < minimum)) return false;
    const haystack = line.text.length > SEARCH_LINE_LIMIT ? line.text.slice(0, SEARCH_LINE_LIMIT) : line.text;
    if (text && !haystack.toLowerCase().includes(text)) return false;
    if (regex && !regex.test(haystack)) return false;
    return true;
  };
}
