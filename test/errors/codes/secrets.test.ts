import { describe, expect, it } from 'vitest';
import { wordError } from '../../../src/errors.js';

describe('the messages of the secrets codes', () => {
  it('name the consumers a rotated value cannot reach, in the singular or the plural', () => {
    expect(wordError('AIS_SECRETS_FILE_MOUNTS', { services: ['n8n'] })).toBe(
      'n8n runs in a container made by an older compose.yaml that mounts each secret as a single file; a rotated value would ' +
        'never reach it',
    );
    expect(wordError('AIS_SECRETS_FILE_MOUNTS', { services: ['n8n', 'flowise'] })).toBe(
      'n8n, flowise run in containers made by an older compose.yaml that mounts each secret as a single file; a rotated ' +
        'value would never reach them',
    );
  });

  it('tell a damaged rotation journal from one whose new value is gone', () => {
    expect(wordError('AIS_SECRETS_JOURNAL_INVALID', { journal: 's/redis-password.rotation.json' })).toBe(
      's/redis-password.rotation.json is not a rotation journal aistack wrote',
    );
    expect(
      wordError('AIS_SECRETS_JOURNAL_INVALID', { journal: 's/redis-password.rotation.json', lostValue: 's/redis-password.next' }),
    ).toBe('s/redis-password.rotation.json records a rotation, but its new value (s/redis-password.next) is gone');
  });

  it('name the missing source of a Supabase key or of a derived secret', () => {
    expect(wordError('AIS_SECRETS_MISSING_SOURCE', { kind: 'supabase-anon-key' })).toBe(
      'a supabase-anon-key is signed with supabase-jwt-secret, which does not exist yet',
    );
    expect(wordError('AIS_SECRETS_MISSING_SOURCE', { name: 'litellm-database-url', source: 'postgres-password' })).toBe(
      'the secret "litellm-database-url" is made from "postgres-password", which is not in the stack',
    );
  });

  it('name a provided secret that is not there, or refuse to generate one', () => {
    expect(wordError('AIS_SECRETS_NOT_PROVIDED', { secret: { name: 'openai-api-key', protects: 'the OpenAI API' } })).toBe(
      'the secret "openai-api-key" (the OpenAI API) is not there',
    );
    expect(wordError('AIS_SECRETS_NOT_PROVIDED', {})).toBe(
      'a provided secret (a hosted provider API key) is written by you, not generated',
    );
  });

  it('name the server that refused a password change and its reason', () => {
    expect(wordError('AIS_SECRETS_SERVER_FAILED', { role: 'litellm', reason: 'no password to log in with' })).toBe(
      'PostgreSQL refused to change the password of the role "litellm": no password to log in with',
    );
    expect(wordError('AIS_SECRETS_SERVER_FAILED', { action: 'retire the old password', reason: 'WRONGPASS' })).toBe(
      'Redis refused to retire the old password: WRONGPASS',
    );
  });

  it('name the secret and what went wrong with it', () => {
    expect(wordError('AIS_SECRETS_BAD_NAME', { name: '../x' })).toBe(
      '"../x" is not a secret name (lower-case letters, digits, dashes and underscores)',
    );
    expect(wordError('AIS_SECRETS_NOT_FOUND', { name: 'webui-secret-key' })).toBe('the secret "webui-secret-key" has not been generated');
    expect(wordError('AIS_SECRETS_UNREADABLE', { name: 'redis-password', reason: 'EACCES' })).toBe(
      'cannot read the secret "redis-password" (EACCES)',
    );
    expect(wordError('AIS_SECRETS_WRITE_FAILED', { name: 'redis-password', reason: 'ENOSPC: no space left on device' })).toBe(
      'could not write the new value of "redis-password": ENOSPC: no space left on device',
    );
    expect(wordError('AIS_SECRETS_NO_SERVER', { name: 'redis-password', service: 'redis' })).toBe(
      'rotating "redis-password" needs the running redis, and it does not run',
    );
    expect(wordError('AIS_SECRETS_ROTATE_CRITICAL', { name: 'n8n-encryption-key' })).toBe(
      '"n8n-encryption-key" encrypts stored data; a new value would make that data unreadable',
    );
    expect(wordError('AIS_SECRETS_ROTATE_DERIVED', { name: 'supabase-anon-key' })).toBe(
      '"supabase-anon-key" is made from another secret; rotate that one instead',
    );
    expect(wordError('AIS_SECRETS_NOT_REGULAR', { file: 's/redis-password', what: 'a symbolic link' })).toBe(
      's/redis-password is a symbolic link; secret files must be regular files, so that a link cannot make another file (a ' +
        "TLS key, another project's secret) stand in for a secret",
    );
  });
});
