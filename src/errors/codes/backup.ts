import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/backup.md, in the order of its table. */
export const backupErrors = defineErrorCodes({
  AIS_BACKUP_CHECKSUM_MISMATCH: {
    meaning: 'a part of the archive has another size or sha256 than its manifest records (corrupted, truncated or changed)',
    fix: 'nothing was restored; use another archive (`aistack backup list`)',
  },
  AIS_BACKUP_CONFIRM_REQUIRED: {
    meaning: '`restore` would overwrite data and there is no terminal to ask',
    fix: 'run it in a terminal, or pass `--yes` after reading the list it printed',
  },
  AIS_BACKUP_DECRYPT_FAILED: {
    meaning: 'a part does not authenticate: changed, cut short, reordered, or encrypted with another key',
    fix: 'use another archive, or point `AISTACK_BACKUP_KEY_FILE` at the right key',
  },
  AIS_BACKUP_DIRECTORY_UNREADABLE: {
    meaning:
      "the backups directory (or a file in it, such as a partial archive's writer.pid) exists but cannot be read (permissions, I/O error)",
    fix: 'make it readable by the user running aistack',
  },
  AIS_BACKUP_HELPER_FAILED: {
    meaning: 'the short-lived helper container that clears a volume or places a file failed',
    fix: 'read its output in the message; the service image must have `sh`',
  },
  AIS_BACKUP_KEY_INVALID: {
    meaning: 'the backup key file is not 64 hexadecimal characters (32 bytes)',
    fix: 'put back the key from your safe copy',
  },
  AIS_BACKUP_KEY_MISMATCH: {
    meaning: 'the archive was encrypted with another key than the one here',
    fix: 'set `AISTACK_BACKUP_KEY_FILE` to the key that was in use when the archive was made',
  },
  AIS_BACKUP_KEY_MISSING: {
    meaning: '`.aistack/backup.key` (or `AISTACK_BACKUP_KEY_FILE`) does not exist, so archives cannot be decrypted',
    fix: 'put back the key from your safe copy',
  },
  AIS_BACKUP_KEY_UNREADABLE: {
    meaning: 'the key file exists but cannot be read',
    fix: 'fix its permissions (0600, owned by the user running aistack)',
  },
  AIS_BACKUP_MANIFEST_INVALID: {
    meaning: "an archive's manifest.json is not valid JSON or not an aistack backup manifest",
    fix: 'the archive is damaged; use another one',
  },
  AIS_BACKUP_NOTHING_TO_DO: {
    meaning: 'the selected services hold no state with a backup method',
    fix: 'run `aistack backup` without names',
  },
  AIS_BACKUP_NOT_FOUND: {
    meaning: 'no archive with that id (or no archives at all)',
    fix: '`aistack backup list` shows the ids',
  },
  AIS_BACKUP_NOT_IN_ARCHIVE: {
    meaning: '`restore` names a service, database or volume the archive does not hold',
    fix: 'the message lists what it holds',
  },
  AIS_BACKUP_NO_CONTAINER: {
    meaning:
      'no container of the service in the stack (compose project or Swarm stack), or it does not run where it must, or it ' +
      'has no address the host can reach; the message says which',
    fix: 'start the stack: `aistack up` (on Swarm, a Qdrant on an overlay network only cannot be reached from the host)',
  },
  AIS_BACKUP_INTERRUPTED: {
    meaning:
      'Ctrl-C or SIGTERM stopped a backup or a restore: the part under way finished and the services it stopped run again. ' +
      "A backup keeps no archive (the partial one is removed); a restore's message lists what was and was not restored",
    fix: 'run the backup again, or the same `aistack restore <id> …` to restore the rest',
  },
  AIS_BACKUP_NO_STACK: {
    meaning: 'restoring data needs aistack.yaml, which is missing',
    fix: 'restore the project files first: `aistack restore <id> config`',
  },
  AIS_BACKUP_PART_INVALID: {
    meaning: 'a decrypted part is not what its kind promises (not a pg_dump file, not an RDB, wrong length)',
    fix: 'the archive is damaged; use another one',
  },
  AIS_BACKUP_PART_UNREADABLE: {
    meaning: 'a part of the archive exists but cannot be read (permissions, I/O error)',
    fix: 'make the archive directory readable by the user running aistack, or use another archive',
  },
  AIS_BACKUP_PART_MISSING: {
    meaning: 'a part named in the manifest is missing from the archive directory',
    fix: 'the archive is incomplete; use another one',
  },
  AIS_BACKUP_QDRANT_FAILED: {
    meaning: 'Qdrant could not be reached or refused a snapshot call',
    fix: 'check that qdrant runs and the api key secret is right; read the Qdrant log',
  },
  AIS_BACKUP_REDIS_LOAD_FAILED: {
    meaning: 'a scratch redis-server could not load the RDB',
    fix: 'the RDB is damaged, or redis-server is missing where redis runs',
  },
  AIS_BACKUP_REDIS_SAVE_FAILED: {
    meaning: 'BGSAVE failed or did not finish',
    fix: 'read the redis log (disk full, permissions on its data directory)',
  },
  AIS_BACKUP_S3_DENIED: {
    meaning: 'the S3 server refused the credentials (unknown access key id, wrong signature, access denied) or the SDK found none',
    fix: 'set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile or instance role) for an identity that may write to the bucket',
  },
  AIS_BACKUP_S3_NO_BUCKET: {
    meaning: '`backup.s3.bucket` does not exist at the endpoint (or AWS region)',
    fix: 'create the bucket or correct `backup.s3`; the local archive is intact',
  },
  AIS_BACKUP_S3_UNREACHABLE: {
    meaning: 'nothing answered at the S3 endpoint (connection refused, unknown host, timeout)',
    fix: 'check `backup.s3.endpoint` and that the server runs and is reachable from this host',
  },
  AIS_BACKUP_SECRET_MISSING: {
    meaning: 'a secret the backup needs (redis password, qdrant api key) is missing',
    fix: '`aistack up` creates missing secrets, or `aistack restore <id> config` puts them back',
  },
  AIS_BACKUP_SERVICE_STILL_RUNNING: {
    meaning: 'a Swarm service still ran tasks a minute after backup or restore scaled it to 0 to stop it',
    fix: 'look at `docker service ps <stack>_<service>`; nothing was changed yet',
  },
  AIS_BACKUP_SERVICE_UNHEALTHY: {
    meaning: 'a service did not become healthy after the restore started it again',
    fix: "the data is restored; read the service's logs",
  },
  AIS_BACKUP_TARGET_MISMATCH: {
    meaning: "the archive's volume was mounted at another path than the service mounts it now",
    fix: 'restore into a stack with the same volume target',
  },
  AIS_BACKUP_STATUS_UNREADABLE: {
    meaning:
      '`status.json` in the backups directory (the last backup result) cannot be read or is not valid JSON; it is never taken as "no backup yet"',
    fix: 'make it readable, or move it aside; the next backup writes a new one',
  },
  AIS_BACKUP_TAR_INVALID: {
    meaning: 'a tar part cannot be read (truncated or damaged)',
    fix: 'use another archive',
  },
  AIS_BACKUP_TOOL_FAILED: {
    meaning: 'pg_dump, pg_restore, psql, redis-cli or another tool exited non-zero',
    fix: 'read the tool output in the message',
  },
  AIS_BACKUP_TOOL_MISSING: {
    meaning: 'a tool could not be started (not installed or not on PATH)',
    fix: 'install it (docker.io, postgresql-client, redis-tools)',
  },
  AIS_BACKUP_UNKNOWN_SERVICE: {
    meaning: '`backup` names a service that is not in the stack',
    fix: 'use a service id of the stack, `postgres` or `config`',
  },
  AIS_BACKUP_UNSAFE_ENTRY: {
    meaning: 'a tar entry could write outside its target (`..`, absolute path, escaping link, entry below a link, device file)',
    fix: 'the archive is refused and nothing was restored; use another one',
  },
  AIS_BACKUP_UPLOAD_FAILED: {
    meaning:
      "an S3 call (upload, multipart, HEAD, manifest) failed for another reason than the three `AIS_BACKUP_S3_*` ones (the server's message says why)",
    fix: 'check bucket, endpoint and credentials',
  },
  AIS_BACKUP_UPLOAD_MISMATCH: {
    meaning: "the uploaded object's size or ETag differs from what was sent",
    fix: 'the upload is not trusted; the next backup uploads again',
  },
  AIS_BACKUP_VERIFY_FAILED: {
    meaning: 'an archive did not verify (scratch restore differs from the manifest)',
    fix: 'do not rely on it; make a new backup',
  },
  AIS_BACKUP_VERSION_UNSUPPORTED: {
    meaning: 'the archive has another format version than this aistack reads',
    fix: 'restore it with the aistack version that wrote it',
  },
  AIS_BACKUP_WRITE_FAILED: {
    meaning: 'writing a part failed (disk full, a stream broke); no archive was recorded',
    fix: 'free disk space and back up again',
  },
});

export type BackupErrorCode = keyof typeof backupErrors;
