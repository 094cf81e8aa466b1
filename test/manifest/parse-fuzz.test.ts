import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { catalog } from '../../src/catalog/index.js';
import { ManifestError } from '../../src/errors.js';
import { isImageReference } from '../../src/manifest/image-reference.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Manifest } from '../../src/manifest/schema.js';

/**
 * A bounded fuzz of the manifest parser with a fixed seed (same cases every run): 7 classes of
 * bad input that must each be a positioned ManifestError, and random edits of a valid file that
 * must never crash, never take 5 s, and never let one of those classes through.
 */
const ids = catalog.map((entry) => entry.id);
const SEED = 0x5eed_2026;
const PER_CLASS = 120;
const NOISE_CASES = 1400;
const SLOW_MS = 5000;

/** mulberry32: a small PRNG, so the cases depend on SEED only. */
function createRandom(seed: number): { next(): number; int(below: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

const random = createRandom(SEED);

function base(): Record<string, unknown> {
  return {
    name: 'fuzz',
    domain: 'ai.example.com',
    services: { n8n: { env: { GREETING: 'hello', LIMIT: 5 } }, 'open-webui': {} },
    custom: {
      app: {
        image: 'registry.internal:5000/team/app:1.4.2',
        port: 8080,
        user: '1000:1000',
        command: ['serve', '--port', '8080'],
        health: { http: '/health' },
        env: { MODE: 'production' },
      },
    },
    images: { overrides: { n8n: 'registry.internal:5000/mirror/n8n:2.3' } },
    proxy: { bind: '127.0.0.1' },
    backup: { schedule: '0 3 * * *' },
    monitor: {
      notifiers: [{ type: 'email', name: 'mail', host: 'smtp.example.com', port: 587, from: 'a@example.com', to: ['b@example.com'] }],
    },
  };
}

type Path = readonly (string | number)[];
const STRING_PATHS: readonly Path[] = [
  ['name'],
  ['domain'],
  ['services', 'n8n', 'env', 'GREETING'],
  ['custom', 'app', 'image'],
  ['custom', 'app', 'user'],
  ['custom', 'app', 'command', 0],
  ['custom', 'app', 'health', 'http'],
  ['custom', 'app', 'env', 'MODE'],
  ['images', 'overrides', 'n8n'],
  ['proxy', 'bind'],
  ['backup', 'schedule'],
  ['monitor', 'notifiers', 0, 'host'],
  ['monitor', 'notifiers', 0, 'from'],
];
const IMAGE_PATHS: readonly Path[] = [
  ['custom', 'app', 'image'],
  ['images', 'overrides', 'n8n'],
  ['services', 'n8n', 'image'],
];

function set(target: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  let node = target as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return target;
}

function get(target: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<string | number, unknown> | undefined)?.[segment], target);
}

const CONTROL = [...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => code !== 0x09 && code !== 0x0a), 0x7f, 0x85, 0x9b].map(
  (code) => String.fromCharCode(code),
);
const NEVER_IN_REFERENCES = [
  ' ',
  '"',
  "'",
  '`',
  '$',
  ';',
  '|',
  '&',
  '<',
  '>',
  '\\',
  '!',
  '*',
  '(',
  ')',
  '{',
  '}',
  ',',
  '=',
  '?',
  '#',
  '%',
  '^',
];

