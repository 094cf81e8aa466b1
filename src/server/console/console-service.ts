import { readFile } from 'node:fs/promises';
import { ServerError, wordProblem } from '../../errors.js';
import type { ErrorArgs, UntypedErrorClass } from '../../errors.js';
import type { AuditAction, AuditStore } from '../../monitor/audit-store.js';
import type { Project } from '../../project/load.js';
import { loadProject } from '../../project/load.js';
import type { ProjectPaths } from '../../project/paths.js';
import { resolveProjectPaths } from '../../project/paths.js';
import { describeRotation } from '../../secrets/describe-rotation.js';
import { readSecretMetadata } from '../../secrets/store.js';
import { createDefaultPreflight } from '../../runtime/default-preflight.js';
import { createEngine } from '../../runtime/engine.js';
import type { Preflight } from '../../runtime/preflight.js';
import { acquireStackLock } from '../../runtime/stack-lock.js';
import type { StackLock } from '../../runtime/stack-lock.js';
import { openStateStore } from '../../runtime/state-store.js';
import { writeFileAtomic } from '../../util/write-file-atomic.js';
import type { ConsoleDeployer } from './deployer.js';
import { createDockerDeployer } from './deployer.js';
import { createUnifiedDiff } from './line-diff.js';
import { hashManifest } from './manifest-version.js';
import type { Operation, OperationRegistry } from './operations.js';
import { createOperationRegistry } from './operations.js';
import type { Preview } from './preview.js';
import { diffFiles, previewManifest } from './preview.js';
import type { ConsoleProblem } from './validate-text.js';
import { validateManifestText } from './validate-text.js';

/** Who asks, as the audit log records it. */
export interface Actor {
  readonly user: string;
  readonly address: string;
}

export interface ApplyRequest {
  readonly text: string;
  /** The version (hash) of aistack.yaml the page loaded; a different file on disk is a conflict. */
  readonly baseVersion: string;
  readonly confirmWarnings: boolean;
  readonly confirmOutsidePaths: boolean;
  /** A restore: the revision whose manifest this is. */
  readonly restoreOf?: number;
}

/** A 409: what changed on disk since the page loaded, or which operation holds the stack. */
export class ConflictError extends (ServerError as UntypedErrorClass) {
  override name = 'ConflictError';
  readonly diff: string;
  readonly version: string;
  constructor(details: ErrorArgs<'AIS_SERVER_CONFLICT'>[0], diff: string, version: string) {
    super('AIS_SERVER_CONFLICT', details);
    this.diff = diff;
    this.version = version;
  }
}

export interface ConsoleServiceOptions {
  readonly directory: string;
  readonly audit: AuditStore;
  readonly now?: () => number;
  readonly deployer?: ConsoleDeployer;
  readonly preflight?: Preflight;
}

export interface ConsoleService {
  readonly paths: ProjectPaths;
  readonly audit: AuditStore;
  readonly operations: OperationRegistry;
  record(actor: Actor, action: AuditAction, detail: string, revision?: number): void;
  readManifest(): Promise<{ text: string; version: string }>;
  validate(text: string): readonly ConsoleProblem[];
  preview(text: string): Promise<Preview>;
  apply(actor: Actor, request: ApplyRequest): Promise<Operation>;
  rotate(actor: Actor, name: string): Promise<Operation>;
  listSecrets(actor: Actor): Promise<SecretSummary[]>;
  history(limit: number): RevisionSummary[];
  revisionManifest(id: number): { text: string; version: string };
  diffRevisions(from: number, to: number): { manifest: string; files: { path: string; diff: string }[] };
}

export interface SecretSummary {
  readonly name: string;
  readonly kind: string;
  readonly critical: boolean;
  readonly protects: string;
  readonly consumers: readonly string[];
  readonly created: string | null;
  readonly rotated: string | null;
  readonly ageDays: number | null;
}

export interface RevisionSummary {
  readonly id: number;
  readonly kind: string;
  readonly sourceRevision: number | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly user: string;
  readonly result: string;
  readonly summary: string;
  readonly error: string | null;
}

/** Texts the console handed out, by version, so a conflict can show what changed since. */
const KEPT_VERSIONS = 50;

/**
 * The console's whole reach: aistack.yaml (read, validate, preview, write on apply), the deploy
 * through the stack lock, the revisions of .aistack/state.db, secret metadata and rotation. No
 * other file, no SQL, no exec.
 */
