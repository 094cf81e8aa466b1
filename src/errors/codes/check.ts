import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/check.md, in the order of its table. */
export const checkErrors = defineErrorCodes({
  AIS_CHECK_INVALID_YAML: {
    meaning: 'The compose file is not valid YAML; the message has `file:line:column`.',
    fix: 'Fix the syntax at that position.',
    message: ({ reason }: { reason: string }) => `invalid YAML: ${reason}`,
  },
  AIS_CHECK_YAML_ALIAS_BOMB: {
    meaning:
      "A YAML file's anchors and aliases expand past a million nodes (20 per node of the file, when that is more): an alias " +
      'bomb. `check` refuses it with the position of the alias that expands most, and exits 2, not 1. Merge keys (`<<: ' +
      '*defaults`) copy keys, so a file with thousands of them passes.',
    fix: 'Write the repeated values out or anchor smaller pieces; Compose itself would exhaust its memory on the file.',
    message: ({ budget }: { budget: number }) =>
      `refused: YAML aliases here expand the document past ${budget.toLocaleString('en-US')} nodes (an alias bomb)`,
  },
  AIS_CHECK_UNREADABLE: {
    meaning: 'The compose file or a documentation file could not be read (missing, no permission).',
    fix: 'Check the path given to `-f`/`--docs`. Inside an aistack project `check` renders aistack.yaml in memory and needs no compose.yaml.',
    // reason: the system's error code (EACCES), else its message.
    message: (problem: { file: string; what?: string; reason: string } | { file: string; levels: number } | { directory: string }) =>
      'directory' in problem
        ? `no aistack.yaml and no compose file in ${problem.directory}`
        : 'levels' in problem
          ? `${problem.file}: include and extends name more than ${problem.levels} levels of files`
          : `cannot read ${problem.what === undefined ? '' : `${problem.what} `}${problem.file}: ${problem.reason}`,
  },
  AIS_CHECK_BAD_CONFIG: {
    meaning: 'A `disable` entry in aistack.yaml `check:` or `.aistack-check.yaml` is not `{ rule, reason }` with a non-empty reason.',
    fix: 'Write `disable: [{ rule: <id>, reason: "why" }]`.',
    // Without an index: `disable` itself is not a list.
    message: ({ file, index }: { file: string; index?: number }) =>
      index === undefined
        ? `${file}: disable must be a list of { rule, reason }`
        : `${file}: disable[${index}] needs a rule and a non-empty reason`,
  },
  AIS_CHECK_UNKNOWN_RULE: {
    meaning: '`--disable` or a `disable` entry names a rule that does not exist.',
    fix: 'Run `aistack check --list-rules` for the ids.',
    message: (unknown: { rule: string; flag: '--disable' } | { rule: string; file: string; index: number }) =>
      `${'flag' in unknown ? unknown.flag : `${unknown.file}: disable[${unknown.index}]`} names unknown rule ${unknown.rule}`,
  },
});

export type CheckErrorCode = keyof typeof checkErrors;

/** What docs/errors/check.md says above its table, one string per paragraph. */
export const checkErrorsIntro: readonly string[] = [
  '# `aistack check` errors',
  '`aistack check` reports problems in your files as findings (see [docs/check.md](../check.md)). These errors mean it ' +
    'could not run at all; it exits with code 2.',
];
