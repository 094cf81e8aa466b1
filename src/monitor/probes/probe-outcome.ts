import type Docker from 'dockerode';

/** What one probe reports; `runProbe` adds the timing. */
export interface ProbeOutcome {
  readonly ok: boolean;
  readonly degraded: boolean;
  readonly message: string;
}

export interface ProbeContext {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly docker: Docker | undefined;
  /** Reads a secret file (cached by the engine); never logged. */
  readonly readSecret: (file: string) => Promise<string>;
  readonly now: () => number;
}

export const success = (message = 'ok'): ProbeOutcome => ({ ok: true, degraded: false, message });
export const failure = (message: string): ProbeOutcome => ({ ok: false, degraded: false, message });
export const degraded = (message: string): ProbeOutcome => ({ ok: true, degraded: true, message });

/** Error text fit for a check message: one line, short, and free of the secret if one was used. */
export function describeError(error: unknown, secret?: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  let text = error instanceof Error ? error.message : String(error);
  if (secret && secret.length > 0) text = text.split(secret).join('***');
  text = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return code && !text.includes(code) ? `${code} ${text}`.trim() : text || 'failed';
}