function insert(text: string, piece: string): string {
  const at = random.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

interface BadCase {
  readonly text: string;
  /** Part of the message the error must have. */
  readonly says: RegExp;
}

const badClasses: Record<string, () => BadCase> = {
  'control characters in values': () => {
    const path = random.pick(STRING_PATHS);
    const manifest = base();
    return {
      text: stringify(set(manifest, path, insert(String(get(manifest, path)), random.pick(CONTROL)))),
      says: /control character U\+/,
    };
  },
  'invalid image references': () => {
    const path = random.pick(IMAGE_PATHS);
    const value =
      random.next() < 0.3 ? `-${random.pick(['-output=/x', 'q', 'o/tmp/x'])}` : insert('team/app:1.0', random.pick(NEVER_IN_REFERENCES));
    return { text: stringify(set(base(), path, value)), says: /expected an image reference/ };
  },
  'YAML directives': () => {
    const directive =
      random.next() < 0.5
        ? `%YAML ${random.int(10)}.${random.int(10)}`
        : `%TAG !${random.pick(['', 'e', 'x'])}! tag:example.com,${2000 + random.int(30)}:`;
    return { text: `${directive}\n---\n${stringify(base())}`, says: /the directive ".+" is not allowed/ };
  },
  'invalid cron schedules': () => {
    const fields = ['0', '3', '*', '*', '*'];
    const kind = random.int(3);
    if (kind === 0) {
      const index = random.int(5);
      fields[index] = String([60, 24, 32, 13, 8][index]! + random.int(40));
    } else if (kind === 1) fields.splice(0, 1 + random.int(4));
    else fields.push(...Array.from({ length: 3 + random.int(3) }, () => '*'));
    return { text: stringify(set(base(), ['backup', 'schedule'], fields.join(' '))), says: /expected a cron expression/ };
  },
  'proxy.bind that is not an IP address': () => {
    const value = random.pick([
      'not-an-ip',
      'localhost',
      `${256 + random.int(700)}.0.0.1`,
      '1.2.3',
      '::g',
      '0.0.0.0/0',
      `host-${random.int(1000)}`,
    ]);
    return { text: stringify(set(base(), ['proxy', 'bind'], value)), says: /expected an IP address/ };
  },
  'SMTP ports that are not port numbers': () => {
    const value = random.next() < 0.5 ? -random.int(100_000) : 65_536 + random.int(100_000);
    return { text: stringify(set(base(), ['monitor', 'notifiers', 0, 'port'], value)), says: /expected a number at (least 1|most 65535)/ };
  },
  'multi-line users': () => {
    const value = `${random.pick(['1000', 'app', 'root'])}\n${random.pick(['root', '0:0', 'x'])}`;
    return { text: stringify(set(base(), ['custom', 'app', 'user'], value)), says: /cannot span lines/ };
  },
};

/** Time one parse; every outcome but a value or a ManifestError is a crash. */
function attempt(text: string): { manifest?: Manifest; error?: ManifestError; ms: number } {
  const started = performance.now();
  try {
    const manifest = parseManifest(text, 'aistack.yaml', ids);
    return { manifest, ms: performance.now() - started };
  } catch (error: unknown) {
    if (error instanceof ManifestError) return { error, ms: performance.now() - started };
    throw new Error(`the parser crashed on ${JSON.stringify(text)}: ${String(error)}`, { cause: error });
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL_PATTERN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const MULTI_LINE = [
  /^(services|custom)\.[^.]+\.env\.[^.]+$/,
  /^custom\.[^.]+\.command\.\d+$/,
  /^custom\.[^.]+\.health\.command\.\d+$/,
  /^check\.disable\.\d+\.reason$/,
];

/** What an accepted manifest may never hold, whatever edit produced it. */
function violations(manifest: Manifest): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (CONTROL_PATTERN.test(value)) found.push(`${path}: control character`);
      if (value.includes('\n') && !MULTI_LINE.some((pattern) => pattern.test(path))) found.push(`${path}: line break`);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (CONTROL_PATTERN.test(key) || key.includes('\n')) found.push(`${path}.${key}: control character in a key`);
        walk(child, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(manifest, '');
  const images = [
    ...Object.values(manifest.services).map((service) => service?.image),
    ...Object.values(manifest.custom ?? {}).map((service) => service?.image),
    ...Object.values(manifest.images?.overrides ?? {}),
  ];
  for (const image of images) if (image !== undefined && !isImageReference(image)) found.push(`image ${JSON.stringify(image)}`);
  const bind = manifest.proxy?.bind;
  if (bind !== undefined && !/^[0-9.]+$|:/.test(bind)) found.push(`bind ${JSON.stringify(bind)}`);
  for (const notifier of manifest.monitor?.notifiers ?? []) {
    if (notifier.type === 'email' && !(notifier.port >= 1 && notifier.port <= 65535)) found.push(`port ${notifier.port}`);
  }
  return found;
}

describe('the manifest parser under fuzzing (fixed seed)', () => {
  it('accepts the base manifest the cases start from', () => {
    expect(attempt(stringify(base())).error).toBeUndefined();
  });

  for (const [name, generate] of Object.entries(badClasses)) {
    it(`refuses ${name} with a positioned error (${PER_CLASS} cases)`, () => {
      for (let index = 0; index < PER_CLASS; index += 1) {
        const { text, says } = generate();
        const { error, ms } = attempt(text);
        expect(ms, text).toBeLessThan(SLOW_MS);
        expect(error, `accepted: ${JSON.stringify(text)}`).toBeInstanceOf(ManifestError);
        expect(error?.message, JSON.stringify(text)).toMatch(says);
        expect(error?.location?.line, JSON.stringify(text)).toBeGreaterThanOrEqual(1);
        expect(error?.location?.column, JSON.stringify(text)).toBeGreaterThanOrEqual(1);
      }
    });
  }

  it(`never crashes, hangs or accepts those classes on random edits (${NOISE_CASES} cases)`, () => {
    const pieces = [
      ...CONTROL,
      '\n',
      '\t',
      ' ',
      ':',
      '- ',
      '"',
      "'",
      '%',
      '&a ',
      '*a',
      '!x ',
      '{',
      '}',
      '[',
      ']',
      '#',
      '|',
      '>',
      '\\',
      '---\n',
      'é',
      '\uFEFF',
      '-',
    ];
    const source = stringify(base());
    let accepted = 0;
    for (let index = 0; index < NOISE_CASES; index += 1) {
      let text = source;
      const edits = 1 + random.int(4);
      for (let edit = 0; edit < edits; edit += 1) {
        const at = random.int(text.length);
        text = random.next() < 0.2 ? text.slice(0, at) + text.slice(at + 1 + random.int(8)) : insert(text, random.pick(pieces));
      }
      const { manifest, error, ms } = attempt(text);
      expect(ms, JSON.stringify(text)).toBeLessThan(SLOW_MS);
      if (error) {
        expect(error.location, JSON.stringify(text)).toBeDefined();
        continue;
      }
      accepted += 1;
      expect(violations(manifest!), JSON.stringify(text)).toEqual([]);
    }
    // Some edits land in harmless places (a space, a comment); most do not.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(NOISE_CASES);
  });
});
