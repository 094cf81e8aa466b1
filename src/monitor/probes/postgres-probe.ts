import pg from 'pg';
import type { ProbeDefinition } from '../types.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { describeError, failure, success } from './probe-outcome.js';

/** Log in with the app's own role and run `select 1`: the database is up and the app's credentials still work. */
export async function probePostgres(probe: Extract<ProbeDefinition, { type: 'postgres' }>, context: ProbeContext): Promise<ProbeOutcome> {
  let password: string;
  try {
    password = await context.readSecret(probe.passwordFile);
  } catch (error: unknown) {
    return failure(`cannot read the password file: ${describeError(error)}`);
  }
  const client = new pg.Client({
    host: probe.host,
    port: probe.port,
    user: probe.user,
    database: probe.database,
    password,
    connectionTimeoutMillis: context.timeoutMs,
    query_timeout: context.timeoutMs,
    application_name: 'aistack-monitor',
  });
  client.on('error', () => undefined);
  const abort = (): void => void client.end().catch(() => undefined);
  context.signal.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    await client.query('select 1');
    return success(`logged in as ${probe.user} to ${probe.database}`);
  } catch (error: unknown) {
    return failure(describeError(error, password));
  } finally {
    context.signal.removeEventListener('abort', abort);
    await client.end().catch(() => undefined);
  }
}
