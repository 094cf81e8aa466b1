import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { Header } from 'tar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArchiveManifest } from '../../../src/backup/archive-manifest.js';
import { hashFile, listArchives, readArchive } from '../../../src/backup/archive-reader.js';
import { createArchiveWriter } from '../../../src/backup/archive-writer.js';
import type { ServiceControl } from '../../../src/backup/docker-access.js';
import { createHostExecutor } from '../../../src/backup/executor.js';
import { replaceHostDataFile } from '../../../src/backup/host-files.js';
import { createHostVolumeAccess } from '../../../src/backup/host-volume.js';
import { ensureBackupKey, loadBackupKey } from '../../../src/backup/key-file.js';
import type { BackupResolver } from '../../../src/backup/resolver.js';
import { removeStalePartials, runBackup } from '../../../src/backup/run-backup.js';
import { runRestore } from '../../../src/backup/run-restore.js';
import { runVerify } from '../../../src/backup/run-verify.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import type { ProjectPaths } from '../../../src/project/paths.js';
import type { TestPostgres, TestRedis } from '../../backup/support/servers.js';
import { startTestPostgres, startTestRedis } from '../../backup/support/servers.js';
import { makeTestStack } from '../../backup/support/stack.js';

let postgres: TestPostgres;
let redis: TestRedis;
let root: string;
let paths: ProjectPaths;
let key: Buffer;
const stack = makeTestStack();
const log: string[] = [];

function volumeDirectory(name: string): string {
  return path.join(root, 'volumes', name);
}

const control: ServiceControl = {
  stop: async (services) => {
    log.push(`stop ${services.join(',')}`);
    return [...services];
  },
  start: async (services) => {
    log.push(`start ${services.join(',')}`);
  },
  waitHealthy: async () => undefined,
};

function resolver(overrides: Partial<BackupResolver> = {}): BackupResolver {
  return {
    control,
    startTimeout: () => 30,
    postgres: async () => postgres.target,
    redis: async () => ({
      executor: createHostExecutor(),
      cli: ['redis-cli', '-h', '127.0.0.1', '-p', String(redis.port)],
      replaceDataFile: replaceHostDataFile,
      stop: () => redis.stop(),
      start: () => redis.start(),
    }),
    qdrant: async () => {
      throw new Error('no qdrant here');
    },
    volume: async (volume) => createHostVolumeAccess(volumeDirectory(volume.name)),
    ...overrides,
  };
}

const yes = async (): Promise<boolean> => true;

async function seed(): Promise<void> {
  await postgres.psql(
    'n8n',
    'DROP TABLE IF EXISTS workflow; CREATE TABLE workflow (id int PRIMARY KEY, name text); INSERT INTO workflow SELECT g, ' +
      "'flow ' || g FROM generate_series(1, 300) g;",
  );
  await redis.cli('FLUSHALL');
  for (let index = 0; index < 20; index += 1) await redis.cli('SET', `session:${index}`, `user ${index}`);
  await rm(path.join(root, 'volumes'), { recursive: true, force: true });
  await mkdir(path.join(volumeDirectory('files-data'), 'nested'), { recursive: true });
  await writeFile(path.join(volumeDirectory('files-data'), 'hello.txt'), 'hello world\n');
  await writeFile(path.join(volumeDirectory('files-data'), 'nested', 'data.bin'), Buffer.from([0, 1, 2, 3, 255]));
  await mkdir(volumeDirectory('n8n-data'), { recursive: true });
  await writeFile(path.join(volumeDirectory('n8n-data'), 'config'), '{"encryptionKey":"k"}');
  await mkdir(paths.secrets, { recursive: true });
  await mkdir(paths.tls, { recursive: true });
  await writeFile(paths.manifest, 'name: bk\ndomain: bk.example.org\nservices: {}\n');
  await writeFile(path.join(paths.secrets, 'postgres-n8n-password'), 'original-secret\n', { mode: 0o600 });
  await writeFile(path.join(paths.tls, 'cert.pem'), 'CERT\n');
  await rm(paths.stateDatabase, { force: true });
  const state = new Database(paths.stateDatabase);
  state.pragma('journal_mode = WAL');
  state.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, summary TEXT); INSERT INTO notes (summary) VALUES ('first deploy')");
  state.close();
}

