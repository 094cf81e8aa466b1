import { describe, expect, it } from 'vitest';
import { isoWeek, selectRetained } from '../../src/backup/retention.js';

const at = (iso: string, good = true) => ({ id: iso.replace(/[-:]/g, '').slice(0, 15), createdAt: iso, good });

// Twice a day for 70 days, newest first: 2026-11-26 back to 2026-09-18.
const history = Array.from({ length: 140 }, (_, index) => {
  const time = Date.UTC(2026, 10, 26, index % 2 === 0 ? 18 : 6) - Math.floor(index / 2) * 86_400_000;
  return at(new Date(time).toISOString());
});

describe('selectRetained', () => {
  it('keeps everything when no policy is set', () => {
    const decision = selectRetained(history.slice(0, 3), {});
    expect(decision.remove).toEqual([]);
    expect(decision.keep).toHaveLength(3);
  });

  it('keeps the newest N with last', () => {
    const decision = selectRetained(history.slice(0, 5), { last: 2 });
    expect(decision.keep).toEqual(['20261126T180000', '20261126T060000']);
    expect(decision.remove).toEqual(['20261125T180000', '20261125T060000', '20261124T180000']);
  });

  it('keeps the newest archive of each of the last 3 days', () => {
    const decision = selectRetained(history.slice(0, 8), { daily: 3 });
    expect(decision.keep).toEqual(['20261126T180000', '20261125T180000', '20261124T180000']);
    expect(decision.reasons['20261125T180000']).toEqual(['daily 2026-11-25']);
  });

  it('combines last, daily, weekly and monthly, and a kept archive may have several reasons', () => {
    const decision = selectRetained(history, { last: 1, daily: 2, weekly: 2, monthly: 3 });
    expect(decision.keep).toEqual(['20261126T180000', '20261125T180000', '20261122T180000', '20261031T180000', '20260930T180000']);
    expect(decision.reasons['20261126T180000']).toEqual(['last', 'daily 2026-11-26', 'weekly 2026-W48', 'monthly 2026-11']);
    expect(decision.reasons['20261122T180000']).toEqual(['weekly 2026-W47']);
    expect(decision.remove).toHaveLength(135);
  });

  it('never counts an archive whose verify failed, and always keeps the newest good one', () => {
    const decision = selectRetained([at('2026-11-26T18:00:00Z', false), at('2026-11-25T18:00:00Z'), at('2026-11-24T18:00:00Z')], {
      last: 1,
    });
    expect(decision.keep).toEqual(['20261125T180000']);
    expect(decision.remove).toEqual(['20261126T180000', '20261124T180000']);
    expect(selectRetained([at('2026-11-25T18:00:00Z')], { last: 0 }).keep).toEqual(['20261125T180000']);
  });

  it('numbers ISO weeks across a year boundary', () => {
    expect(isoWeek(new Date('2026-12-31T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-04T12:00:00Z'))).toBe('2027-W01');
    expect(isoWeek(new Date('2026-11-26T12:00:00Z'))).toBe('2026-W48');
  });
});
