import type { RotationResult } from './rotate.js';

/** What `aistack secrets rotate` prints: what changed where, what was restarted, what was not and why. Never a value. */
export function describeRotation(result: RotationResult): string {
  const lines = [`rotated ${result.name}${result.resumed ? ' (finished a rotation begun earlier)' : ''}`];
  const row = (label: string, text: string): void => {
    lines.push(`  ${label.padEnd(9)} ${text}`);
  };
  if (result.server) {
    row(
      'changed',
      result.server.heldBoth
        ? `in ${result.server.label} first; the old value stayed valid until every consumer had the new one, and is refused now`
        : `in ${result.server.label} first; every file had the new value ${formatWindow(result.windowMs)} after it confirmed ` +
            `the change (its statement took ${formatWindow(result.statementMs)})`,
    );
  }
  row('new file', `${result.delivered.join(', ')} (/run/secrets/${result.name})`);
  row(
    'restarted',
    result.restarted.length === 0
      ? 'nothing'
      : result.restarted.map((entry) => `${entry.service} (healthy after ${entry.seconds.toFixed(1)}s)`).join(', '),
  );
  if (result.live.length > 0) row('live', `${result.live.join(', ')} (took it in the running server, no restart)`);
  if (result.perUse.length > 0) row('per use', `${result.perUse.join(', ')} (read the file for each use, no restart)`);
  if (result.notRunning.length > 0) row('stopped', `${result.notRunning.join(', ')} (read the new value when started)`);
  lines.push(`  the previous value is in .aistack/secrets/${result.name}.previous`);
  return `${lines.join('\n')}\n`;
}

function formatWindow(ms: number): string {
  return ms < 1 ? `${Math.round(ms * 1000)} µs` : `${ms.toFixed(1)} ms`;
}