async function backup(selection: string[] = [], overrides: Partial<BackupResolver> = {}) {
  return runBackup({
    stack,
    paths,
    backupsDirectory: paths.backups,
    key,
    resolver: resolver(overrides),
    selection,
    aistackVersion: 'test',
  });
}

async function flipByte(file: string, offset: number): Promise<void> {
  const handle = await open(file, 'r+');
  const buffer = Buffer.alloc(1);
  await handle.read(buffer, 0, 1, offset);
  buffer[0] = buffer[0]! ^ 0xff;
  await handle.write(buffer, 0, 1, offset);
  await handle.close();
}

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  await postgres.psql('postgres', 'CREATE ROLE n8n LOGIN');
  await postgres.psql('postgres', 'CREATE DATABASE n8n OWNER n8n');
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-project-'));
  paths = resolveProjectPaths(root);
  key = (await ensureBackupKey(path.join(paths.state, 'backup.key'))).key;
});

afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.destroy()]);
  await rm(root, { recursive: true, force: true });
});

beforeEach(async () => {
  log.length = 0;
  await seed();
});

describe('backup and restore of a whole stack', () => {
  it('writes known data, backs it up, destroys it, restores it and reads the same data back', async () => {
    const lines: string[] = [];
    const { manifest } = await runBackup({
      stack,
      paths,
      backupsDirectory: paths.backups,
      key,
      resolver: resolver(),
      selection: [],
      aistackVersion: 'test',
      say: (line) => lines.push(line),
    });
    expect(manifest.parts.map((part) => `${part.kind}:${part.database ?? part.volume ?? part.service}`)).toEqual([
      'pg-dump:n8n',
      'volume-tar:files-data',
      'volume-tar:n8n-data',
      'redis-rdb:redis-data',
      'config:config',
    ]);
    expect(manifest.skipped).toEqual([
      { service: 'ollama', volume: 'ollama-models', reason: 'models can be pulled again; set backup.includeModels to archive them' },
    ]);
    expect(lines[0]).toBe('skip  ollama-models (models can be pulled again; set backup.includeModels to archive them)');
    // files-data is not safe to copy live: its service was stopped for the copy and started again.
    expect(log).toEqual(['stop files', 'start files']);
    expect((await stat(path.join(paths.backups, manifest.id))).isDirectory()).toBe(true);
    expect((await listArchives(paths.backups)).archives.map((entry) => entry.id)).toContain(manifest.id);

    await postgres.psql('n8n', "DELETE FROM workflow WHERE id > 10; UPDATE workflow SET name = 'broken'");
    await redis.cli('FLUSHALL');
    await rm(path.join(root, 'volumes'), { recursive: true, force: true });
    await mkdir(volumeDirectory('files-data'), { recursive: true });
    await writeFile(path.join(volumeDirectory('files-data'), 'stray.txt'), 'not in the backup');
    await writeFile(path.join(paths.secrets, 'postgres-n8n-password'), 'changed\n');

    log.length = 0;
    let shown: readonly string[] = [];
    const said: string[] = [];
    const result = await runRestore({
      entry: await readArchive(paths.backups, manifest.id),
      key,
      paths,
      selection: [],
      resolver: resolver(),
      // Every long wait is announced before it starts, so a restore is never silent.
      say: (line) => said.push(line.replace(/archive [^\s:]+/, 'archive <id>')),
      confirm: async (actions) => {
        shown = actions;
        return true;
      },
    });
    expect(result.restored).toBe(true);
    expect(shown).toEqual([
      'replace PostgreSQL database "n8n" (stops n8n meanwhile)',
      'replace everything in volume files-data (stops files meanwhile)',
      'replace everything in volume n8n-data (stops n8n meanwhile)',
      'replace the Redis data of redis (stops redis meanwhile)',
    ]);
    expect(log).toEqual(['stop files,n8n', 'start files,n8n']);
    expect(said.filter((line) => line.endsWith(' …'))).toEqual([
      'checking archive <id>: 4 part(s) (checksums, decryption, contents) …',
      'stopping files, n8n …',
      'restoring database n8n …',
      'restoring volume files-data …',
      'restoring volume n8n-data …',
      expect.stringMatching(/^restoring the data of redis, then waiting until it is healthy \(up to \d+s\) …$/),
      expect.stringMatching(/^starting files, n8n again, waiting until healthy \(up to \d+s\) …$/),
    ]);
    expect(await postgres.psql('n8n', "SELECT count(*), count(*) FILTER (WHERE name = 'flow ' || id) FROM workflow")).toBe('300|300');
    expect(await redis.cli('GET', 'session:7')).toBe('user 7');
    expect(await redis.cli('DBSIZE')).toBe('20');
    expect(await readFile(path.join(volumeDirectory('files-data'), 'hello.txt'), 'utf8')).toBe('hello world\n');
    expect([...(await readFile(path.join(volumeDirectory('files-data'), 'nested', 'data.bin')))]).toEqual([0, 1, 2, 3, 255]);
    expect(await readdir(volumeDirectory('files-data'))).toEqual(['hello.txt', 'nested']);
    expect(await readFile(path.join(volumeDirectory('n8n-data'), 'config'), 'utf8')).toBe('{"encryptionKey":"k"}');
    // The project files come back only when asked for by name.
    expect(await readFile(path.join(paths.secrets, 'postgres-n8n-password'), 'utf8')).toBe('changed\n');
    await runRestore({
      entry: await readArchive(paths.backups, manifest.id),
      key,
      paths,
      selection: ['config'],
      resolver: undefined,
      confirm: yes,
    });
    expect(await readFile(path.join(paths.secrets, 'postgres-n8n-password'), 'utf8')).toBe('original-secret\n');
    expect(await readFile(path.join(paths.tls, 'cert.pem'), 'utf8')).toBe('CERT\n');
    // aistack's own databases come back only where none exists (a new machine).
    await rm(paths.stateDatabase);
    await runRestore({
      entry: await readArchive(paths.backups, manifest.id),
      key,
      paths,
      selection: ['config'],
      resolver: undefined,
      confirm: yes,
    });
    const state = new Database(paths.stateDatabase, { readonly: true });
    expect(state.prepare('SELECT summary FROM notes').pluck().all()).toEqual(['first deploy']);
    state.close();
  });

  it('restores one service only and says nothing when the user declines', async () => {
    const { manifest } = await backup();
    await writeFile(path.join(volumeDirectory('n8n-data'), 'config'), 'changed');
    const declined = await runRestore({
      entry: await readArchive(paths.backups, manifest.id),
      key,
      paths,
      selection: ['n8n'],
      resolver: resolver(),
      confirm: async () => false,
    });
    expect(declined).toEqual({
      restored: false,
      actions: ['replace PostgreSQL database "n8n" (stops n8n meanwhile)', 'replace everything in volume n8n-data (stops n8n meanwhile)'],
    });
    expect(await readFile(path.join(volumeDirectory('n8n-data'), 'config'), 'utf8')).toBe('changed');
    await expect(
      runRestore({
        entry: await readArchive(paths.backups, manifest.id),
        key,
        paths,
        selection: ['nope'],
        resolver: resolver(),
        confirm: yes,
      }),
    ).rejects.toThrow('the archive has nothing for "nope"');
  });
});

