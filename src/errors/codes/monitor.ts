import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/monitor.md, in the order of its table. */
export const monitorErrors = defineErrorCodes({
  AIS_MONITOR_BAD_DURATION: {
    meaning: "a duration in `monitor` settings (a custom monitor's `interval`, a rule's `for`) is not a number and a unit",
    fix: 'write `30s`, `5m`, `4h` or `1d`',
    message: ({ value }: { value: string }) => `"${value}" is not a duration`,
  },
  AIS_MONITOR_BAD_REGEX: {
    meaning:
      'a log search pattern was refused: longer than 200 characters, a back-reference or lookaround, a repeated group that ' +
      'contains another repetition or an alternation (`(a+)+`, `(a|aa)*`, which can take exponential time), or it does not compile',
    fix: 'simplify the pattern (`(ab)+` rather than `(a+b)+`), or search plain text',
    // `reason`: the JavaScript engine's complaint about a pattern that passed the checks before it.
    message: (facts: { length: number; limit: number } | { refused: 'back-reference' | 'nested repetition' } | { reason: string }) =>
      'length' in facts
        ? `the search pattern is ${facts.length} characters long; the limit is ${facts.limit}`
        : 'reason' in facts
          ? `invalid regular expression: ${facts.reason}`
          : facts.refused === 'back-reference'
            ? 'back-references and lookarounds are not allowed in log searches'
            : 'a repeated group containing another repetition or an alternation (like (a+)+) can take exponential time and is not allowed',
  },
  AIS_MONITOR_STORE_OPEN_FAILED: {
    meaning: 'the monitor database (`.aistack/monitor.db`, or `monitor.db` in the data directory) cannot be opened or created',
    fix: 'check that the directory is writable and no other program holds the file; delete the file to start a fresh history',
    message: ({ file, reason }: { file: string; reason: string }) => `cannot open the monitor database ${file}: ${reason}`,
  },
  AIS_MONITOR_STORE_FAILED: {
    meaning: 'writing to or pruning the monitor database failed (the engine reports it and keeps running)',
    fix: 'check free disk space and the permissions of the monitor database',
    message: ({ action, reason }: { action: string; reason: string }) => `monitor database: ${action} failed: ${reason}`,
  },
});

export type MonitorErrorCode = keyof typeof monitorErrors;
