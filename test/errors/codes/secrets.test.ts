import { describe, expect, it } from 'vitest';
import { wordProblem } from '../../../src/errors.js';

describe('the messages of the secrets codes', () => {
  it('name the consumers a rotated value cannot reach, in the singular or the plural', () => {
    expect(wordProblem('AIS_SECRETS_FILE_MOUNTS', { services: ['n8n'] }).message).toBe(
      'n8n runs in a container made by an older compose.yaml that mounts each secret as a single file; a rotated value would ' +
        'never reach it',
    );
    expect(wordProblem('AIS_SECRETS_FILE_MOUNTS', { services: ['n8n', 'flowise'] }).message).toBe(
      'n8n, flowise run in containers made by an older compose.yaml that mounts each secret as a single file; a rotated ' +
        'value would never reach them',
    );
  });

  it('tell a damaged rotation journal from one whose new value is gone', () => {
    expect(wordProblem('AIS_SECRETS_JOURNAL_INVALID', { journal: 's/redis-password.rotation.json' }).message).toBe(
      's/redis-password.rotation.json is not a rotation journal aistack wrote',
    );
    expect(
      wordProblem('AIS_SECRETS_JOURNAL_INVALID', { journal: 's/redis-password.rotation.json', lostValue: 's/redis-password.next' }).message,
    ).toBe('s/redis-password.rotation.json records a rotation, but its new value (s/redis-password.next) is gone');
  });

  it('name the missing source of a Supabase key or of a derived secret', () => {
    expect(wordProblem('AIS_SECRETS_MISSING_SOURCE', { kind: 'supabase-anon-key' }).message).toBe(
      'a supabase-anon-key is signed with supabase-jwt-secret, which does not exist yet',
    );
    expect(wordProblem('AIS_SECRETS_MISSING_SOURCE', { name: 'litellm-database-url', source: 'postgres-password' }).message).toBe(
      'the secret "litellm-database-url" is made from "postgres-password", which is not in the stack',
    );
  });

  it('name a provided secret that is not there, or refuse to generate one', () => {
    expect(wordProblem('AIS_SECRETS_NOT_PROVIDED', { secret: { name: 'openai-api-key', protects: 'the OpenAI API' } }).message).toBe(
      'the secret "openai-api-key" (the OpenAI API) is not there',
    );
    expect(wordProblem('AIS_SECRETS_NOT_PROVIDED', {}).message).toBe(
      'a provided secret (a hosted provider API key) is written by you, not generated',
    );
  });

  it('name the server that refused a password change and its reason', () => {
    expect(wordProblem('AIS_SECRETS_SERVER_FAILED', { role: 'litellm', reason: 'no password to log in with' }).message).toBe(
      'PostgreSQL refused to change the password of the role "litellm": no password to log in with',
    );
    expect(wordProblem('AIS_SECRETS_SERVER_FAILED', { action: 'retire the old password', reason: 'WRONGPASS' }).message).toBe(
      'Redis refused to retire the old password: WRONGPASS',
    );
  });

  it('name the secret and what went wrong with it', () => {
    expect(wordProblem('AIS_SECRETS_BAD_NAME', { name: '../x' }).message).toBe(
      '"../x" is not a secret name (lower-case letters, digits, dashes and underscores)',
    );
    expect(wordProblem('AIS_SECRETS_NOT_FOUND', { name: 'webui-secret-key' }).message).toBe(
      'the secret "webui-secret-key" has not been generated',
    );
    expect(wordProblem('AIS_SECRETS_UNREADABLE', { name: 'redis-password', reason: 'EACCES' }).message).toBe(
      'cannot read the secret "redis-password" (EACCES)',
    );
    expect(wordProblem('AIS_SECRETS_WRITE_FAILED', { name: 'redis-password', reason: 'ENOSPC: no space left on device' }).message).toBe(
      'could not write the new value of "redis-password": ENOSPC: no space left on device',
    );
    expect(wordProblem('AIS_SECRETS_NO_SERVER', { name: 'redis-password', service: 'redis' }).message).toBe(
      'rotating "redis-password" needs the running redis, and it does not run',
    );
    expect(wordProblem('AIS_SECRETS_ROTATE_CRITICAL', { name: 'n8n-encryption-key' }).message).toBe(
      '"n8n-encryption-key" encrypts stored data; a new value would make that data unreadable',
    );
    expect(wordProblem('AIS_SECRETS_ROTATE_DERIVED', { name: 'supabase-anon-key' }).message).toBe(
      '"supabase-anon-key" is made from another secret; rotate that one instead',
    );
    expect(wordProblem('AIS_SECRETS_NOT_REGULAR', { file: 's/redis-password', what: 'a symbolic link' }).message).toBe(
      's/redis-password is a symbolic link; secret files must be regular files, so that a link cannot make another file (a ' +
        "TLS key, another project's secret) stand in for a secret",
    );
  });
});
