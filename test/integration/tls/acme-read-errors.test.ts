import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretFiles } from '../../../src/secrets/store.js';
import { resolveTlsFiles } from '../../../src/tls/layout.js';
import { ensureSelfSigned } from '../../../src/tls/self-signed.js';

/**
 * Permission denied is not "missing": run ensureAcmeCertificate (from dist/) as an unprivileged
 * user against files it may not read, and check that nothing is replaced and no certificate is
 * ordered. The ACME directory is a closed local port: reaching it at all would be the bug.
 */
const run = promisify(execFile);
const NOBODY = 65534;
const acmeModule = path.resolve(import.meta.dirname, '../../../dist/tls/acme.js');
const isRoot = process.getuid?.() === 0;
let root: string;

async function ensureAcmeAsNobody(tlsDirectory: string, secretsDirectory: string): Promise<{ code?: string; message: string }> {
  const script = `
    import { ensureAcmeCertificate } from ${JSON.stringify(acmeModule)};
    try {
      const result = await ensureAcmeCertificate({
        files: ${JSON.stringify(resolveTlsFiles(tlsDirectory))},
        secretsDirectory: ${JSON.stringify(secretsDirectory)},
        directoryUrl: 'http://127.0.0.1:9/directory',
        email: 'ops@example.test',
        hosts: ['ai.example.test'],
      });
      console.log(JSON.stringify({ message: 'issued ' + result.issued }));
    } catch (error) {
      console.log(JSON.stringify({ code: error.code, message: error.message }));
    }`;
  const { stdout } = await run(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, '--input-type=module', '-e', script],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { code?: string; message: string };
}

/** A directory the unprivileged user owns (so it could replace files in it), holding a file only root may read. */
async function nobodyDirectory(name: string): Promise<string> {
  const directory = path.join(root, name);
  await mkdir(path.dirname(directory), { recursive: true, mode: 0o755 });
  await mkdir(directory, { mode: 0o700 });
  await chown(directory, NOBODY, NOBODY);
  return directory;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-acme-eacces-'));
  await chmod(root, 0o755);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(!isRoot)('ACME with files it cannot read', () => {
  it('keeps an unreadable account key (EACCES) instead of generating a new one over it', async () => {
    const tls = await nobodyDirectory('case-account/tls');
    const secrets = await nobodyDirectory('case-account/secrets');
    const keyFile = secretFiles(secrets, 'acme-account-key').value;
    await writeFile(keyFile, 'THE ACCOUNT KEY\n', { mode: 0o600 });
    const outcome = await ensureAcmeAsNobody(tls, secrets);
    expect(outcome).toEqual({ code: 'AIS_TLS_UNREADABLE', message: `cannot read ${keyFile} (EACCES)` });
    expect(await readFile(keyFile, 'utf8')).toBe('THE ACCOUNT KEY\n');
  });

  it('does not re-issue when the certificate key exists but cannot be read (EACCES)', async () => {
    const tls = await nobodyDirectory('case-key/tls');
    const secrets = await nobodyDirectory('case-key/secrets');
    const files = resolveTlsFiles(tls);
    await ensureSelfSigned(files, { stackName: 'acme', hosts: ['ai.example.test'] });
    await chmod(files.fullchain, 0o644);
    await chmod(files.privateKey, 0o600);
    for (const directory of [path.dirname(files.fullchain), path.dirname(files.privateKey)]) await chown(directory, NOBODY, NOBODY);
    const keyBefore = await readFile(files.privateKey, 'utf8');
    await writeFile(secretFiles(secrets, 'acme-account-key').value, 'unused\n', { mode: 0o644 });
    const outcome = await ensureAcmeAsNobody(tls, secrets);
    expect(outcome).toEqual({ code: 'AIS_TLS_UNREADABLE', message: `cannot read ${files.privateKey} (EACCES)` });
    expect(await readFile(files.privateKey, 'utf8')).toBe(keyBefore);
  });
});