describe('archives that must be refused', () => {
  async function expectNothingOverwritten(): Promise<void> {
    expect(await postgres.psql('n8n', 'SELECT count(*) FROM workflow')).toBe('1');
    expect(await readFile(path.join(volumeDirectory('files-data'), 'hello.txt'), 'utf8')).toBe('changed after backup');
    expect(await redis.cli('DBSIZE')).toBe('1');
    expect(log).toEqual([]);
  }

  async function changeEverything(): Promise<void> {
    await postgres.psql('n8n', 'DELETE FROM workflow WHERE id > 1');
    await writeFile(path.join(volumeDirectory('files-data'), 'hello.txt'), 'changed after backup');
    await redis.cli('FLUSHALL');
    await redis.cli('SET', 'only', '1');
    log.length = 0;
  }

  it('refuses a corrupted archive (one flipped byte) with a clear error and overwrites nothing', async () => {
    const { manifest, directory } = await backup();
    const part = manifest.parts.find((candidate) => candidate.kind === 'volume-tar')!;
    await flipByte(path.join(directory, part.file), Math.floor(part.size / 2));
    await changeEverything();
    await expect(
      runRestore({ entry: await readArchive(paths.backups, manifest.id), key, paths, selection: [], resolver: resolver(), confirm: yes }),
    ).rejects.toThrow(`archive ${manifest.id}: the sha256 of ${part.file} does not match the manifest (corrupted or changed)`);
    await expectNothingOverwritten();
  });

  it('refuses a truncated archive, also when the manifest was edited to match', async () => {
    const { manifest, directory } = await backup();
    const part = manifest.parts.find((candidate) => candidate.kind === 'pg-dump')!;
    const file = path.join(directory, part.file);
    await truncate(file, part.size - 100);
    await changeEverything();
    await expect(
      runRestore({ entry: await readArchive(paths.backups, manifest.id), key, paths, selection: [], resolver: resolver(), confirm: yes }),
    ).rejects.toThrow(
      `archive ${manifest.id}: ${part.file} is ${part.size - 100} bytes, the manifest says ${part.size} (truncated or changed)`,
    );
    // Someone "fixes" the manifest: the encryption still notices the missing final chunk.
    const { hashFile } = await import('../../../src/backup/archive-reader.js');
    const edited = {
      ...manifest,
      parts: manifest.parts.map((candidate) =>
        candidate.file === part.file ? { ...candidate, size: part.size - 100, sha256: '' } : candidate,
      ),
    };
    edited.parts = await Promise.all(
      edited.parts.map(async (candidate) => (candidate.file === part.file ? { ...candidate, sha256: await hashFile(file) } : candidate)),
    );
    await writeFile(path.join(directory, 'manifest.json'), JSON.stringify(edited));
    await expect(
      runRestore({ entry: await readArchive(paths.backups, manifest.id), key, paths, selection: [], resolver: resolver(), confirm: yes }),
    ).rejects.toThrow(`cannot decrypt ${manifest.id}/${part.file}: the part is cut short (no final chunk)`);
    await expectNothingOverwritten();
  });

  it('refuses an archive with a path-traversal entry and writes nothing outside or inside the target', async () => {
    const writer = await createArchiveWriter({
      backupsDirectory: paths.backups,
      key,
      now: new Date(),
      trigger: 'manual',
      stack: { name: 'bk', manifestSha256: '' },
      aistackVersion: 'test',
      selection: [],
    });
    await writer.writePart(
      { name: 'volume-files-data.tar', kind: 'volume-tar', service: 'files', volume: 'files-data', target: '/data' },
      Readable.from([
        craftTar([
          ['hello.txt', 'evil'],
          ['../escaped.txt', 'evil'],
        ]),
      ]),
      { compress: true },
    );
    const { manifest } = await writer.commit();
    await changeEverything();
    await expect(
      runRestore({ entry: await readArchive(paths.backups, manifest.id), key, paths, selection: [], resolver: resolver(), confirm: yes }),
    ).rejects.toThrow(`${manifest.id}/${manifest.parts[0]!.file} contains "../escaped.txt", which climbs out with ".."`);
    await expect(stat(path.join(volumeDirectory('files-data'), '..', 'escaped.txt'))).rejects.toThrow('ENOENT');
    await expectNothingOverwritten();
  });

  it('refuses absolute paths and links that leave the target', async () => {
    for (const [entries, message] of [
      [[['/etc/evil', 'x']], '"/etc/evil", which is an absolute path'],
      [[['link', { symlink: '/etc' }]], '"link", which is a symbolic link to the absolute path "/etc"'],
      [[['dir/link', { symlink: '../../outside' }]], '"dir/link", which is a symbolic link that points outside ("../../outside")'],
      [
        [
          ['inside', { symlink: 'sub' }],
          ['inside/file', 'x'],
        ],
        '"inside/file", which lies below a symbolic link',
      ],
      [[['hard', { hardlink: '../x' }]], '"hard", which is a hard link to "../x", which climbs out with ".."'],
    ] as const) {
      const writer = await createArchiveWriter({
        backupsDirectory: paths.backups,
        key,
        now: new Date(),
        trigger: 'manual',
        stack: { name: 'bk', manifestSha256: '' },
        aistackVersion: 'test',
        selection: [],
      });
      await writer.writePart(
        { name: 'v.tar', kind: 'volume-tar', service: 'files', volume: 'files-data', target: '/data' },
        Readable.from([craftTar(entries)]),
        { compress: false },
      );
      const { manifest } = await writer.commit();
      await expect(
        runRestore({ entry: await readArchive(paths.backups, manifest.id), key, paths, selection: [], resolver: resolver(), confirm: yes }),
      ).rejects.toThrow(message);
    }
  });

  it('refuses project files that are links, even inside the tree: the TLS key must not become a secret', async () => {
    await mkdir(paths.secrets, { recursive: true });
    await writeFile(path.join(paths.secrets, 'postgres-password'), 'the-real-password', { mode: 0o600 });
    const writer = await createArchiveWriter({
      backupsDirectory: paths.backups,
      key,
      now: new Date(),
      trigger: 'manual',
      stack: { name: 'bk', manifestSha256: '' },
      aistackVersion: 'test',
      selection: ['config'],
    });
    await writer.writePart(
      { name: 'config.tar', kind: 'config', service: 'config' },
      Readable.from([craftTar([['.aistack/secrets/postgres-password', { symlink: '../tls/live/privkey.pem' }]])]),
      { compress: false },
    );
    const { manifest } = await writer.commit();
    await expect(
      runRestore({
        entry: await readArchive(paths.backups, manifest.id),
        key,
        paths,
        selection: ['config'],
        resolver: undefined,
        confirm: yes,
      }),
    ).rejects.toMatchObject({
      code: 'AIS_BACKUP_UNSAFE_ENTRY',
      message:
        `${manifest.id}/${manifest.parts[0]!.file} contains ".aistack/secrets/postgres-password", a link; aistack.yaml, ` +
        'secrets and TLS files are restored only as regular files, so that one cannot stand in for another (the TLS key for a password)',
    });
    expect(await readFile(path.join(paths.secrets, 'postgres-password'), 'utf8')).toBe('the-real-password');
    // Leave the project as the other tests expect it (their config parts count its files).
    await rm(path.join(paths.secrets, 'postgres-password'));
  });

  it('refuses an archive of an unknown format version, and one made with another key', async () => {
    const { manifest, directory } = await backup(['files']);
    await writeFile(path.join(directory, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 2 }));
    await expect(readArchive(paths.backups, manifest.id)).rejects.toThrow(
      `${manifest.id}/manifest.json has archive format version 2; this aistack reads version 1`,
    );
    await writeFile(path.join(directory, 'manifest.json'), JSON.stringify(manifest));
    await expect(
      runRestore({
        entry: await readArchive(paths.backups, manifest.id),
        key: randomBytes(32),
        paths,
        selection: [],
        resolver: resolver(),
        confirm: yes,
      }),
    ).rejects.toThrow(/^archive .* was encrypted with key [0-9a-f]{16}, but the backup key here is [0-9a-f]{16}$/);
    await expect(loadBackupKey(path.join(root, 'missing.key'))).rejects.toThrow(
      `the backup key ${path.join(root, 'missing.key')} does not exist, so the archive cannot be decrypted`,
    );
  });
});

