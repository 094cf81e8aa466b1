import { describe, expect, it } from 'vitest';
import { detectLogLevel } from '../../src/monitor/log-level.js';

describe('detectLogLevel', () => {
  it.each([
    ['{"level":"error","msg":"boom"}', 'error'],
    ['{"level":30,"time":1,"msg":"pino info"}', 'info'],
    ['{"level":40,"msg":"pino warn"}', 'warn'],
    ['{"level":60,"msg":"pino fatal"}', 'error'],
    ['{"level":20,"msg":"pino debug"}', 'debug'],
    ['{"severity":"WARNING","message":"gcp style"}', 'warn'],
    ['{"levelname":"DEBUG","message":"python json"}', 'debug'],
    ['time=2026-01-01T00:00:00Z level=warn msg="disk slow"', 'warn'],
    ['2026/01/01 10:00:00 [error] 29#29: *1 connect() failed', 'error'],
    ['2026/01/01 10:00:00 [warn] 1#1: conflicting server name', 'warn'],
    ['[INFO] server started', 'info'],
    ['ERROR: relation "users" does not exist', 'error'],
    ['2026-01-01 10:00:00.000 UTC [1] LOG:  database system is ready to accept connections', 'info'],
    ['2026-01-01 10:00:00.000 UTC [77] FATAL:  password authentication failed for user "n8n"', 'error'],
    ['INFO:     127.0.0.1:5000 - "GET /health HTTP/1.1" 200 OK', 'info'],
    ['2026-01-01T10:00:00.000Z | WARN | queue is slow', 'warn'],
    ['1:M 26 Nov 2026 20:00:00.000 # WARNING Memory overcommit must be enabled!', 'warn'],
    ['1:M 26 Nov 2026 20:00:00.000 * Ready to accept connections tcp', 'info'],
    ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'error'],
    ['GET /healthz 200 1.2ms', 'unknown'],
    ['<img src=x onerror=alert(1)>', 'unknown'],
    ['{"not":"a level"}', 'unknown'],
  ] as const)('%s → %s', (line, level) => {
    expect(detectLogLevel(line)).toBe(level);
  });
});
