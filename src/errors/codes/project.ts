import { defineErrorCodes } from '../define-error-codes.js';

/** One check error of `aistack render`, as its message lists it. */
interface RenderFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly message: string;
}

/** The codes of docs/errors/project.md, in the order of its table. */
export const projectErrors = defineErrorCodes({
  AIS_MANIFEST_NOT_FOUND: {
    meaning: 'there is no aistack.yaml in the project directory',
    fix: 'run `aistack init` (or `aistack up`, which creates the starter stack)',
    message: ({ directory }: { directory: string }) => `no aistack.yaml in ${directory}`,
  },
  AIS_MANIFEST_UNREADABLE: {
    meaning: 'aistack.yaml exists but cannot be read',
    fix: 'check its permissions',
    message: ({ path, reason }: { path: string; reason: string }) => `cannot read ${path}: ${reason}`,
  },
  AIS_MANIFEST_EXISTS: {
    meaning: '`aistack init` would overwrite an existing aistack.yaml',
    fix: 'edit it, or `aistack init --force`',
    message: ({ path }: { path: string }) => `${path} already exists`,
  },
  AIS_MANIFEST_UNKNOWN_PRESET: {
    meaning: '`--preset` is neither starter nor full',
    fix: 'use `--preset starter` or `--preset full`',
    message: ({ preset }: { preset: string }) => `unknown preset "${preset}"`,
  },
  AIS_MANIFEST_REQUIRED_SERVICE: {
    meaning: '`aistack remove` of a service another enabled service needs',
    fix: 'remove the dependents too, or keep it',
    message: ({ service, dependents }: { service: string; dependents: readonly string[] }) =>
      `cannot remove "${service}": ${dependents.join(', ')} ${dependents.length === 1 ? 'needs' : 'need'} it`,
  },
  AIS_RENDER_WRITE_FAILED: {
    meaning: 'a rendered file (compose.yaml, proxy/…) could not be read or written: permissions, a directory in its place, a full disk',
    fix: 'make the project directory writable by the user running aistack, then `aistack render`',
    message: ({ operation, path, reason }: { operation: 'read' | 'write'; path: string; reason: string }) =>
      operation === 'read' ? `cannot read ${path} before replacing it: ${reason}` : `cannot write ${path}: ${reason}`,
  },
  AIS_RENDER_CHECK_FAILED: {
    meaning: '`aistack render` found check errors in what it would write, and wrote nothing',
    fix: 'fix aistack.yaml (the findings say where), or disable the rule with a reason under `check.disable`',
    message: ({ findings }: { findings: readonly RenderFinding[] }) =>
      `the rendered stack has ${findings.length} check error${findings.length === 1 ? '' : 's'}; nothing was written:\n` +
      findings.map((finding) => `  ${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`).join('\n'),
  },
  AIS_PROJECT_NO_DIRECTORY: {
    meaning: '`-C` (or the current directory) names a folder that does not exist',
    fix: 'create it (`mkdir -p <folder>`), or point `-C` at the project folder',
    message: ({ directory }: { directory: string }) => `there is no folder ${directory}`,
  },
  AIS_PROJECT_NOT_A_DIRECTORY: {
    meaning: '`-C` names a file (often aistack.yaml itself)',
    fix: 'point `-C` at the folder that holds aistack.yaml',
    message: ({ path }: { path: string }) => `${path} is a file, not a folder`,
  },
  AIS_PROJECT_NOT_WRITABLE: {
    meaning: 'a command that writes the project (init, render, up, deploy, secrets …) cannot write its folder or `.aistack/`',
    fix: "run as the folder's owner, or give this user write access (`ls -ld <folder>` shows the owner)",
    message: ({ directory, reason }: { directory: string; reason: 'read-only file system' | 'permission denied' }) =>
      `cannot write in ${directory}: ${reason}`,
  },
  AIS_PROJECT_ACCESS_DENIED: {
    meaning: 'a file or folder could not be read or written (permission denied, read-only file system); the message names it',
    fix: 'run as its owner, or give this user access',
    message: ({ syscall, path, reason }: { syscall: string | undefined; path: string; reason: string }) =>
      `cannot ${syscall ?? 'use'} ${path}: ${reason}`,
  },
  AIS_CLI_UNKNOWN_SHELL: {
    meaning: '`aistack completion` was asked for a shell it has no script for',
    fix: '`aistack completion bash`, `zsh` or `fish`',
    message: ({ shell }: { shell: string }) => `no completion for the shell "${shell}"`,
  },
});

export type ProjectErrorCode = keyof typeof projectErrors;