describe('interrupted backups', () => {
  it('a backup that fails half-way through a stream leaves no archive and no partial directory', async () => {
    const before = (await listArchives(paths.backups)).archives.length;
    const failing = resolver({
      volume: async (volume) => ({
        description: 'failing',
        root: undefined,
        exportTar: async () => {
          const real = await createHostVolumeAccess(volumeDirectory(volume.name)).exportTar();
          let sent = 0;
          return real.pipe(
            new (await import('node:stream')).Transform({
              transform(chunk: Buffer, _encoding, callback) {
                sent += chunk.length;
                if (sent > 1024) callback(new Error('disk full (injected)'));
                else callback(null, chunk);
              },
            }),
          );
        },
        replaceFromTar: async () => undefined,
      }),
    });
    await expect(backup([], failing)).rejects.toThrow('writing volume-files-data.tar failed: disk full (injected)');
    const listing = await listArchives(paths.backups);
    expect(listing.archives.length).toBe(before);
    expect(listing.incomplete).toEqual([]);
    expect((await readdir(paths.backups)).filter((name) => name.startsWith('.partial-'))).toEqual([]);
  });

  it('a pg_dump killed half-way fails the backup and leaves no archive', async () => {
    await postgres.psql('n8n', 'INSERT INTO workflow SELECT g, repeat(md5(g::text), 20) FROM generate_series(1000, 60000) g');
    const before = (await listArchives(paths.backups)).archives.length;
    let killed = false;
    const killing = resolver({
      postgres: async () => ({
        ...postgres.target,
        executor: {
          description: 'host',
          spawn: (argv, options) => {
            const child = postgres.target.executor.spawn(argv, options);
            if (argv[0]?.endsWith('pg_dump') && argv.length > 2) {
              child.stdout.once('data', () => {
                killed = true;
                child.kill();
              });
            }
            return child;
          },
        },
      }),
    });
    await expect(backup(['n8n'], killing)).rejects.toThrow(/pg_dump.* failed on host \(exit (143|128|1)\)/);
    expect(killed).toBe(true);
    expect((await listArchives(paths.backups)).archives.length).toBe(before);
    expect((await readdir(paths.backups)).filter((name) => name.startsWith('.partial-'))).toEqual([]);
  });

  it('a full disk fails the backup with a clear error and leaves no archive', async (context) => {
    context.skip(process.getuid?.() !== 0, 'needs root to mount a small tmpfs as the full disk');
    const small = path.join(root, 'small-disk');
    await mkdir(small, { recursive: true });
    spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    try {
      await writeFile(path.join(volumeDirectory('files-data'), 'big.bin'), randomBytes(1024 * 1024));
      await expect(runBackup({ stack, paths, backupsDirectory: small, key, resolver: resolver(), selection: ['files'] })).rejects.toThrow(
        'writing volume-files-data.tar failed: ENOSPC: no space left on device',
      );
      expect(await readdir(small)).toEqual([]);
      expect((await listArchives(small)).archives).toEqual([]);
    } finally {
      spawnSync('umount', [small]);
    }
  });

  it('a killed backup process leaves a partial directory that is never listed as good and is cleaned up next time', async () => {
    const dead = spawnSync('true').pid;
    const partial = path.join(paths.backups, '.partial-20261126T000000Z-dead00');
    await mkdir(path.join(partial, 'parts'), { recursive: true });
    await writeFile(path.join(partial, 'writer.pid'), `${dead}\n`);
    await writeFile(path.join(partial, 'parts', '001-pg-n8n.dump.enc'), 'half');
    const listing = await listArchives(paths.backups);
    expect(listing.archives.map((entry) => entry.id)).not.toContain('20261126T000000Z-dead00');
    expect(listing.incomplete).toEqual([
      { name: '.partial-20261126T000000Z-dead00', reason: 'not finished (interrupted, or still being written)' },
    ]);
    expect(await removeStalePartials(paths.backups)).toEqual(['.partial-20261126T000000Z-dead00']);
  });
});

