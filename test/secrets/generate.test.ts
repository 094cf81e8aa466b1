import { createHmac } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { generateSecret, generateUrlSafe, signJwt } from '../../src/secrets/generate.js';

describe('generating secrets', () => {
  it('makes each kind in the format its consumer needs', () => {
    expect(generateSecret('password').value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateSecret('password-24').value).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generateSecret('hex32').value).toMatch(/^[0-9a-f]{64}$/);
    expect(generateSecret('hex16').value).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(generateSecret('base64-48').value, 'base64')).toHaveLength(48);
    expect(generateSecret('sk-key').value).toMatch(/^sk-[A-Za-z0-9_-]{48}$/);
    expect(generateSecret('jwt-secret').value.length).toBeGreaterThanOrEqual(40);
  });

  it('pairs an htpasswd password with a bcrypt ($2b$) line for user admin that checks', () => {
    const secret = generateSecret('htpasswd');
    expect(secret.htpasswd).toMatch(/^admin:\$2b\$10\$[./A-Za-z0-9]{53}\n$/);
    expect(bcrypt.compareSync(secret.value, secret.htpasswd!.trim().slice('admin:'.length))).toBe(true);
  });

  it('never repeats a value', () => {
    const values = new Set(Array.from({ length: 200 }, () => generateSecret('password').value));
    expect(values.size).toBe(200);
  });

  it('maps every byte to the 64-character alphabet without bias', () => {
    expect(generateUrlSafe(4, () => Buffer.from([0, 63, 64, 255]))).toBe('A_A_');
    expect(generateUrlSafe(3, () => Buffer.from([0, 26, 52]))).toBe('Aa0');
  });

  it('signs the Supabase API keys with the stack JWT secret (HS256)', () => {
    const anon = generateSecret('supabase-anon-key', { jwtSecret: 'x'.repeat(40), now: 1_700_000_000 }).value;
    const [header, payload, signature] = anon.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({
      role: 'anon',
      iss: 'supabase',
      iat: 1_700_000_000,
      exp: 1_700_000_000 + 315_360_000,
    });
    expect(signature).toBe(createHmac('sha256', 'x'.repeat(40)).update(`${header}.${payload}`).digest('base64url'));
    expect(signJwt({ role: 'service_role' }, 'k').split('.')).toHaveLength(3);
  });

  it('refuses a Supabase key before its JWT secret exists', () => {
    expect(() => generateSecret('supabase-service-key')).toThrow(expect.objectContaining({ code: 'AIS_SECRETS_MISSING_SOURCE' }));
  });
});
