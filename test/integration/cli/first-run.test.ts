import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../../support/built-cli.js';

/** What a newcomer meets at the command line (issue 12), through the built CLI. */
const run = promisify(execFile);
const version = (JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string })
  .version;
let workspace = '';

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'aistack-first-run-'));
  await chmod(workspace, 0o755);
});
afterAll(async () => {
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

async function project(name: string, manifest?: string): Promise<string> {
  const directory = path.join(workspace, name);
  await mkdir(directory, { recursive: true });
  if (manifest !== undefined) await writeFile(path.join(directory, 'aistack.yaml'), manifest);
  return directory;
}

describe('the CLI for a newcomer', () => {
  it('ends quietly with status 0 when the reader of its output goes away (`aistack services | head -1`)', async () => {
    const directory = await project('pipe');
    expect(await runBuiltCli(['services'], { cwd: directory, closeStdout: true })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await runBuiltCli(['init'], { cwd: directory })).code).toBe(0);
    expect(await runBuiltCli(['render'], { cwd: directory, closeStdout: true })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runBuiltCli(['services', '--json'], { cwd: directory, closeStdout: true })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints its version with --version and -V', async () => {
    expect(await runBuiltCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await runBuiltCli(['-V'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('finds aistack.yaml in a parent folder, as git finds its repository', async () => {
    const directory = await project('walk', 'name: walk\ndomain: ai.example.test\nservices:\n  qdrant: {}\n');
    const deeper = path.join(directory, 'notes', 'drafts');
    await mkdir(deeper, { recursive: true });
    const rendered = await runBuiltCli(['render'], { cwd: deeper });
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    expect(existsSync(path.join(directory, 'compose.yaml'))).toBe(true);
    expect(existsSync(path.join(deeper, 'compose.yaml'))).toBe(false);
    // -C walks up too; init creates where it is told.
    expect((await runBuiltCli(['-C', deeper, 'images', 'list', '--json'])).stdout).toContain('"service": "qdrant"');
    expect((await runBuiltCli(['init'], { cwd: deeper })).code).toBe(0);
    expect(existsSync(path.join(deeper, 'aistack.yaml'))).toBe(true);
  });

  it('gives coded errors for -C to a missing folder or a file, and for a folder it cannot write', async () => {
    const missing = path.join(workspace, 'no-such-folder');
    expect(await runBuiltCli(['-C', missing, 'render'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `error: AIS_PROJECT_NO_DIRECTORY there is no folder ${missing}\nhint: create it (\`mkdir -p ${missing}\`), or point ` +
        '-C at an existing project folder\n',
    });
    const directory = await project('readonly', 'name: readonly\ndomain: ai.example.test\nservices:\n  qdrant: {}\n');
    expect((await runBuiltCli(['-C', path.join(directory, 'aistack.yaml'), 'render'])).stderr).toBe(
      `error: AIS_PROJECT_NOT_A_DIRECTORY ${path.join(directory, 'aistack.yaml')} is a file, not a folder\nhint: point -C ` +
        `at the folder that holds aistack.yaml (\`-C ${directory}\`)\n`,
    );
    await chmod(directory, 0o555);
    try {
      for (const args of [['render'], ['init', '--force'], ['secrets']]) {
        const result = await runBuiltCli(['-C', directory, ...args], { asNobody: true });
        expect(result.code, args.join(' ')).toBe(1);
        expect(result.stderr, args.join(' ')).toBe(
          `error: AIS_PROJECT_NOT_WRITABLE cannot write in ${directory}: permission denied\nhint: run as the folder's ` +
            `owner, or give this user write access (\`ls -ld ${directory}\` shows the owner)\n`,
        );
      }
      // Reading still works.
      expect((await runBuiltCli(['-C', directory, 'images', 'list'], { asNobody: true })).code).toBe(0);
    } finally {
      await chmod(directory, 0o755);
    }
  });

  it('points init errors at the flag, not at a file it never wrote, and writes nothing', async () => {
    const directory = await project('flags');
    expect(await runBuiltCli(['init', '--name', 'My Stack'], { cwd: directory })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: AIS_MANIFEST_INVALID_VALUE --name: expected a compose project name: lower-case letters, digits, - and _, ' +
        'got "My Stack"\nhint: e.g. --name mystack\n',
    });
    expect((await runBuiltCli(['init', '--domain', 'not a domain'], { cwd: directory })).stderr).toBe(
      'error: AIS_MANIFEST_INVALID_VALUE --domain: expected a domain name such as ai.example.com, got "not a domain"\nhint: e.g. --domain ai.example.com\n',
    );
    expect(existsSync(path.join(directory, 'aistack.yaml'))).toBe(false);
  });

  it('init keeps .aistack/ out of git: a new .gitignore, or a line added to an existing one', async () => {
    const fresh = await project('git-fresh');
    await run('git', ['init', '--quiet', fresh]);
    expect((await runBuiltCli(['init'], { cwd: fresh })).code).toBe(0);
    expect(await readFile(path.join(fresh, '.gitignore'), 'utf8')).toBe(
      '# aistack: secrets, TLS keys, state and backups stay out of version control.\n.aistack/\n',
    );
    await mkdir(path.join(fresh, '.aistack', 'secrets'), { recursive: true });
    await writeFile(path.join(fresh, '.aistack', 'secrets', 'postgres-password'), 'x');
    await run('git', ['-C', fresh, 'add', '--all']);
    const { stdout } = await run('git', ['-C', fresh, 'status', '--porcelain']);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(['A  .gitignore', 'A  aistack.yaml']);

    const existing = await project('git-existing');
    await writeFile(path.join(existing, '.gitignore'), 'node_modules');
    expect((await runBuiltCli(['init'], { cwd: existing })).code).toBe(0);
    expect(await readFile(path.join(existing, '.gitignore'), 'utf8')).toBe('node_modules\n.aistack/\n');
    expect((await runBuiltCli(['init', '--force'], { cwd: existing })).code).toBe(0);
    expect(await readFile(path.join(existing, '.gitignore'), 'utf8')).toBe('node_modules\n.aistack/\n');
  });

  it('says so when `remove` names a service that is not enabled', async () => {
    const directory = await project('remove', 'name: remove\ndomain: ai.example.test\nservices:\n  qdrant: {}\n  flowise: {}\n');
    expect(await runBuiltCli(['remove', 'flowise'], { cwd: directory })).toEqual({
      code: 0,
      stdout: 'Removed flowise from aistack.yaml. Its volumes are kept; `aistack deploy` applies the change.\n',
      stderr: '',
    });
    expect(await runBuiltCli(['remove', 'flowise'], { cwd: directory })).toEqual({
      code: 0,
      stdout: 'flowise is not enabled in aistack.yaml (already removed, or never added): nothing to remove.\n',
      stderr: '',
    });
  });

  it('shows every problem of aistack.yaml at once, not only the first', async () => {
    const directory = await project(
      'problems',
      'name: problems\ndomain: ai.example.test\nservices:\n  qdrnt: {}\n  n8n:\n    resources: { memory: lots }\nproxy: { httpPort: http }\n',
    );
    const result = await runBuiltCli(['render'], { cwd: directory });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error: '))).toEqual([
      'error: aistack.yaml:4:3 AIS_MANIFEST_UNKNOWN_SERVICE unknown service "qdrnt"; did you mean "qdrant"?',
      expect.stringMatching(/^error: aistack\.yaml:6:26 AIS_MANIFEST_INVALID_VALUE services\.n8n\.resources\.memory: /),
      expect.stringMatching(/^error: aistack\.yaml:7:20 AIS_MANIFEST_INVALID_TYPE proxy\.httpPort: /),
    ]);
  });

  it('serve with the monitor turned off says how to get a password, naming only commands that exist', async () => {
    const directory = await project(
      'serve',
      'name: serve\ndomain: ai.example.test\nservices:\n  qdrant: {}\nmonitor: { enabled: false }\n',
    );
    const result = await runBuiltCli(['serve', '--port', '0'], { cwd: directory });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: AIS_SERVER_PASSWORD_FILE cannot read the admin password file ' +
        `${path.join(directory, '.aistack/secrets/monitor-admin-password')}\nhint: aistack.yaml turns the monitor off ` +
        `(\`monitor: { enabled: false }\`), so no admin password is generated: pass --password-file with a password of your ` +
        `own, or enable the monitor and run \`aistack secrets\`\n`,
    );
  });

  it('images save checks -o before it asks Docker for anything', async () => {
    const directory = await project('save', 'name: save\ndomain: ai.example.test\nservices:\n  qdrant: {}\n');
    const target = path.join(workspace, 'no-folder', 'stack.tar');
    expect((await runBuiltCli(['images', 'save', '-o', target], { cwd: directory })).stderr).toBe(
      `error: AIS_RUNTIME_IMAGES_OUTPUT cannot write ${target}: there is no folder ${path.dirname(target)}\nhint: create it ` +
        `(\`mkdir -p ${path.dirname(target)}\`) or pick another -o\n`,
    );
    expect((await runBuiltCli(['images', 'save', '-o', workspace], { cwd: directory })).stderr).toBe(
      `error: AIS_RUNTIME_IMAGES_OUTPUT -o ${workspace} is a folder; it must name the tar file to write\nhint: e.g. -o ` +
        `${path.join(workspace, 'stack-images.tar')}\n`,
    );
  });
});

describe('shell completion', () => {
  it('bash completes commands, subcommands, flags and the folder after -C', async () => {
    const script = (await runBuiltCli(['completion', 'bash'])).stdout;
    const complete = async (words: string[]): Promise<string[]> => {
      const { stdout } = await run('bash', [
        '-c',
        `source /dev/stdin <<'AISTACK'\n${script}\nAISTACK\nCOMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); ` +
          `COMP_CWORD=${words.length - 1}; _aistack; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ]);
      return stdout.split('\n').filter(Boolean);
    };
    expect(await complete(['aistack', 'ima'])).toEqual(['images']);
    expect(await complete(['aistack', 'images', ''])).toEqual(expect.arrayContaining(['list', 'pull', 'save', 'load', '--help']));
    expect(await complete(['aistack', '-C', '/tmp', 'images', 'save', '--o'])).toEqual(['--output']);
    expect(await complete(['aistack', 'logs', '--t'])).toEqual(['--tail', '--timestamps']);
    expect(await complete(['aistack', 'completion', ''])).toEqual(expect.arrayContaining(['--help']));
    expect(await complete(['aistack', '-C', path.join(workspace, 'wal')])).toEqual([path.join(workspace, 'walk')]);
  });

  it('zsh completes commands, subcommands and flags', async (context) => {
    context.skip(!existsSync('/usr/bin/zsh'), 'zsh is not installed (Debian package zsh; .ci/run installs it)');
    const script = (await runBuiltCli(['completion', 'zsh'])).stdout;
    const complete = async (words: string[]): Promise<string[]> => {
      // Outside a completion widget: compdef and compadd are stood in for by functions that print.
      const { stdout } = await run('zsh', [
        '-fc',
        'compdef() { : }\ncompadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }\nsource /dev/stdin ' +
          `<<'AISTACK'\n${script}\nAISTACK\nwords=(${words.map((word) => `'${word}'`).join(' ')}); CURRENT=${words.length}; _aistack`,
      ]);
      return stdout.split('\n').filter(Boolean);
    };
    expect(await complete(['aistack', ''])).toEqual(expect.arrayContaining(['init', 'up', 'completion', '--version', '--quiet']));
    expect(await complete(['aistack', 'backup', ''])).toEqual(expect.arrayContaining(['list', 'verify', '--help']));
    expect(await complete(['aistack', '-C', '/tmp', 'logs', ''])).toContain('--json');
  });

  it('fish completes commands with their descriptions', async (context) => {
    context.skip(!existsSync('/usr/bin/fish'), 'fish is not installed (Debian package fish; .ci/run installs it)');
    const script = (await runBuiltCli(['completion', 'fish'])).stdout;
    const complete = async (line: string): Promise<string[]> => {
      const { stdout } = await run('fish', ['--no-config', '-c', `${script}\ncomplete -C '${line}'`]);
      return stdout.split('\n').filter(Boolean);
    };
    expect(await complete('aistack ima')).toEqual([
      expect.stringMatching(/^images\tMove the stack's images: pull them, save them to a tar, /),
    ]);
    expect(await complete('aistack images l')).toEqual([
      'list\tThe image each service runs',
      'load\tLoad images from a tar written by `aistack images save`',
    ]);
    expect(await complete('aistack up --j')).toEqual([expect.stringMatching(/^--json\t/)]);
  });

  it('refuses a shell it has no completion for, naming the ones it has', async () => {
    expect((await runBuiltCli(['completion', 'tcsh'])).stderr).toBe(
      'error: AIS_CLI_UNKNOWN_SHELL no completion for the shell "tcsh"\nhint: use one of: aistack completion bash, aistack ' +
        'completion zsh, aistack completion fish\n',
    );
  });
});
