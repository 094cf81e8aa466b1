// Backup benchmark: `aistack backup` of a ~1 GB PostgreSQL database vs `pg_dump -Fc` alone, same
// data, same run, alternating; then restore times. Needs `npm run build` first and the PostgreSQL 15
// binaries (/usr/lib/postgresql/15/bin). Not part of `npm test`.
//   node bench/backup.mjs [--size-mb 1024] [--rounds 3]
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readArchive } from '../dist/backup/archive-reader.js';
import { createHostExecutor } from '../dist/backup/executor.js';
import { runBackup } from '../dist/backup/run-backup.js';
import { runRestore } from '../dist/backup/run-restore.js';
import { resolveProjectPaths } from '../dist/project/paths.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin/';
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const sizeMb = argument('--size-mb', 1024);
const rounds = argument('--rounds', 3);
const root = await mkdtemp(path.join(os.tmpdir(), 'aistack-bench-backup-'));
const asRoot = process.getuid?.() === 0;
const wrap = (program, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args]);

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function timed(work) {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

async function runTool(program, args, outputFile) {
  await new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', outputFile ? 'pipe' : 'ignore', 'inherit'] });
    if (outputFile) {
      import('node:fs').then(({ createWriteStream }) => child.stdout.pipe(createWriteStream(outputFile)));
    }
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited ${code}`))));
  });
}

const data = path.join(root, 'data');
await chmod(root, 0o755);
if (asRoot) {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout);
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout);
  await chown(root, uid, gid);
}
await run(...wrap(`${BIN}initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']));
const port = await freePort();
const server = spawn(
  ...wrap(`${BIN}postgres`, [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${root}`,
    '-c',
    'fsync=off',
    '-c',
    'max_wal_size=4GB',
  ]),
  { stdio: 'ignore' },
);
const connection = ['--host', '127.0.0.1', '--port', String(port), '--username', 'postgres'];
const psql = async (database, sql) =>
  (
    await run(`${BIN}psql`, ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...connection, '-d', database, '-c', sql], { maxBuffer: 1 << 24 })
  ).stdout.trim();
for (let attempt = 0; attempt < 100; attempt += 1) {
  if ((await psql('postgres', 'SELECT 1').catch(() => '')) === '1') break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}

try {
  await psql('postgres', 'CREATE DATABASE bench');
  // ~800 bytes of hex text per row from 24 random md5s: compressible like real text, not a constant.
  const rows = Math.round((sizeMb * 1024 * 1024) / 880);
  const generated = await timed(() =>
    psql(
      'bench',
      `CREATE TABLE documents (id bigint PRIMARY KEY, title text, payload text); INSERT INTO documents SELECT g, 'document ' || g, ${Array.from({ length: 24 }, () => 'md5(random()::text)').join(' || ')} FROM generate_series(1, ${rows}) g;`,
    ).then(() => psql('bench', 'VACUUM ANALYZE documents')),
  );
  const bytes = Number(await psql('bench', "SELECT pg_database_size('bench')"));
  console.log(`generated ${rows} rows, database ${(bytes / 2 ** 30).toFixed(2)} GiB in ${generated.seconds.toFixed(1)} s`);

  const paths = resolveProjectPaths(path.join(root, 'project'));
  const key = randomBytes(32);
  const target = { executor: createHostExecutor(), connection, binDirectory: BIN };
  const stack = {
    name: 'bench',
    services: [{ id: 'postgres' }, { id: 'app', startTimeout: 60 }],
    volumes: [],
    databases: [{ database: 'bench', role: 'postgres', passwordSecret: 'unused', service: 'app' }],
    manifest: {},
  };
  const resolver = {
    control: { stop: async (services) => [...services], start: async () => undefined, waitHealthy: async () => undefined },
    startTimeout: () => 60,
    postgres: async () => target,
    redis: async () => {
      throw new Error('unused');
    },
    qdrant: async () => {
      throw new Error('unused');
    },
    volume: async () => {
      throw new Error('unused');
    },
  };

  const plain = [];
  const ours = [];
  let lastArchive;
  let plainSize = 0;
  for (let round = 0; round < rounds; round += 1) {
    const file = path.join(root, `plain-${round}.dump`);
    plain.push((await timed(() => runTool(`${BIN}pg_dump`, ['--format=custom', ...connection, '--dbname', 'bench'], file))).seconds);
    plainSize = (await stat(file)).size;
    await rm(file);
    const backup = await timed(() =>
      runBackup({ stack, paths, backupsDirectory: paths.backups, key, resolver, selection: ['postgres'], aistackVersion: 'bench' }),
    );
    ours.push(backup.seconds);
    if (lastArchive) await rm(lastArchive.directory, { recursive: true, force: true });
    lastArchive = backup.result;
    console.log(`round ${round + 1}: pg_dump -Fc ${plain[round].toFixed(2)} s, aistack backup ${ours[round].toFixed(2)} s`);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const overhead = (median(ours) / median(plain) - 1) * 100;

  // Restore: pg_restore of pg_dump's file alone vs aistack's restore (checksums, decryption, validation, pg_restore).
  const plainFile = path.join(root, 'plain.dump');
  await runTool(`${BIN}pg_dump`, ['--format=custom', ...connection, '--dbname', 'bench'], plainFile);
  const plainRestore = await timed(() =>
    runTool(`${BIN}pg_restore`, [
      '--clean',
      '--if-exists',
      '--single-transaction',
      '--exit-on-error',
      ...connection,
      '--dbname',
      'bench',
      plainFile,
    ]),
  );
  const entry = await readArchive(paths.backups, lastArchive.manifest.id);
  const ourRestore = await timed(() => runRestore({ entry, key, paths, selection: [], resolver, confirm: async () => true }));
  const count = await psql('bench', 'SELECT count(*) FROM documents');
  if (Number(count) !== rows) throw new Error(`restore lost rows: ${count} of ${rows}`);

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
    databaseBytes: bytes,
    rows,
    rounds,
    pgDumpSeconds: plain,
    aistackSeconds: ours,
    overheadPercent: overhead,
    dumpBytes: plainSize,
    archiveBytes: lastArchive.manifest.totalSize,
    pgRestoreSeconds: plainRestore.seconds,
    aistackRestoreSeconds: ourRestore.seconds,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  const pid = Number((await readFile(path.join(data, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (pid > 0) process.kill(pid, 'SIGINT');
  else server.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await rm(root, { recursive: true, force: true });
}
