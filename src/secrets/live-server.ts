/** Where a server answers (its container's address on the stack network, reachable from the host). */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * A running server that checks a credential, seen by a rotation. Every method is idempotent, so
 * a rotation that stopped half-way can run them again.
 */
export interface LiveServer {
  /** For messages: `PostgreSQL (role "n8n")`, `Redis`. */
  readonly label: string;
  /** The server can accept the old and the new value at once (Redis ACL users hold several passwords). */
  readonly holdsBoth: boolean;
  /**
   * Make the new value valid: beside the old one where the server can, instead of it where not.
   * Resolves to the moment (performance.now()) the change was sent, after logging in.
   */
  apply(): Promise<number>;
  /** Every consumer has the new value: only it stays valid. */
  settle(): Promise<void>;
  /** The new value could not be delivered: only the old one stays valid. */
  undo(): Promise<void>;
}
