import { defineErrorCodes } from '../define-error-codes.js';

/** What a Redis password change asks the server to do. */
export type RedisPasswordAction = 'add the new password' | 'retire the old password' | 'remove the new password';

/** The codes of docs/errors/secrets.md, in the order of its table. */
export const secretsErrors = defineErrorCodes({
  AIS_SECRETS_BAD_NAME: {
    meaning: 'a secret name with characters other than lower-case letters, digits, dashes and underscores',
    fix: 'use a name `aistack secrets` lists',
    message: ({ name }: { name: string }) => `"${name}" is not a secret name (lower-case letters, digits, dashes and underscores)`,
  },
  AIS_SECRETS_FILE_MOUNTS: {
    meaning:
      'a consumer runs in a container made by an older compose.yaml that mounts each secret as a single file, which a ' +
      'rotated value cannot reach; nothing was changed',
    fix: '`aistack deploy` recreates it with `/run/secrets` mounted as a directory; then rotate',
    message: ({ services }: { services: readonly string[] }) =>
      `${services.join(', ')} ${services.length === 1 ? 'runs in a container' : 'run in containers'} made by an older ` +
      `compose.yaml that mounts each secret as a single file; a rotated value would never reach ${services.length === 1 ? 'it' : 'them'}`,
  },
  AIS_SECRETS_JOURNAL_INVALID: {
    meaning: '`<name>.rotation.json` or the new value `<name>.next` of an unfinished rotation is damaged or missing',
    fix: 'if no rotation is under way, move the file away and rotate again',
    // lostValue: the journal is sound, but the new value it records is gone.
    message: ({ journal, lostValue }: { journal: string; lostValue?: string }) =>
      lostValue === undefined
        ? `${journal} is not a rotation journal aistack wrote`
        : `${journal} records a rotation, but its new value (${lostValue}) is gone`,
  },
  AIS_SECRETS_MISSING_SOURCE: {
    meaning: 'a secret made from another one (a Supabase API key, a derived connection string) was asked for before its source exists',
    fix: 'run `aistack secrets`: it generates sources first',
    // kind: a Supabase API key asked for before supabase-jwt-secret; name and source: a derived secret.
    message: (facts: { kind: 'supabase-anon-key' | 'supabase-service-key' } | { name: string; source: string }) =>
      'kind' in facts
        ? `a ${facts.kind} is signed with supabase-jwt-secret, which does not exist yet`
        : `the secret "${facts.name}" is made from "${facts.source}", which is not in the stack`,
  },
  AIS_SECRETS_NOT_FOUND: {
    meaning: 'the secret has not been generated yet',
    fix: 'run `aistack secrets`',
    message: ({ name }: { name: string }) => `the secret "${name}" has not been generated`,
  },
  AIS_SECRETS_NOT_PROVIDED: {
    meaning:
      "a secret you provide (a hosted provider's API key, `models.providers.<id>.apiKeySecret`) is not in `.aistack/secrets`; aistack never generates those",
    fix: 'write the key to the file the message names (mode 0600), then run the command again',
    // Without a secret: such a secret was asked to be generated.
    message: ({ secret }: { secret?: { readonly name: string; readonly protects: string } }) =>
      secret
        ? `the secret "${secret.name}" (${secret.protects}) is not there`
        : 'a provided secret (a hosted provider API key) is written by you, not generated',
  },
  AIS_SECRETS_NOT_REGULAR: {
    meaning:
      'a secret file is a symbolic link, a directory or another non-regular file; aistack does not follow links at secret ' +
      'paths, so no other file (a TLS key) can stand in for a secret',
    fix: 'replace the link with the file itself (`cp --remove-destination "$(readlink -f <file>)" <file>`), or restore the secret from a backup',
    message: ({ file, what }: { file: string; what: 'a symbolic link' | 'a directory' | 'not a regular file' }) =>
      `${file} is ${what}; secret files must be regular files, so that a link cannot make another file (a TLS key, another ` +
      `project's secret) stand in for a secret`,
  },
  AIS_SECRETS_NO_SERVER: {
    meaning: 'rotating a PostgreSQL or Redis password needs that server running, and its container was not found; nothing was changed',
    fix: 'start the stack (`aistack up`), then rotate',
    message: ({ name, service }: { name: string; service: string }) =>
      `rotating "${name}" needs the running ${service}, and it does not run`,
  },
  AIS_SECRETS_ROTATE_CRITICAL: {
    meaning: 'the secret encrypts stored data (n8n, Flowise, Open WebUI keys); a new value would make that data unreadable',
    fix: "use the service's own key-rotation procedure",
    message: ({ name }: { name: string }) => `"${name}" encrypts stored data; a new value would make that data unreadable`,
  },
  AIS_SECRETS_ROTATE_DERIVED: {
    meaning: 'the secret is computed from another secret',
    fix: 'rotate the source named in the hint',
    message: ({ name }: { name: string }) => `"${name}" is made from another secret; rotate that one instead`,
  },
  AIS_SECRETS_ROTATION_INCOMPLETE: {
    meaning:
      'a rotation stopped part-way (a restarted consumer did not become healthy, Redis refused to retire the old password); ' +
      'the message names the step and the state of every consumer, and the rotation is recorded in `<name>.rotation.json`',
    fix: 'fix what the step names (`aistack logs <service>`), then `aistack secrets rotate <name>` finishes the same rotation with the same new value',
    // states: one line per consumer (describeConsumerStates).
    message: ({ name, step, reason, states }: { name: string; step: string; reason: string; states: string }) =>
      `rotating "${name}" stopped at "${step}": ${reason}\n${states}`,
  },
  AIS_SECRETS_SERVER_FAILED: {
    meaning: 'PostgreSQL or Redis refused the password change (wrong admin password, server down)',
    fix: 'check that the server runs and that its admin secret file is the password it was initialised with',
    // role: a PostgreSQL role's password; action: what Redis was asked to do.
    message: (facts: ({ role: string } | { action: RedisPasswordAction }) & { reason: string }) =>
      'role' in facts
        ? `PostgreSQL refused to change the password of the role "${facts.role}": ${facts.reason}`
        : `Redis refused to ${facts.action}: ${facts.reason}`,
  },
  AIS_SECRETS_UNKNOWN: {
    meaning: 'the stack has no secret with that name',
    fix: '`aistack secrets` lists the names',
    message: ({ name }: { name: string }) => `the stack has no secret "${name}"`,
  },
  AIS_SECRETS_UNREADABLE: {
    meaning: 'a secret file exists but cannot be read',
    fix: 'the secrets directory must belong to the user running aistack (0700, files 0600)',
    // reason: the errno code (EACCES), or `error` without one.
    message: ({ name, reason }: { name: string; reason: string }) => `cannot read the secret "${name}" (${reason})`,
  },
  AIS_SECRETS_WRITE_FAILED: {
    meaning:
      'the new value could not be written during a rotation; before the server changed, nothing was changed, after it the rotation is recorded as unfinished',
    fix: 'check free space and permissions of `.aistack/secrets`, then run `aistack secrets rotate <name>` again',
    message: ({ name, reason }: { name: string; reason: string }) => `could not write the new value of "${name}": ${reason}`,
  },
});

export type SecretsErrorCode = keyof typeof secretsErrors;
