/** Values shipped as defaults by upstream examples and tutorials: anyone can guess them. */
export const KNOWN_DEFAULTS: ReadonlySet<string> = new Set([
  'guest',
  'admin',
  'administrator',
  'password',
  'passw0rd',
  'p@ssw0rd',
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'changethis',
  'secret',
  'root',
  'toor',
  'postgres',
  'redis',
  'mysql',
  'mongo',
  'test',
  'example',
  '123456',
  '12345678',
  '123456789',
  'letmein',
  'default',
  'sk-1234',
  'sk-12345',
  'supersecret',
  'your-super-secret-and-long-postgres-password',
  'your-super-secret-jwt-token-with-at-least-32-characters-long',
  'minioadmin',
  'qwerty',
  'difyai123456',
  'ultrasecretkey',
]);

/** Bits per character; long random strings score above 4. */
export function entropyOf(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const PLACEHOLDER =
  /^(?:change|replace|your|my|enter|set|insert|put|fill)[-_ ]?(?:me|this|it|here|in|your|the)?[-_ ]?(?:password|passwd|secret|key|token|value)?/i;

/**
 * Whether a secret value is weak: a known default, a placeholder (`change-me`, `your-secret-here`),
 * or too little randomness (under 10 characters, or under 40 bits by character entropy).
 */
export function isWeakSecret(value: string): 'known' | 'weak' | undefined {
  if (value === '') return undefined;
  const lower = value.toLowerCase();
  if (KNOWN_DEFAULTS.has(lower) || /^(admin|password|changeme|secret|root)\d{0,4}!?$/.test(lower)) return 'known';
  if (PLACEHOLDER.test(value) && /change|replace|your|enter|insert|fill/i.test(value)) return 'known';
  if (value.length < 10 || entropyOf(value) * value.length < 40) return 'weak';
  return undefined;
}

/** Variable names that hold a secret (not the names of files, users or lengths). */
export const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_KEY|ACCESS_KEY|MASTER_KEY|SALT|_PASS$|_PWD$)/i;
export const NOT_SECRET_NAME =
  /(_FILE|_PATH|_URL_?PATH|_LENGTH|_TTL|_EXPIRY|_EXPIRES(_IN)?|_ENABLED|_HEADER|_NAME|_USER(NAME)?|_TYPE|_ALGORITHM)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}
