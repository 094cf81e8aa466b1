// s3rver ships no types (and @types/s3rver stops at 3.6): the part of its API the tests use, from
// its lib/s3rver.js (options, run, close) and lib/models/event.js (the 'event' records).
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  export interface S3rverOptions {
    readonly address?: string;
    readonly port?: number;
    readonly directory: string;
    readonly silent?: boolean;
    readonly resetOnClose?: boolean;
    readonly allowMismatchedSignatures?: boolean;
    readonly vhostBuckets?: boolean;
    readonly configureBuckets?: readonly { readonly name: string; readonly configs?: readonly string[] }[];
  }

  export interface S3rverEvent {
    readonly Records: readonly {
      readonly eventName: string;
      readonly s3: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string; readonly size?: number } };
    }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
    off(event: 'event', listener: (event: S3rverEvent) => void): this;
  }
}
