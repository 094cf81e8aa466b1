import { monitorEntry } from '../catalog/monitor.js';
import { DockerError } from '../errors.js';
import type { Stack } from '../stack/types.js';
import type { Engine } from './engine.js';
import type { ImageRegistry } from './image-registry.js';
import type { ImagePullProgress } from './pull-progress.js';
import { createPullTracker } from './pull-progress.js';

/** An image the stack runs and the services that run it. */
export interface StackImage {
  readonly reference: string;
  readonly services: readonly string[];
}

export type ImageState =
  | { readonly kind: 'present' }
  | { readonly kind: 'pullable' }
  /** aistack's own image: built from the aistack checkout, never published. */
  | { readonly kind: 'build' }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface AssessedImage extends StackImage {
  readonly state: ImageState;
}

/** The reference of aistack's own (monitor) image when no registry or override moves it. */
export const OWN_IMAGE = `${monitorEntry.image.repository}:${monitorEntry.image.tag}`;

/**
 * How aistack's own image is built offline (see Dockerfile and docs/runtime.md): the base image's
 * Node.js major must be the one that ran `npm ci`, since the native SQLite module is copied.
 */
export const OWN_IMAGE_BUILD =
  `npm ci && docker build --build-arg NODE_IMAGE=<a Node.js ${process.versions.node.split('.')[0] ?? ''} bookworm image on ` +
  `this host (the major of the Node.js that runs npm ci)> -t ${OWN_IMAGE} .`;

/** Every image of the stack once, in order, with its services. Pure. */
export function listStackImages(stack: Stack): StackImage[] {
  const byReference = new Map<string, string[]>();
  for (const service of stack.services) byReference.set(service.image, [...(byReference.get(service.image) ?? []), service.id]);
  return [...byReference.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reference, services]) => ({ reference, services: services.sort() }));
}

/**
 * Which images are on this host, and for each one that is not, whether the Engine could pull it
 * (without `registry`, only presence is checked and a missing image counts as unavailable).
 */
export async function assessStackImages(engine: Engine, stack: Stack, registry?: ImageRegistry): Promise<AssessedImage[]> {
  return Promise.all(
    listStackImages(stack).map(async (image): Promise<AssessedImage> => {
      if ((await engine.imageId(image.reference)) !== undefined) return { ...image, state: { kind: 'present' } };
      if (image.reference === OWN_IMAGE) return { ...image, state: { kind: 'build' } };
      if (!registry) return { ...image, state: { kind: 'unavailable', reason: 'not on this host' } };
      const lookup = await registry.lookup(image.reference);
      return { ...image, state: lookup.pullable ? { kind: 'pullable' } : { kind: 'unavailable', reason: lookup.reason } };
    }),
  );
}

/** The table of missing images and the ways out, for `up`/`deploy` errors and `doctor`. Pure. */
export function describeMissingImages(images: readonly AssessedImage[]): { readonly rows: string[]; readonly waysOut: string[] } {
  const missing = images.filter((image) => image.state.kind !== 'present');
  const width = Math.max(0, ...missing.map((image) => image.reference.length));
  const servicesWidth = Math.max(0, ...missing.map((image) => image.services.join(', ').length));
  const rows = missing.map((image) => {
    const state = image.state;
    const verdict =
      state.kind === 'unavailable'
        ? `cannot be pulled: ${state.reason}`
        : state.kind === 'build'
          ? "aistack's own image: built, not pulled (way 3)"
          : 'can be pulled';
    return `${image.reference.padEnd(width)}  ${image.services.join(', ').padEnd(servicesWidth)}  ${verdict}`;
  });
  const waysOut = [
    '1. use a registry this host reaches: `images.registry: <host>/<path>` in aistack.yaml moves every catalog image under ' +
      'it; `images.overrides.<id>` (or `image:` of a service) replaces one',
    '2. bring the images from a connected host: `aistack images save -o stack.tar` there, then `aistack images load -i stack.tar` here',
  ];
  if (missing.some((image) => image.state.kind === 'build'))
    waysOut.push(
      `3. build aistack's own image in the aistack checkout: \`${OWN_IMAGE_BUILD}\` (see Dockerfile), or set \`monitor: { enabled: false }\``,
    );
  return { rows, waysOut };
}

export interface EnsureImagesOptions {
  readonly onPull?: (progress: ImagePullProgress) => void;
  /** Pulls at once. @default 3 */
  readonly concurrency?: number;
}

/**
 * Before anything is created: every image the stack needs is here, or is pulled now (with
 * progress per image). When one cannot be had, nothing is pulled and the error lists every
 * missing image with the ways out.
 */
export async function ensureStackImages(
  engine: Engine,
  stack: Stack,
  registry: ImageRegistry,
  options: EnsureImagesOptions = {},
): Promise<AssessedImage[]> {
  const images = await assessStackImages(engine, stack, registry);
  const blocked = images.filter((image) => image.state.kind === 'build' || image.state.kind === 'unavailable');
  if (blocked.length > 0) {
    const missing = images.filter((image) => image.state.kind !== 'present').length;
    const { rows, waysOut } = describeMissingImages(images);
    throw new DockerError('AIS_RUNTIME_IMAGES_MISSING', {
      total: images.length,
      missing,
      blocked: blocked.length,
      rows,
      waysOut,
      hint: 'take one of the ways out above, then run the command again (`aistack doctor` lists the images)',
    });
  }
  const queue = images.filter((image) => image.state.kind === 'pullable');
  const worker = async (): Promise<void> => {
    for (let image = queue.shift(); image; image = queue.shift()) {
      const tracker = createPullTracker(image.reference);
      options.onPull?.(tracker.push({}));
      try {
        await registry.pull(image.reference, (event) => options.onPull?.(tracker.push(event)));
      } catch (error: unknown) {
        options.onPull?.(tracker.finish('failed', error instanceof Error ? error.message : String(error)));
        throw error;
      }
      options.onPull?.(tracker.finish('done'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 3, queue.length) }, worker));
  return images;
}
