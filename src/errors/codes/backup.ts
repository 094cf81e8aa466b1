import { defineErrorCodes } from '../define-error-codes.js';

/** An S3 call that failed: which call, on which object, at which server. */
interface S3Call {
  readonly action: string;
  readonly bucket: string;
  readonly key: string;
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
}

const s3Failed = (call: S3Call): string => `S3 ${call.action} of ${call.key} in bucket ${call.bucket} failed: `;
const s3Server = (call: S3Call): string => call.endpoint ?? `AWS S3 (${call.region ?? 'us-east-1'})`;

type InterruptedOperation =
  | { readonly operation: 'backup' }
  | {
      readonly operation: 'restore';
      readonly archive: string;
      readonly restored: readonly string[];
      readonly notRestored: readonly string[];
      /** Whether the restore had stopped services (they run again). */
      readonly stoppedAny: boolean;
    };

const listOrNothing = (names: readonly string[]): string => names.join(', ') || 'nothing';

/** A part's size as found against the size its manifest records. */
interface ByteCounts {
  readonly actual: number;
  readonly recorded: number;
}

/** A decrypted part that is not the file its kind names, has another length than recorded, or is not gzip. */
type InvalidPart = { readonly part: string } & (
  { readonly expected: 'pg-dump' | 'redis-rdb' } | { readonly bytes: number; readonly recorded: number } | { readonly gzipError: string }
);

/** Qdrant did not answer, answered with an error, or sent a snapshot that is empty or has another checksum. */
type QdrantFailure =
  | { readonly baseUrl: string; readonly request: string; readonly reason: string }
  | { readonly status: number; readonly request: string; readonly body: string }
  | { readonly collection: string; readonly snapshot: 'empty' | 'checksum-differs' };

/** What S3 stores (size, ETag) against what was uploaded (size, expected ETag, md5 of the whole object). */
interface UploadMismatch {
  readonly key: string;
  readonly storedSize: number | undefined;
  readonly storedEtag: string;
  readonly size: number;
  readonly etag: string;
  readonly md5: string;
}