describe('verify', () => {
  it('restores every part into scratch places, passes a good archive and catches a tampered one', async () => {
    const { manifest, directory } = await backup();
    const good = await runVerify({ entry: await readArchive(paths.backups, manifest.id), key, resolver: resolver() });
    expect(good.ok).toBe(true);
    expect(good.parts.map((part) => part.message)).toEqual([
      '1 tables, 300 rows match',
      '2 files match',
      '1 files match',
      '20 keys, 16 sampled keys match',
      '4 files match',
    ]);
    expect((await readArchive(paths.backups, manifest.id)).verification?.ok).toBe(true);

    const part = manifest.parts.find((candidate) => candidate.kind === 'redis-rdb')!;
    await flipByte(path.join(directory, part.file), part.size - 20);
    const bad = await runVerify({ entry: await readArchive(paths.backups, manifest.id), key, resolver: resolver() });
    expect(bad.ok).toBe(false);
    expect(bad.summary).toBe('1 of 5 part(s) failed');
    expect(bad.parts.find((candidate) => candidate.file === part.file)?.message).toBe(
      `archive ${manifest.id}: the sha256 of ${part.file} does not match the manifest (corrupted or changed)`,
    );
    expect((await readArchive(paths.backups, manifest.id)).verification?.ok).toBe(false);
  });
});

