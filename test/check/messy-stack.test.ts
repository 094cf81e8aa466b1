import { chmod, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check-shell/check-files.js';

// A hand-written stack of 13 services with a hand-written README and an operations page, full of
// the drift and mistakes real stacks have. Every finding is listed: a new false positive or a lost
// true positive fails the test.
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'aistack-check-messy-'));
  // A project directory as usual (mkdtemp's 0700 would shut other users out of everything in it).
  await chmod(directory, 0o755);
  await cp(path.join(import.meta.dirname, 'fixtures/messy'), directory, { recursive: true });
  await chmod(path.join(directory, 'secrets/n8n.txt'), 0o644);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('a messy hand-written stack', () => {
  it('reports exactly the problems it has, at their positions', async () => {
    const findings = await checkFiles({
      composeFile: path.join(directory, 'compose.yaml'),
      docs: [{ file: path.join(directory, 'README.md') }, { file: path.join(directory, 'docs') }],
      facts: { portsInUse: [] },
      relativeTo: directory,
    });
    expect(
      findings.map(
        (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId} ${finding.messageId}`,
      ),
    ).toEqual([
      '.env:4:1 info compose/unused-env-key unused',
      'compose.yaml:1:1 warning compose/obsolete-version obsolete',
      'compose.yaml:4:3 info docs/undocumented-service undocumented',
      'compose.yaml:14:3 warning dependencies/depended-on-without-healthcheck noHealthcheck',
      'compose.yaml:14:3 info docs/undocumented-service undocumented',
      'compose.yaml:14:3 warning health/missing-healthcheck missing',
      'compose.yaml:15:12 warning images/floating-tag floating',
      'compose.yaml:18:23 error compose/undefined-variable undefined',
      'compose.yaml:24:12 warning images/floating-tag floating',
      'compose.yaml:27:9 warning ports/bypass-proxy bypass',
      'compose.yaml:27:9 error ports/host-conflict conflict',
      'compose.yaml:30:25 error secrets/plaintext-environment byName',
      'compose.yaml:38:12 warning images/floating-tag floating',
      'compose.yaml:43:27 error secrets/default-credentials known',
      'compose.yaml:43:27 error secrets/plaintext-environment byName',
      'compose.yaml:56:9 warning ports/bypass-proxy bypass',
      'compose.yaml:77:9 error ports/host-conflict conflict',
      'compose.yaml:80:25 error secrets/default-credentials known',
      'compose.yaml:80:25 error secrets/plaintext-environment byName',
      'compose.yaml:85:3 warning health/missing-healthcheck missing',
      'compose.yaml:89:9 error ports/all-interfaces allInterfaces',
      'compose.yaml:89:9 warning ports/bypass-proxy bypass',
      'compose.yaml:91:38 error secrets/ignored-file-variable ignored',
      'compose.yaml:98:9 error ports/all-interfaces allInterfaces',
      'compose.yaml:98:9 warning ports/bypass-proxy bypass',
      'compose.yaml:100:26 error secrets/default-credentials known',
      'compose.yaml:107:3 warning dependencies/depended-on-without-healthcheck noHealthcheck',
      'compose.yaml:107:3 warning health/missing-healthcheck missing',
      'compose.yaml:108:12 warning images/floating-tag untagged',
      'compose.yaml:118:9 error dependencies/cycle cycle',
      'compose.yaml:119:9 error dependencies/unknown-service unknown',
      'compose.yaml:124:3 info docs/undocumented-service undocumented',
      'compose.yaml:128:9 error ports/all-interfaces allInterfaces',
      'compose.yaml:128:9 warning ports/bypass-proxy bypass',
      'compose.yaml:133:3 info docs/undocumented-service undocumented',
      'compose.yaml:133:3 warning resources/memory-limit missing',
      'compose.yaml:136:5 error security/privileged privileged',
      'compose.yaml:137:19 error security/host-namespace host',
      'compose.yaml:139:9 error security/docker-socket socket',
      'compose.yaml:149:11 warning secrets/file-mode wide',
      'docs/operations.md:4:19 warning docs/unknown-port unknown',
      'docs/operations.md:8:21 warning docs/unknown-service unknown',
      'README.md:10:13 warning docs/unknown-port unknown',
      'README.md:12:3 warning docs/unknown-service unknown',
      'README.md:12:14 warning docs/unknown-port unknown',
      'README.md:16:18 warning docs/unknown-url port',
      'README.md:21:15 warning docs/unknown-variable unknown',
      'README.md:25:24 warning docs/unknown-service unknown',
    ]);
  });

  it('names both services of a port conflict and the line of the other one', async () => {
    const findings = await checkFiles({
      composeFile: path.join(directory, 'compose.yaml'),
      facts: { portsInUse: [], fileModes: [] },
      relativeTo: directory,
    });
    expect(findings.filter((finding) => finding.ruleId === 'ports/host-conflict').map((finding) => finding.message)).toEqual([
      'host port 3000/tcp of open-webui is also published by flowise (127.0.0.1:3000/tcp, line 77)',
      'host port 127.0.0.1:3000/tcp of flowise is also published by open-webui (3000/tcp, line 27)',
    ]);
  });
});
