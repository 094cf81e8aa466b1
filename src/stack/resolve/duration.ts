import { StackError } from '../../errors.js';

/** `30s` → 30, `5m` → 300, `2h` → 7200, `365d` → 31536000. */
export function parseDurationSeconds(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new StackError('AIS_STACK_DURATION', { value });
  const factor = { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * factor;
}