describe('verification records', () => {
  it('counts a damaged or unreadable verification.json as a failed verification, never as "not verified"', async () => {
    const { manifest, directory } = await backup();
    expect((await readArchive(paths.backups, manifest.id)).verification).toBeUndefined();
    await writeFile(path.join(directory, 'verification.json'), '{"ok": tr');
    expect((await readArchive(paths.backups, manifest.id)).verification).toEqual({
      at: '',
      ok: false,
      summary: `${manifest.id}/verification.json is not valid JSON; run \`aistack backup verify ${manifest.id}\` again`,
      parts: [],
    });
    await rm(path.join(directory, 'verification.json'));
    await mkdir(path.join(directory, 'verification.json'));
    expect((await readArchive(paths.backups, manifest.id)).verification?.summary).toBe(
      `${manifest.id}/verification.json cannot be read (EISDIR); run \`aistack backup verify ${manifest.id}\` again`,
    );
    expect((await listArchives(paths.backups)).archives.find((entry) => entry.id === manifest.id)?.verification?.ok).toBe(false);
  });
});

describe('verify of damaged parts whose manifest was edited to match', () => {
  async function matchManifest(directory: string, manifest: ArchiveManifest, file: string): Promise<void> {
    const full = path.join(directory, file);
    const edited = {
      ...manifest,
      parts: await Promise.all(
        manifest.parts.map(async (candidate) =>
          candidate.file === file ? { ...candidate, size: (await stat(full)).size, sha256: await hashFile(full) } : candidate,
        ),
      ),
    };
    await writeFile(path.join(directory, 'manifest.json'), JSON.stringify(edited));
  }

  const kinds = ['pg-dump', 'volume-tar', 'config', 'redis-rdb'] as const;
  for (const kind of kinds) {
    for (const damage of ['corrupted', 'truncated'] as const) {
      it(`records a ${damage} ${kind} part as failed with a coded error, and the archive as failed`, async () => {
        const { manifest, directory } = await backup();
        const part = manifest.parts.find((candidate) => candidate.kind === kind)!;
        const file = path.join(directory, part.file);
        if (damage === 'corrupted') await flipByte(file, Math.floor(part.size / 2));
        else await truncate(file, Math.floor(part.size / 2));
        await matchManifest(directory, manifest, part.file);
        const record = await runVerify({ entry: await readArchive(paths.backups, manifest.id), key, resolver: resolver() });
        expect(record.ok).toBe(false);
        expect(record.summary).toBe(`1 of ${manifest.parts.length} part(s) failed`);
        const failed = record.parts.filter((candidate) => !candidate.ok);
        expect(failed).toEqual([
          {
            file: part.file,
            ok: false,
            code: 'AIS_BACKUP_DECRYPT_FAILED',
            message: `cannot decrypt ${manifest.id}/${part.file}: ${
              damage === 'corrupted' ? 'authentication failed (the data was changed)' : 'the part is cut short (no final chunk)'
            }`,
          },
        ]);
        expect((await readArchive(paths.backups, manifest.id)).verification?.ok).toBe(false);
      });
    }
  }
});

