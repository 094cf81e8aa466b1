import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hash } from 'bcryptjs';
import { ServerError } from '../../errors.js';
import { sharedBcryptVerifier } from './bcrypt-worker.js';
import type { BcryptVerifier } from './bcrypt-worker.js';

/** A login (the admin's, or the viewer's): a user name and a bcrypt hash. The plain password is dropped after hashing. */
export interface AdminCredentials {
  readonly user: string;
  /** True when both the user and the password match. Always runs one bcrypt comparison. */
  verify(user: string, password: string): Promise<boolean>;
}

export interface AdminCredentialsInput {
  /** @default "admin" */
  readonly user?: string;
  /** File holding the generated password (or an existing bcrypt hash of it). */
  readonly passwordFile: string;
  /** bcrypt cost. @default 10 */
  readonly cost?: number;
  /** Which login the file is for, in messages. @default "admin" */
  readonly label?: string;
  /** What to do when the file is missing; the caller knows whether `aistack secrets` would create it. */
  readonly missingHint?: string;
}

const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

/** Read the password file, hash it with bcrypt and keep only the hash. */
export async function loadAdminCredentials(input: AdminCredentialsInput): Promise<AdminCredentials> {
  const label = input.label ?? 'admin';
  let text: string;
  try {
    text = await readFile(input.passwordFile, 'utf8');
  } catch (error: unknown) {
    throw new ServerError('AIS_SERVER_PASSWORD_FILE', {
      login: label,
      file: input.passwordFile,
      problem: 'unreadable',
      hint: input.missingHint ?? 'run `aistack secrets` to generate it (or pass --password-file)',
      cause: error,
    });
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret.length === 0) {
    throw new ServerError('AIS_SERVER_PASSWORD_FILE', {
      login: label,
      file: input.passwordFile,
      problem: 'empty',
      hint: 'write a password into it, or delete it and run `aistack secrets` to generate one',
    });
  }
  const passwordHash = BCRYPT_HASH.test(secret) ? secret : await hash(secret, input.cost ?? 10);
  return createAdminCredentials(input.user ?? 'admin', passwordHash);
}

export function createAdminCredentials(
  user: string,
  passwordHash: string,
  verifier: BcryptVerifier = sharedBcryptVerifier(),
): AdminCredentials {
  const userDigest = digest(user);
  return {
    user,
    async verify(candidateUser: string, password: string): Promise<boolean> {
      // Compare the password even for a wrong user so both failures take the same time; off the
      // event loop (a worker thread), so other requests are served meanwhile.
      const passwordOk = await verifier.compare(password, passwordHash);
      return timingSafeEqual(digest(candidateUser), userDigest) && passwordOk;
    },
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
