import { randomBytes } from 'node:crypto';

/** One event of a running console operation (apply, restore, rotate), as the page receives it over SSE. */
export interface OperationEvent {
  readonly type: 'log' | 'progress' | 'pull' | 'done';
  readonly data: unknown;
}

export interface Operation {
  readonly id: string;
  readonly kind: 'apply' | 'restore' | 'rotate';
  readonly user: string;
  readonly startedAt: number;
  readonly events: OperationEvent[];
  finished: boolean;
  readonly listeners: Set<(event: OperationEvent) => void>;
}

/** Operations kept for replay after they finish (a page that reconnects still sees the end). */
const KEEP_FINISHED = 20;
/** Events kept per operation; progress beyond this keeps only the newest. */
const MAX_EVENTS = 2000;

export interface OperationRegistry {
  /** The operation that is running now, if any (one at a time per server). */
  running(): Operation | undefined;
  start(kind: Operation['kind'], user: string, at: number): Operation;
  emit(operation: Operation, event: OperationEvent): void;
  finish(operation: Operation, data: unknown): void;
  get(id: string): Operation | undefined;
}

export function createOperationRegistry(): OperationRegistry {
  const operations = new Map<string, Operation>();
  let current: Operation | undefined;
  const emit = (operation: Operation, event: OperationEvent): void => {
    operation.events.push(event);
    if (operation.events.length > MAX_EVENTS) operation.events.splice(0, operation.events.length - MAX_EVENTS);
    for (const listener of [...operation.listeners]) listener(event);
  };
  return {
    running: () => current,
    start(kind, user, at) {
      const operation: Operation = {
        id: randomBytes(12).toString('base64url'),
        kind,
        user,
        startedAt: at,
        events: [],
        finished: false,
        listeners: new Set(),
      };
      operations.set(operation.id, operation);
      for (const [id, old] of operations) {
        if (operations.size <= KEEP_FINISHED) break;
        if (old.finished) operations.delete(id);
      }
      current = operation;
      return operation;
    },
    emit,
    finish(operation, data) {
      if (operation.finished) return;
      emit(operation, { type: 'done', data });
      operation.finished = true;
      if (current === operation) current = undefined;
      operation.listeners.clear();
    },
    get: (id) => operations.get(id),
  };
}
