import { performance } from 'node:perf_hooks';
import { SecretsError } from '../errors.js';
import type { Stack, StackSecret } from '../stack/types.js';
import { createLiveServer } from './create-live-server.js';
import { describeConsumerStates } from './describe-consumer-states.js';
import type { ConsumerProgress } from './describe-consumer-states.js';
import type { RandomSource } from './generate.js';
import { generateSecret } from './generate.js';
import type { ServerAddress } from './live-server.js';
import { collectRotationConsumers, orderRotationRestarts } from './rotation-consumers.js';
import type { RotationJournal } from './rotation-journal.js';
import { readRotationJournal, removeRotationJournal, writeRotationJournal } from './rotation-journal.js';
import { stageDelivery } from './stage-delivery.js';
import type { StagedFile } from './store.js';
import { readRegularFile, readSecretMetadata, requireSecretValue, secretFiles, writeFileAtomic, writeSecretMetadata } from './store.js';

export type { ServerAddress } from './live-server.js';

/** What the rotation needs to know about one consumer's containers before it changes anything. */
export type ConsumerContainers =
  /** Running, with .aistack/secrets/mounted/<service> at /run/secrets. */
  | 'running'
  /** No running container (stopped, a finished job): it reads the new value when it starts. */
  | 'stopped'
  /** Running, but created by an older compose.yaml that mounted each secret as its own file, which a rotation cannot reach. */
  | 'file-mounts';

export interface RotationDependencies {
  readonly stack: Stack;
  readonly secretsDirectory: string;
  /** Where a server's running container answers, or undefined when it does not run. */
  readonly serverAddress: (service: string) => Promise<ServerAddress | undefined>;
  /** The state of each consumer's containers. @default every consumer running */
  readonly consumerContainers?: (services: readonly string[]) => Promise<ReadonlyMap<string, ConsumerContainers>>;
  /** Restart one service's containers and wait until they are healthy again; throw when they are not. */
  readonly restart: (service: string) => Promise<void>;
  /** One line per step, for the terminal. */
  readonly progress?: (line: string) => void;
  readonly now?: () => Date;
  readonly random?: RandomSource;
}

export interface RotationResult {
  readonly name: string;
  /** The server that took the new value first, and whether it held both values while the consumers moved. */
  readonly server: { readonly service: string; readonly label: string; readonly heldBoth: boolean } | undefined;
  /** Consumers whose files hold the new value (every one). */
  readonly delivered: readonly string[];
  /** Consumers that read it at start and were restarted, in order, with the seconds each took to be healthy. */
  readonly restarted: readonly { readonly service: string; readonly seconds: number }[];
  /** The server that took the new value live (no restart). */
  readonly live: readonly string[];
  /** Consumers that read the file on each use: they have the new value without a restart. */
  readonly perUse: readonly string[];
  /** Consumers that read it at start but do not run: they read the new value when they start. */
  readonly notRunning: readonly string[];
  /**
   * Milliseconds from the server's confirmation of the change to the moment every file held the
   * new value (servers that hold one value only); 0 where the server held both.
   */
  readonly windowMs: number;
  /**
   * How long the server took to confirm the change (`ALTER ROLE` commits and flushes its WAL): the
   * old value stopped working somewhere in it, so the whole gap is at most `statementMs + windowMs`.
   */
  readonly statementMs: number;
  /** This run finished a rotation an earlier run had begun. */
  readonly resumed: boolean;
}

/**
 * Rotate one secret so that every running consumer ends up with the new value and nothing breaks
 * on the way (docs/security.md, "Rotation"):
 *
 * 1. stage the new value in every file (the secret, its derived files, each consumer's
 *    /run/secrets copy), written and fsynced but not yet in place;
 * 2. change it in the running server that checks it (PostgreSQL `ALTER ROLE`; Redis adds it
 *    beside the old one);
 * 3. put every staged file in place (renames only, so the gap after step 2 is milliseconds);
 * 4. restart, one at a time and waiting for health, only the consumers that read it at start;
 * 5. Redis: retire the old password.
 *
 * Each step is recorded in `<name>.rotation.json`; when one fails, the error names the step,
 * every consumer's state, and `aistack secrets rotate <name>`, which finishes the same rotation.
 */