/** The codes of docs/errors/backup.md, in the order of its table. */
export const backupErrors = defineErrorCodes({
  AIS_BACKUP_CHECKSUM_MISMATCH: {
    meaning: 'a part of the archive has another size or sha256 than its manifest records (corrupted, truncated or changed)',
    fix: 'nothing was restored; use another archive (`aistack backup list`)',
    message: ({ archive, file, sizes }: { archive: string; file: string; sizes?: ByteCounts }) =>
      sizes
        ? `archive ${archive}: ${file} is ${sizes.actual} bytes, the manifest says ${sizes.recorded} (truncated or changed)`
        : `archive ${archive}: the sha256 of ${file} does not match the manifest (corrupted or changed)`,
  },
  AIS_BACKUP_CONFIRM_REQUIRED: {
    meaning: '`restore` would overwrite data and there is no terminal to ask',
    fix: 'run it in a terminal, or pass `--yes` after reading the list it printed',
    message: ({ actions }: { actions: readonly string[] }) =>
      `restore would overwrite:\n${actions.map((action) => `  - ${action}`).join('\n')}`,
  },
  AIS_BACKUP_DECRYPT_FAILED: {
    meaning: 'a part does not authenticate: changed, cut short, reordered, or encrypted with another key',
    fix: 'use another archive, or point `AISTACK_BACKUP_KEY_FILE` at the right key',
    message: ({ part, why }: { part: string; why: string }) => `cannot decrypt ${part}: ${why}`,
  },
  AIS_BACKUP_DIRECTORY_UNREADABLE: {
    meaning:
      "the backups directory (or a file in it, such as a partial archive's writer.pid) exists but cannot be read (permissions, I/O error)",
    fix: 'make it readable by the user running aistack',
    message: ({ path, reason, listing }: { path: string; reason: string; listing?: true }) =>
      listing ? `cannot list the backups directory ${path}: ${reason}` : `cannot read ${path}: ${reason}`,
  },
  AIS_BACKUP_HELPER_FAILED: {
    meaning: 'the short-lived helper container that clears a volume or places a file failed',
    fix: 'read its output in the message; the service image must have `sh`',
    message: ({ container, exitCode, logs }: { container: string; exitCode: number | undefined; logs: string }) =>
      `the restore helper for ${container.slice(0, 12)} failed (exit ${exitCode}): ${logs.slice(-500)}`,
  },
  AIS_BACKUP_KEY_INVALID: {
    meaning: 'the backup key file is not 64 hexadecimal characters (32 bytes)',
    fix: 'put back the key from your safe copy',
    message: (facts: { keyPath: string } | { bytes: number }) =>
      'keyPath' in facts
        ? `the backup key ${facts.keyPath} is not 64 hexadecimal characters`
        : `the backup key must be 32 bytes, got ${facts.bytes}`,
  },
  AIS_BACKUP_KEY_MISMATCH: {
    meaning: 'the archive was encrypted with another key than the one here',
    fix: 'set `AISTACK_BACKUP_KEY_FILE` to the key that was in use when the archive was made',
    message: ({ archive, archiveKeyId, keyId }: { archive: string; archiveKeyId: string; keyId: string }) =>
      `archive ${archive} was encrypted with key ${archiveKeyId}, but the backup key here is ${keyId}`,
  },
  AIS_BACKUP_KEY_MISSING: {
    meaning: '`.aistack/backup.key` (or `AISTACK_BACKUP_KEY_FILE`) does not exist, so archives cannot be decrypted',
    fix: 'put back the key from your safe copy',
    message: ({ keyPath }: { keyPath: string }) => `the backup key ${keyPath} does not exist, so the archive cannot be decrypted`,
  },
  AIS_BACKUP_KEY_UNREADABLE: {
    meaning: 'the key file exists but cannot be read',
    fix: 'fix its permissions (0600, owned by the user running aistack)',
    message: ({ keyPath, reason }: { keyPath: string; reason: string }) => `cannot read the backup key ${keyPath}: ${reason}`,
  },
  AIS_BACKUP_MANIFEST_INVALID: {
    meaning: "an archive's manifest.json is not valid JSON or not an aistack backup manifest",
    fix: 'the archive is damaged; use another one',
    message: (facts: { file: string } & ({ jsonError: string } | { issue: string } | { namedArchive: string })) =>
      'jsonError' in facts
        ? `${facts.file} is not valid JSON: ${facts.jsonError}`
        : 'issue' in facts
          ? `${facts.file} is not an aistack backup manifest (${facts.issue})`
          : `${facts.file} names archive ${facts.namedArchive}`,
  },
  AIS_BACKUP_NOTHING_TO_DO: {
    meaning: 'the selected services hold no state with a backup method',
    fix: 'run `aistack backup` without names',
    message: () => 'nothing to back up: the selected services hold no state with a backup method',
  },
  AIS_BACKUP_NOT_FOUND: {
    meaning: 'no archive with that id (or no archives at all)',
    fix: '`aistack backup list` shows the ids',
    message: ({ id, directory }: { id?: string; directory: string }) =>
      id === undefined ? `no archives in ${directory}` : `no archive "${id}" in ${directory}`,
  },
  AIS_BACKUP_NOT_IN_ARCHIVE: {
    meaning: '`restore` names a service, database or volume the archive does not hold',
    fix: 'the message lists what it holds',
    message: ({ names }: { names: readonly string[] }) => `the archive has nothing for ${names.map((name) => `"${name}"`).join(', ')}`,
  },
  AIS_BACKUP_NO_CONTAINER: {
    meaning:
      'no container of the service in the stack (compose project or Swarm stack), or it does not run where it must, or it ' +
      'has no address the host can reach; the message says which',
    fix: 'start the stack: `aistack up` (on Swarm, a Qdrant on an overlay network only cannot be reached from the host)',
    message: ({ lookup }: { lookup: string }) => lookup,
  },
  AIS_BACKUP_INTERRUPTED: {
    meaning:
      'Ctrl-C or SIGTERM stopped a backup or a restore: the part under way finished and the services it stopped run again. ' +
      "A backup keeps no archive (the partial one is removed); a restore's message lists what was and was not restored",
    fix: 'run the backup again, or the same `aistack restore <id> …` to restore the rest',
    message: (facts: InterruptedOperation) =>
      facts.operation === 'backup'
        ? 'the backup was interrupted: no archive was kept (the partial one is removed), and every service it stopped runs again'
        : `the restore of ${facts.archive} was interrupted; restored: ${listOrNothing(facts.restored)}; ` +
          `not restored: ${listOrNothing(facts.notRestored)}${facts.stoppedAny ? '; every service it stopped runs again' : ''}`,
  },
  AIS_BACKUP_NO_STACK: {
    meaning: 'restoring data needs aistack.yaml, which is missing',
    fix: 'restore the project files first: `aistack restore <id> config`',
    message: () => 'restoring data needs the stack (aistack.yaml)',
  },
  AIS_BACKUP_PART_INVALID: {
    meaning: 'a decrypted part is not what its kind promises (not a pg_dump file, not an RDB, wrong length)',
    fix: 'the archive is damaged; use another one',
    message: (facts: InvalidPart) =>
      'expected' in facts
        ? `${facts.part} is not a ${facts.expected === 'pg-dump' ? 'pg_dump custom-format file' : 'Redis RDB file'}`
        : 'bytes' in facts
          ? `${facts.part} holds ${facts.bytes} bytes, the manifest says ${facts.recorded}`
          : `${facts.part} authenticated but is not valid gzip data: ${facts.gzipError}`,
  },
  AIS_BACKUP_PART_UNREADABLE: {
    meaning: 'a part of the archive exists but cannot be read (permissions, I/O error)',
    fix: 'make the archive directory readable by the user running aistack, or use another archive',
    message: ({ part, reason }: { part: string; reason: string }) => `cannot read ${part}: ${reason}`,
  },
  AIS_BACKUP_PART_MISSING: {
    meaning: 'a part named in the manifest is missing from the archive directory',
    fix: 'the archive is incomplete; use another one',
    message: ({ archive, file }: { archive: string; file: string }) => `archive ${archive} lacks ${file}`,
  },
  AIS_BACKUP_QDRANT_FAILED: {
    meaning: 'Qdrant could not be reached or refused a snapshot call',
    fix: 'check that qdrant runs and the api key secret is right; read the Qdrant log',
    message: (facts: QdrantFailure) =>
      'baseUrl' in facts
        ? `cannot reach Qdrant at ${facts.baseUrl} (${facts.request}): ${facts.reason}`
        : 'status' in facts
          ? `Qdrant answered ${facts.status} to ${facts.request}: ${facts.body}`
          : facts.snapshot === 'empty'
            ? `Qdrant sent an empty snapshot of ${facts.collection}`
            : `the snapshot of ${facts.collection} does not match the checksum Qdrant reported`,
  },
  AIS_BACKUP_REDIS_LOAD_FAILED: {
    meaning: 'a scratch redis-server could not load the RDB',
    fix: 'the RDB is damaged, or redis-server is missing where redis runs',
    message: (facts: { executor: string } | { minutes: number }) =>
      'minutes' in facts
        ? `a scratch redis-server did not finish loading the RDB within ${facts.minutes} minutes`
        : `a scratch redis-server could not load the RDB on ${facts.executor}`,
  },
  AIS_BACKUP_REDIS_SAVE_FAILED: {
    meaning: 'BGSAVE failed or did not finish',
    fix: 'read the redis log (disk full, permissions on its data directory)',
    message: (facts: { executor: string } & ({ outcome: 'busy' | 'failed' } | { minutes: number })) =>
      'minutes' in facts
        ? `BGSAVE did not finish within ${facts.minutes} minutes on ${facts.executor}`
        : facts.outcome === 'busy'
          ? `redis on ${facts.executor} kept another save running for too long`
          : `BGSAVE failed on ${facts.executor}`,
  },
  AIS_BACKUP_S3_DENIED: {
    meaning: 'the S3 server refused the credentials (unknown access key id, wrong signature, access denied) or the SDK found none',
    fix: 'set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile or instance role) for an identity that may write to the bucket',
    message: ({ call, name, detail }: { call: S3Call; name: string; detail: string }) =>
      `${s3Failed(call)}${s3Server(call)} refused the credentials (${name}: ${detail})`,
  },
  AIS_BACKUP_S3_NO_BUCKET: {
    meaning: '`backup.s3.bucket` does not exist at the endpoint (or AWS region)',
    fix: 'create the bucket or correct `backup.s3`; the local archive is intact',
    message: ({ call }: { call: S3Call }) => `${s3Failed(call)}bucket ${call.bucket} does not exist at ${s3Server(call)}`,
  },
  AIS_BACKUP_S3_UNREACHABLE: {
    meaning: 'nothing answered at the S3 endpoint (connection refused, unknown host, timeout)',
    fix: 'check `backup.s3.endpoint` and that the server runs and is reachable from this host',
    message: ({ call, network }: { call: S3Call; network: string }) => `${s3Failed(call)}${s3Server(call)} did not answer (${network})`,
  },
  AIS_BACKUP_SECRET_MISSING: {
    meaning: 'a secret the backup needs (redis password, qdrant api key) is missing',
    fix: '`aistack up` creates missing secrets, or `aistack restore <id> config` puts them back',
    message: ({ secret, directory }: { secret: string; directory: string }) => `the secret ${secret} is missing from ${directory}`,
  },
  AIS_BACKUP_SERVICE_STILL_RUNNING: {
    meaning: 'a Swarm service still ran tasks a minute after backup or restore scaled it to 0 to stop it',
    fix: 'look at `docker service ps <stack>_<service>`; nothing was changed yet',
    message: ({ service, seconds }: { service: string; seconds: number }) => `${service} still runs ${seconds} s after it was scaled to 0`,
  },
  AIS_BACKUP_SERVICE_UNHEALTHY: {
    meaning: 'a service did not become healthy after the restore started it again',
    fix: "the data is restored; read the service's logs",
    message: ({ service, seconds }: { service: string; seconds: number }) =>
      `${service} did not become healthy within ${seconds} s after the restore`,
  },
  AIS_BACKUP_TARGET_MISMATCH: {
    meaning: "the archive's volume was mounted at another path than the service mounts it now",
    fix: 'restore into a stack with the same volume target',
    message: ({ archiveRoot, container, target }: { archiveRoot: string | undefined; container: string; target: string }) =>
      `the archive holds ${archiveRoot ?? '(no directory)'}/, but ${container} mounts the volume at ${target}`,
  },
  AIS_BACKUP_STATUS_UNREADABLE: {
    meaning:
      '`status.json` in the backups directory (the last backup result) cannot be read or is not valid JSON; it is never taken as "no backup yet"',
    fix: 'make it readable, or move it aside; the next backup writes a new one',
    message: (facts: { file: string } & ({ reason: string } | { why: string })) =>
      'reason' in facts ? `cannot read ${facts.file}: ${facts.reason}` : `${facts.file} ${facts.why}`,
  },
  AIS_BACKUP_TAR_INVALID: {
    meaning: 'a tar part cannot be read (truncated or damaged)',
    fix: 'use another archive',
    message: ({ part, reason }: { part: string; reason: string }) => `${part} is not a valid tar: ${reason}`,
  },
  AIS_BACKUP_TOOL_FAILED: {
    meaning: 'pg_dump, pg_restore, psql, redis-cli or another tool exited non-zero',
    fix: 'read the tool output in the message',
    message: (facts: { tool: string; executor: string; exitCode: number; output: string } | { snapshotOf: string }) =>
      'snapshotOf' in facts
        ? `could not export a snapshot of database "${facts.snapshotOf}"`
        : `\`${facts.tool}\` failed on ${facts.executor} (exit ${facts.exitCode})${facts.output ? `:\n${facts.output}` : ''}`,
  },
  AIS_BACKUP_TOOL_MISSING: {
    meaning: 'a tool could not be started (not installed or not on PATH)',
    fix: 'install it (docker.io, postgresql-client, redis-tools)',
    message: ({ program, reason }: { program: string; reason?: string }) =>
      `cannot run ${program}: ${reason ?? 'not installed or not on PATH'}`,
  },
  AIS_BACKUP_UNKNOWN_SERVICE: {
    meaning: '`backup` names a service that is not in the stack',
    fix: 'use a service id of the stack, `postgres` or `config`',
    message: ({ service, closest }: { service: string; closest: string }) => `unknown service "${service}"; did you mean "${closest}"?`,
  },
  AIS_BACKUP_UNSAFE_ENTRY: {
    meaning: 'a tar entry could write outside its target (`..`, absolute path, escaping link, entry below a link, device file)',
    fix: 'the archive is refused and nothing was restored; use another one',
    message: (facts: { part: string; entry: string } & ({ which: string } | { link: true })) =>
      `${facts.part} contains ${JSON.stringify(facts.entry)}, ` +
      ('link' in facts
        ? 'a link; aistack.yaml, secrets and TLS files are restored only as regular files, so that one cannot stand in for another (the TLS key for a password)'
        : `which ${facts.which}`),
  },
  AIS_BACKUP_UPLOAD_FAILED: {
    meaning:
      "an S3 call (upload, multipart, HEAD, manifest) failed for another reason than the three `AIS_BACKUP_S3_*` ones (the server's message says why)",
    fix: 'check bucket, endpoint and credentials',
    message: ({ call, detail }: { call: S3Call; detail: string }) => `${s3Failed(call)}${detail}`,
  },
  AIS_BACKUP_UPLOAD_MISMATCH: {
    meaning: "the uploaded object's size or ETag differs from what was sent",
    fix: 'the upload is not trusted; the next backup uploads again',
    message: (facts: UploadMismatch) =>
      `S3 object ${facts.key} is ${facts.storedSize ?? 'of unknown size'} bytes with ETag ${facts.storedEtag}; ` +
      `uploaded ${facts.size} bytes with ETag ${facts.etag}${facts.etag === facts.md5 ? '' : ` (md5 ${facts.md5})`}`,
  },
  AIS_BACKUP_VERIFY_FAILED: {
    meaning: 'an archive did not verify (scratch restore differs from the manifest)',
    fix: 'do not rely on it; make a new backup',
    message: ({ archive, summary, written }: { archive: string; summary: string; written?: true }) =>
      written ? `backup ${archive} was written but did not verify: ${summary}` : `archive ${archive} did not verify: ${summary}`,
  },
  AIS_BACKUP_VERSION_UNSUPPORTED: {
    meaning: 'the archive has another format version than this aistack reads',
    fix: 'restore it with the aistack version that wrote it',
    message: ({ file, version, supported }: { file: string; version: number; supported: number }) =>
      `${file} has archive format version ${version}; this aistack reads version ${supported}`,
  },
  AIS_BACKUP_WRITE_FAILED: {
    meaning: 'writing a part failed (disk full, a stream broke); no archive was recorded',
    fix: 'free disk space and back up again',
    message: ({ part, reason }: { part: string; reason: string }) => `writing ${part} failed: ${reason}`,
  },
});

export type BackupErrorCode = keyof typeof backupErrors;
