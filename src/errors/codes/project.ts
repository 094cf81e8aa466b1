import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/project.md, in the order of its table. */
export const projectErrors = defineErrorCodes({
  AIS_MANIFEST_NOT_FOUND: {
    meaning: 'there is no aistack.yaml in the project directory',
    fix: 'run `aistack init` (or `aistack up`, which creates the starter stack)',
  },
  AIS_MANIFEST_UNREADABLE: {
    meaning: 'aistack.yaml exists but cannot be read',
    fix: 'check its permissions',
  },
  AIS_MANIFEST_EXISTS: {
    meaning: '`aistack init` would overwrite an existing aistack.yaml',
    fix: 'edit it, or `aistack init --force`',
  },
  AIS_MANIFEST_UNKNOWN_PRESET: {
    meaning: '`--preset` is neither starter nor full',
    fix: 'use `--preset starter` or `--preset full`',
  },
  AIS_MANIFEST_REQUIRED_SERVICE: {
    meaning: '`aistack remove` of a service another enabled service needs',
    fix: 'remove the dependents too, or keep it',
  },
  AIS_RENDER_WRITE_FAILED: {
    meaning: 'a rendered file (compose.yaml, proxy/…) could not be read or written: permissions, a directory in its place, a full disk',
    fix: 'make the project directory writable by the user running aistack, then `aistack render`',
  },
  AIS_RENDER_CHECK_FAILED: {
    meaning: '`aistack render` found check errors in what it would write, and wrote nothing',
    fix: 'fix aistack.yaml (the findings say where), or disable the rule with a reason under `check.disable`',
  },
  AIS_PROJECT_NO_DIRECTORY: {
    meaning: '`-C` (or the current directory) names a folder that does not exist',
    fix: 'create it (`mkdir -p <folder>`), or point `-C` at the project folder',
  },
  AIS_PROJECT_NOT_A_DIRECTORY: {
    meaning: '`-C` names a file (often aistack.yaml itself)',
    fix: 'point `-C` at the folder that holds aistack.yaml',
  },
  AIS_PROJECT_NOT_WRITABLE: {
    meaning: 'a command that writes the project (init, render, up, deploy, secrets …) cannot write its folder or `.aistack/`',
    fix: "run as the folder's owner, or give this user write access (`ls -ld <folder>` shows the owner)",
  },
  AIS_PROJECT_ACCESS_DENIED: {
    meaning: 'a file or folder could not be read or written (permission denied, read-only file system); the message names it',
    fix: 'run as its owner, or give this user access',
  },
  AIS_CLI_UNKNOWN_SHELL: {
    meaning: '`aistack completion` was asked for a shell it has no script for',
    fix: '`aistack completion bash`, `zsh` or `fish`',
  },
});

export type ProjectErrorCode = keyof typeof projectErrors;