export async function rotateSecret(name: string, deps: RotationDependencies): Promise<RotationResult> {
  const secret = findRotatable(deps.stack, name);
  const directory = deps.secretsDirectory;
  const files = secretFiles(directory, name);
  const say = deps.progress ?? (() => undefined);
  const now = deps.now ?? (() => new Date());
  const derived = deps.stack.secrets.filter((entry) => entry.derive?.from === name);
  const consumers = collectRotationConsumers([secret, ...derived]);
  const live = secret.live;

  // Everything that can be checked is checked before anything changes.
  let journal = await readRotationJournal(directory, name);
  const resumed = journal !== undefined;
  const nothingChanged = resumed ? `the unfinished rotation of ${name} waits` : 'nothing was changed';
  const address = live ? await deps.serverAddress(live.service) : undefined;
  if (live && !address) {
    throw new SecretsError('AIS_SECRETS_NO_SERVER', {
      name,
      service: live.service,
      hint: `start the stack (\`aistack up\`), then \`aistack secrets rotate ${name}\`; ${nothingChanged}`,
    });
  }
  const containers = deps.consumerContainers
    ? await deps.consumerContainers(consumers.map((consumer) => consumer.service))
    : new Map(consumers.map((consumer) => [consumer.service, 'running' as const]));
  const unreachable = consumers
    .filter((consumer) => containers.get(consumer.service) === 'file-mounts')
    .map((consumer) => consumer.service);
  if (unreachable.length > 0) {
    throw new SecretsError('AIS_SECRETS_FILE_MOUNTS', {
      services: unreachable,
      hint: `\`aistack deploy\` recreates them with /run/secrets mounted as a directory; then \`aistack secrets rotate ${name}\`; ${nothingChanged}`,
    });
  }

  let newValue: string;
  let oldValue: string;
  if (journal) {
    const next = await readRegularFile(files.next);
    if (next === undefined) {
      throw new SecretsError('AIS_SECRETS_JOURNAL_INVALID', {
        journal: files.rotation,
        lostValue: files.next,
        hint: `if the server already has a value you do not know, reset it by hand; otherwise move ${files.rotation} away and rotate again`,
      });
    }
    newValue = next;
    oldValue = journal.delivered
      ? ((await readRegularFile(files.previous)) ?? (await requireSecretValue(directory, name)))
      : await requireSecretValue(directory, name);
    say(`finishing the rotation of ${name} begun at ${journal.started}`);
  } else {
    oldValue = await requireSecretValue(directory, name);
    newValue = generateSecret(secret.kind, deps.random ? { random: deps.random } : {}).value;
    await writeFileAtomic(files.next, newValue);
    journal = { name, started: now().toISOString(), serverChanged: false, delivered: false, restarted: [] };
    await writeRotationJournal(directory, journal);
  }
  const save = async (change: Partial<RotationJournal>): Promise<void> => {
    journal = { ...journal!, ...change };
    await writeRotationJournal(directory, journal);
  };
  const server = live && address ? await createLiveServer(deps, live, address, oldValue, newValue) : undefined;
  const progress = (): ConsumerProgress => ({
    serverChanged: journal!.serverChanged,
    delivered: journal!.delivered,
    restarted: journal!.restarted,
    containers,
  });
  const incomplete = (step: string, error: unknown, extra: Partial<ConsumerProgress> = {}): SecretsError =>
    new SecretsError('AIS_SECRETS_ROTATION_INCOMPLETE', {
      name,
      step,
      reason: (error as Error).message,
      states: describeConsumerStates(consumers, server, { ...progress(), ...extra }),
      hint: `\`aistack secrets rotate ${name}\` finishes this rotation with the same new value (the old one is in .aistack/secrets/${name}.previous)`,
      cause: error,
    });

  // 1–3: stage, change the server, put the files in place.
  let windowMs = 0;
  let statementMs = 0;
  if (!journal.delivered) {
    await writeFileAtomic(files.previous, oldValue);
    let staged: StagedFile[];
    try {
      staged = await stageDelivery(directory, secret, derived, newValue);
    } catch (error: unknown) {
      if (!journal.serverChanged) await removeRotationJournal(directory, name);
      throw new SecretsError('AIS_SECRETS_WRITE_FAILED', {
        name,
        reason: (error as Error).message,
        hint: journal.serverChanged
          ? `check free space and permissions of .aistack/secrets, then \`aistack secrets rotate ${name}\` finishes the rotation`
          : 'check free space and permissions of .aistack/secrets, then rotate again; nothing was changed',
        cause: error,
      });
    }
    let sentAt = performance.now();
    let confirmedAt = sentAt;
    if (server) {
      say(`changing ${name} in ${server.label}`);
      // Recorded before the change ("may have it"): a run cut off right after it must not start over with another value.
      const changedBefore = journal.serverChanged;
      await save({ serverChanged: true });
      try {
        sentAt = await server.apply();
        confirmedAt = performance.now();
      } catch (error: unknown) {
        await Promise.all(staged.map((file) => file.discard()));
        if (!changedBefore) {
          await removeRotationJournal(directory, name);
          if (!(error instanceof SecretsError)) throw error;
          throw new SecretsError(error.code, {
            worded: `${error.message}; nothing was changed`,
            ...(error.hint ? { hint: error.hint } : {}),
            cause: error,
          });
        }
        throw incomplete(`change the password in ${server.label}`, error);
      }
    }
    try {
      for (const file of staged) await file.commit();
    } catch (error: unknown) {
      await Promise.all(staged.map((file) => file.discard()));
      throw incomplete('put the new value in place', error);
    }
    if (server && !server.holdsBoth) {
      windowMs = performance.now() - confirmedAt;
      statementMs = confirmedAt - sentAt;
    }
    await save({ delivered: true });
    say(`new value in place for ${consumers.map((consumer) => consumer.service).join(', ')}`);
  }

  // 4: restart what reads it only at start, one at a time, the owner first, then in dependency order.
  const restarted: { service: string; seconds: number }[] = [];
  const toRestart = orderRotationRestarts(deps.stack, consumers).filter((service) => containers.get(service) === 'running');
  for (const service of toRestart) {
    if (journal.restarted.includes(service)) continue;
    say(`restarting ${service} (reads ${name} at start)`);
    const began = performance.now();
    try {
      await deps.restart(service);
    } catch (error: unknown) {
      throw incomplete(`restart ${service}`, error, { failed: service });
    }
    restarted.push({ service, seconds: (performance.now() - began) / 1000 });
    await save({ restarted: [...journal.restarted, service] });
  }

  // 5: every consumer has the new value; the old one goes.
  if (server?.holdsBoth) {
    try {
      await server.settle();
    } catch (error: unknown) {
      throw incomplete(`retire the old password in ${server.label}`, error);
    }
  }
  const metadata = await readSecretMetadata(directory, name);
  const finished = now().toISOString();
  await writeSecretMetadata(directory, { name, kind: secret.kind, created: metadata?.created ?? finished, rotated: finished });
  await removeRotationJournal(directory, name);
  return {
    name,
    server: server && live ? { service: live.service, label: server.label, heldBoth: server.holdsBoth } : undefined,
    delivered: consumers.map((consumer) => consumer.service),
    restarted,
    live: consumers.filter((consumer) => consumer.reads === 'live').map((consumer) => consumer.service),
    perUse: consumers.filter((consumer) => consumer.reads === 'per-use').map((consumer) => consumer.service),
    notRunning: consumers
      .filter((consumer) => consumer.reads === 'at-start' && containers.get(consumer.service) !== 'running')
      .map((consumer) => consumer.service),
    windowMs,
    statementMs,
    resumed,
  };
}

function findRotatable(stack: Stack, name: string): StackSecret {
  const secret = stack.secrets.find((entry) => entry.name === name);
  if (!secret) {
    throw new SecretsError('AIS_SECRETS_UNKNOWN', { name, hint: '`aistack secrets` lists the names' });
  }
  if (secret.critical) {
    throw new SecretsError('AIS_SECRETS_ROTATE_CRITICAL', {
      name,
      hint: "rotate it with the service's own key-rotation procedure, not with aistack",
    });
  }
  if (secret.derive || secret.kind === 'supabase-anon-key' || secret.kind === 'supabase-service-key') {
    throw new SecretsError('AIS_SECRETS_ROTATE_DERIVED', {
      name,
      hint: secret.derive ? `rotate "${secret.derive.from}"` : 'rotate "supabase-jwt-secret"',
    });
  }
  return secret;
}