export function createConsoleService(options: ConsoleServiceOptions): ConsoleService {
  const paths = resolveProjectPaths(options.directory);
  const now = options.now ?? Date.now;
  const deployer = options.deployer ?? createDockerDeployer();
  const preflight = options.preflight ?? createDefaultPreflight(createEngine());
  const operations = createOperationRegistry();
  const versions = new Map<string, string>();
  const remember = (text: string): string => {
    const version = hashManifest(text);
    versions.delete(version);
    versions.set(version, text);
    while (versions.size > KEPT_VERSIONS) versions.delete(versions.keys().next().value!);
    return version;
  };
  const readText = async (): Promise<string> => readFile(paths.manifest, 'utf8');
  const record = (actor: Actor, action: AuditAction, detail: string, revision?: number): void => {
    options.audit.record({
      at: now(),
      user: actor.user,
      action,
      detail,
      address: actor.address,
      ...(revision === undefined ? {} : { revision }),
    });
  };

  /** Refuse while another operation runs here or anywhere (the stack lock); otherwise hold the lock. */
  const claim = async (actor: Actor, what: string): Promise<StackLock> => {
    const running = operations.running();
    if (running) {
      record(actor, 'refused', `${what}: ${running.kind} by ${running.user} is running`);
      throw new ConflictError({ running: running.kind, user: running.user, hint: 'wait for it to finish, then try again' }, '', '');
    }
    try {
      return await acquireStackLock(paths, { command: `console ${what}`, wait: false });
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      record(actor, 'refused', `${what}: ${message}`);
      throw new ConflictError({ held: message, hint: 'wait for the other command to finish, then try again' }, '', '');
    }
  };

  return {
    paths,
    audit: options.audit,
    operations,
    record,
    async readManifest() {
      const text = await readText();
      return { text, version: remember(text) };
    },
    validate(text) {
      return validateManifestText(paths, text).problems;
    },
    async preview(text) {
      return (await previewManifest(paths, await readText(), text, preflight)).preview;
    },
    async apply(actor, request) {
      const what = request.restoreOf === undefined ? 'apply' : `restore of revision ${request.restoreOf}`;
      const current = await readText();
      const currentVersion = hashManifest(current);
      if (currentVersion !== request.baseVersion) {
        const base = versions.get(request.baseVersion);
        remember(current);
        record(actor, 'refused', `${what}: aistack.yaml changed on disk since the page loaded it`);
        throw new ConflictError(
          { changedOnDisk: true, hint: 'review the changes below, reload, and apply again' },
          createUnifiedDiff(base ?? '', current, 'aistack.yaml'),
          currentVersion,
        );
      }
      const lock = await claim(actor, what);
      let handedOver = false;
      try {
        const { preview, project } = await previewManifest(paths, current, request.text, preflight);
        if (preview.blocked || !project) {
          record(
            actor,
            'refused',
            `${what}: ${preview.problems.length} manifest problem(s), ` +
              `${preview.findings.filter((finding) => finding.severity === 'error').length} check error(s)`,
          );
          throw new ServerError('AIS_SERVER_BLOCKED', {
            hint: 'preview it to see each error with its position',
          });
        }
        if (preview.outsidePaths.length > 0 && !request.confirmOutsidePaths) {
          record(
            actor,
            'refused',
            `${what}: host paths outside the project not confirmed: ${preview.outsidePaths.map((entry) => `${entry.key}=${entry.resolved}`).join(', ')}`,
          );
          throw new ServerError('AIS_SERVER_NEEDS_CONFIRMATION', {
            outsidePaths: preview.outsidePaths,
            hint: 'confirm the host paths explicitly to apply',
          });
        }
        const warnings = preview.findings.filter((finding) => finding.severity === 'warning');
        if (warnings.length > 0 && !request.confirmWarnings) {
          record(actor, 'refused', `${what}: ${warnings.length} check warning(s) not confirmed`);
          throw new ServerError('AIS_SERVER_NEEDS_CONFIRMATION', {
            warnings: warnings.length,
            hint: 'read the warnings in the preview, then confirm',
          });
        }
        if (preview.outsidePaths.length > 0) {
          record(actor, 'outside-path-confirmed', preview.outsidePaths.map((entry) => `${entry.key}=${entry.resolved}`).join(', '));
        }
        if (request.text !== current) await writeFileAtomic(paths.manifest, request.text, 0o644);
        remember(request.text);
        const plan = preview.plan;
        const summary = plan
          ? [
              ...plan.created.map((id) => `+${id}`),
              ...plan.recreated.map((id) => `~${id}`),
              ...plan.reloaded.map((id) => `reload ${id}`),
              ...plan.removed.map((id) => `-${id}`),
            ].join(' ') || 'no service changes'
          : '';
        record(actor, request.restoreOf === undefined ? 'apply' : 'restore', `${what}: ${summary}`, request.restoreOf);
        const operation = operations.start(request.restoreOf === undefined ? 'apply' : 'restore', actor.user, now());
        handedOver = true;
        void runDeploy(operation, actor, project, current, request.text, lock);
        return operation;
      } finally {
        if (!handedOver) lock.release();
      }
    },
    async rotate(actor, name) {
      const project = await loadProject(paths.directory);
      if (!project.stack.secrets.some((secret) => secret.name === name)) {
        throw new ServerError('AIS_SERVER_NOT_FOUND', { secret: name, hint: 'the secrets page lists the names' });
      }
      const lock = await claim(actor, `secrets rotate ${name}`);
      record(actor, 'secret-rotate', `rotate ${name}`);
      const operation = operations.start('rotate', actor.user, now());
      void (async () => {
        try {
          const result = await deployer.rotate(paths.directory, name, (line) =>
            operations.emit(operation, { type: 'log', data: { line } }),
          );
          record(actor, 'secret-rotate', `rotated ${name}: delivered to ${result.delivered.join(', ') || 'nobody'}`);
          operations.finish(operation, { ok: true, message: describeRotation(result).trim() });
        } catch (error: unknown) {
          const { code, message } = describeFailure(error);
          record(actor, 'apply-failed', `rotate ${name}: ${code} ${message}`);
          operations.finish(operation, { ok: false, code, message });
        } finally {
          lock.release();
        }
      })();
      return operation;
    },
    async listSecrets(actor) {
      const project = await loadProject(paths.directory);
      record(actor, 'secrets-view', `listed ${project.stack.secrets.length} secrets (metadata only)`);
      const at = now();
      return Promise.all(
        project.stack.secrets.map(async (secret): Promise<SecretSummary> => {
          const metadata = await readSecretMetadata(paths.secrets, secret.name);
          const changed = metadata?.rotated ?? metadata?.created;
          return {
            name: secret.name,
            kind: secret.kind,
            critical: secret.critical,
            protects: secret.protects,
            consumers: [...new Set(secret.consumers.map((consumer) => consumer.service))],
            created: metadata?.created ?? null,
            rotated: metadata?.rotated ?? null,
            ageDays: changed ? Math.max(0, Math.floor((at - Date.parse(changed)) / 86_400_000)) : null,
          };
        }),
      );
    },
    history(limit) {
      const store = openStateStore(paths.stateDatabase);
      try {
        return store.listRevisions(limit).map((revision) => ({
          id: revision.id,
          kind: revision.kind,
          sourceRevision: revision.sourceRevision ?? null,
          createdAt: revision.createdAt,
          finishedAt: revision.finishedAt ?? null,
          user: revision.user,
          result: revision.result,
          summary: revision.summary,
          error: revision.error ?? null,
        }));
      } finally {
        store.close();
      }
    },
    revisionManifest(id) {
      const store = openStateStore(paths.stateDatabase);
      try {
        if (!store.getRevision(id)) throw noRevision(id);
        const text = store.manifest(id);
        return { text, version: hashManifest(text) };
      } finally {
        store.close();
      }
    },
    diffRevisions(from, to) {
      const store = openStateStore(paths.stateDatabase);
      try {
        for (const id of [from, to]) if (!store.getRevision(id)) throw noRevision(id);
        return {
          manifest: createUnifiedDiff(store.manifest(from), store.manifest(to), 'aistack.yaml'),
          files: diffFiles(store.files(from), store.files(to)),
        };
      } finally {
        store.close();
      }
    },
  };

  async function runDeploy(
    operation: Operation,
    actor: Actor,
    project: Project,
    previousText: string,
    text: string,
    lock: StackLock,
  ): Promise<void> {
    try {
      const outcome = await deployer.deploy(project, `console:${actor.user}`, (event) => operations.emit(operation, event));
      record(actor, 'apply-healthy', `revision ${outcome.revision} ${outcome.status}`, outcome.revision);
      operations.finish(operation, {
        ok: true,
        revision: outcome.revision,
        status: outcome.status,
        rolledBack: false,
        message: `Revision ${outcome.revision} deployed and healthy.`,
      });
    } catch (error: unknown) {
      const { code, message } = describeFailure(error);
      const rolledBack = message.includes('rolled back');
      // The stack runs the previous revision again: so does aistack.yaml, unless someone changed it meanwhile.
      let restored = false;
      if (rolledBack) {
        const onDisk = await readFile(paths.manifest, 'utf8').catch(() => undefined);
        if (onDisk === text && previousText !== text) {
          await writeFileAtomic(paths.manifest, previousText, 0o644);
          restored = true;
        }
      }
      record(actor, 'apply-failed', `${code} ${message.split('\n')[0] ?? ''}`);
      if (rolledBack)
        record(actor, 'rollback', `automatic rollback: ${message.split('\n')[0] ?? ''}${restored ? '; aistack.yaml restored' : ''}`);
      operations.finish(operation, { ok: false, code, message, rolledBack, restoredManifest: restored });
    } finally {
      lock.release();
    }
  }
}

function noRevision(id: number): ServerError {
  return new ServerError('AIS_SERVER_NOT_FOUND', { revision: id, hint: 'the history page lists the revisions' });
}

function describeFailure(error: unknown): { code: string; message: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string' && code.startsWith('AIS_')) return { code, message: error.message };
  return { ...wordProblem('AIS_SERVER_INTERNAL', { hinted: false }) };
}