type TarSpec = readonly (readonly [string, string | { readonly symlink: string } | { readonly hardlink: string }])[];

/** A tar written by hand, because no tar tool writes the hostile entries these tests need. */
function craftTar(entries: TarSpec): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of entries) {
    const body = typeof content === 'string' ? Buffer.from(content) : Buffer.alloc(0);
    const header = new Header({
      path: name,
      mode: 0o644,
      size: body.length,
      mtime: new Date('2026-01-01T00:00:00Z'),
      type: typeof content === 'string' ? 'File' : 'symlink' in content ? 'SymbolicLink' : 'Link',
      ...(typeof content === 'string' ? {} : { linkpath: 'symlink' in content ? content.symlink : content.hardlink }),
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

describe('scheduled backups', () => {
  it('runs a verified backup, applies retention, records the result, and reports failures and staleness for the monitor', async () => {
    const { createBackupScheduler } = await import('../../../src/backup/scheduler.js');
    const { backupStatus } = await import('../../../src/backup/status.js');
    const backupsDirectory = path.join(root, 'scheduled');
    const scheduled = {
      ...stack,
      backup: { ...stack.backup, schedule: '0 3 * * *', keep: { last: 2 }, directory: backupsDirectory },
    } as typeof stack;
    const results: { ok: boolean; message: string; removed: readonly string[] }[] = [];
    let clock = Date.parse('2026-11-26T03:00:00Z');
    const scheduler = createBackupScheduler({
      stack: scheduled,
      paths,
      resolver: resolver(),
      onResult: (result) => results.push(result),
      now: () => new Date((clock += 1000)),
    });
    for (let run = 0; run < 3; run += 1) expect((await scheduler.runNow()).ok).toBe(true);
    expect(results[2]!.message).toMatch(/^backup \S+ written and verified$/);
    const { archives } = await listArchives(backupsDirectory);
    expect(archives.map((entry) => entry.verification?.ok)).toEqual([true, true]);
    expect(archives.map((entry) => entry.manifest.trigger)).toEqual(['schedule', 'schedule']);
    expect(results[2]!.removed).toHaveLength(1);
    const healthy = await scheduler.status();
    expect(healthy.problem).toBeUndefined();
    expect(healthy.nextRunAt).toBe('2026-11-27T03:00:00.000Z');

    const broken = createBackupScheduler({
      stack: scheduled,
      paths,
      resolver: resolver({
        postgres: async () => {
          throw new Error('postgres is down');
        },
      }),
    });
    const failed = await broken.runNow();
    expect(failed).toMatchObject({ ok: false, message: 'postgres is down', archiveId: undefined });
    const status = await broken.status();
    expect(status.problem).toBe('last backup failed: postgres is down');
    expect((await listArchives(backupsDirectory)).archives).toHaveLength(2);

    const later = await backupStatus(backupsDirectory, '0 3 * * *', new Date('2026-11-30T12:00:00Z'));
    expect(later.stale).toBe(true);
  });

  it('a scheduled backup takes the stack lock: it waits for a deploy (in this process or another) and the deploy waits for it', async () => {
    const { createBackupScheduler } = await import('../../../src/backup/scheduler.js');
    const { acquireStackLock } = await import('../../../src/runtime/stack-lock.js');
    const scheduled = { ...stack, backup: { ...stack.backup, directory: path.join(root, 'locked') } } as typeof stack;
    const said: string[] = [];
    const scheduler = createBackupScheduler({ stack: scheduled, paths, resolver: resolver(), say: (line) => said.push(line) });
    const deploy = await acquireStackLock(paths, { command: 'deploy' });
    let finished = false;
    const running = scheduler.runNow().finally(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(finished).toBe(false);
    expect(said).toEqual([expect.stringMatching(/^Waiting for deploy \(pid \d+, started at .*\) to finish/)]);
    deploy.release();
    expect((await running).ok).toBe(true);
  });
});
