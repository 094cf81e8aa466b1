import { describe, expect, it } from 'vitest';
import { wordProblem } from '../../../src/errors.js';

describe('project error templates', () => {
  it('tell a rendered file that could not be read from one that could not be written', () => {
    expect(wordProblem('AIS_RENDER_WRITE_FAILED', { operation: 'read', path: '/p/compose.yaml', reason: 'EACCES' }).message).toBe(
      'cannot read /p/compose.yaml before replacing it: EACCES',
    );
    expect(wordProblem('AIS_RENDER_WRITE_FAILED', { operation: 'write', path: '/p/compose.yaml', reason: 'ENOSPC' }).message).toBe(
      'cannot write /p/compose.yaml: ENOSPC',
    );
  });

  it('list every check error of a render, counted', () => {
    const finding = { file: 'compose.yaml', line: 3, column: 5, ruleId: 'ports/host-conflict', message: 'port 80 twice' };
    expect(wordProblem('AIS_RENDER_CHECK_FAILED', { findings: [finding] }).message).toBe(
      'the rendered stack has 1 check error; nothing was written:\n  compose.yaml:3:5 ports/host-conflict port 80 twice',
    );
    expect(wordProblem('AIS_RENDER_CHECK_FAILED', { findings: [finding, { ...finding, line: 9 }] }).message).toBe(
      'the rendered stack has 2 check errors; nothing was written:\n' +
        '  compose.yaml:3:5 ports/host-conflict port 80 twice\n  compose.yaml:9:5 ports/host-conflict port 80 twice',
    );
  });

  it('name the services that need one that is removed', () => {
    expect(wordProblem('AIS_MANIFEST_REQUIRED_SERVICE', { service: 'postgres', dependents: ['n8n'] }).message).toBe(
      'cannot remove "postgres": n8n needs it',
    );
    expect(wordProblem('AIS_MANIFEST_REQUIRED_SERVICE', { service: 'postgres', dependents: ['n8n', 'litellm'] }).message).toBe(
      'cannot remove "postgres": n8n, litellm need it',
    );
  });

  it('say which system call was denied, or that the path could not be used', () => {
    expect(
      wordProblem('AIS_PROJECT_ACCESS_DENIED', { syscall: 'open', path: '/p/aistack.yaml', reason: 'permission denied' }).message,
    ).toBe('cannot open /p/aistack.yaml: permission denied');
    expect(wordProblem('AIS_PROJECT_ACCESS_DENIED', { syscall: undefined, path: '/p', reason: 'read-only file system' }).message).toBe(
      'cannot use /p: read-only file system',
    );
  });
});
