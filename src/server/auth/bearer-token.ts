import { createHash, timingSafeEqual } from 'node:crypto';

/** True when an `Authorization: Bearer <token>` header carries `expected`, compared in constant time. */
export function hasBearerToken(authorization: string | undefined, expected: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  const given = match?.[1] ?? '';
  // Hash both sides so the comparison does not leak the token's length either.
  const ok = timingSafeEqual(sha256(given), sha256(expected));
  return ok && given.length > 0 && expected.length > 0;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
