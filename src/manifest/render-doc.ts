import { z } from 'zod';
import { MANIFEST_DESCRIPTIONS } from './doc-descriptions.js';
import { manifestSchema } from './schema.js';

/** A JSON Schema node, as `z.toJSONSchema` writes it (only what the reference reads). */
interface JsonNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonNode | boolean;
  readonly items?: JsonNode;
  readonly anyOf?: readonly JsonNode[];
  readonly oneOf?: readonly JsonNode[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly description?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
}

/** One documented key: its dotted path (`services.<id>.replicas`) and table cells. */
export interface ManifestDocRow {
  readonly path: string;
  readonly key: string;
  readonly type: string;
  readonly required: boolean;
  readonly defaultValue: string;
  readonly description: string;
}

interface Section {
  readonly title: string;
  readonly variant: string;
  readonly path: string;
  readonly rows: ManifestDocRow[];
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function variantsOf(node: JsonNode): readonly JsonNode[] {
  return (node.oneOf ?? node.anyOf ?? []).filter((variant) => variant.type !== 'null');
}

function isObject(node: JsonNode): boolean {
  return node.type === 'object' && node.properties !== undefined;
}

function isRecord(node: JsonNode): boolean {
  return node.type === 'object' && node.properties === undefined && typeof node.additionalProperties === 'object';
}

function range(node: JsonNode): string {
  const minimum = node.minimum !== undefined && node.minimum > -MAX_SAFE ? node.minimum : undefined;
  const low = minimum ?? (node.exclusiveMinimum !== undefined ? `> ${node.exclusiveMinimum}` : undefined);
  const high = node.maximum !== undefined && node.maximum < MAX_SAFE ? node.maximum : undefined;
  if (typeof low === 'number' && high !== undefined) return ` ${low}–${high}`;
  const parts = [
    typeof low === 'string' ? low : low !== undefined ? `≥ ${low}` : undefined,
    high !== undefined ? `≤ ${high}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` ${parts.join(', ')}` : '';
}

function placeholder(path: string): string {
  return path.endsWith('env') ? '<NAME>' : '<id>';
}

function describeType(node: JsonNode, path = ''): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(' or ');
  const variants = variantsOf(node);
  if (variants.length === 1) return `${describeType(variants[0]!)} or empty`;
  if (variants.length > 0) {
    if (variants.every(isObject)) return 'mapping (one of the forms below)';
    return [...new Set(variants.map((variant) => describeType(variant)))].join(' or ');
  }
  if (Array.isArray(node.type)) return node.type.join(' or ');
  switch (node.type) {
    case 'string':
      return node.format === 'email' ? 'email address' : node.format === 'uri' ? 'URL' : 'string';
    case 'integer':
      return `integer${range(node)}`;
    case 'number':
      return `number${range(node)}`;
    case 'array':
      return node.items ? `list of ${describeType(node.items)}` : 'list';
    case 'object':
      if (isRecord(node)) return `mapping of ${placeholder(path)} → ${describeType(node.additionalProperties as JsonNode)}`;
      return 'mapping';
    default:
      return String(node.type ?? 'any');
  }
}

function variantLabel(variant: JsonNode): string {
  const discriminator = Object.entries(variant.properties ?? {}).find(([, property]) => property.const !== undefined);
  if (discriminator) return `${discriminator[0]}: ${String(discriminator[1].const)}`;
  return Object.keys(variant.properties ?? {})[0] ?? 'form';
}

function collectSections(node: JsonNode, path: string, title: string, sections: Section[], variant = ''): void {
  const variants = variantsOf(node);
  if (variants.length > 0) {
    const objects = variants.filter(isObject);
    if (objects.length === 1) collectSections(objects[0]!, path, title, sections);
    else for (const option of objects) collectSections(option, path, title, sections, variantLabel(option));
    return;
  }
  if (node.type === 'array' && node.items) {
    collectSections(node.items, `${path}[]`, `${title}[]`, sections);
    return;
  }
  if (isRecord(node)) {
    const name = placeholder(path);
    collectSections(node.additionalProperties as JsonNode, `${path}.${name}`, `${title}.${name}`, sections);
    return;
  }
  if (!isObject(node)) return;
  const section: Section = { title, variant, path, rows: [] };
  sections.push(section);
  const children: [string, JsonNode][] = [];
  for (const [key, property] of Object.entries(node.properties ?? {})) {
    const rowPath = path ? `${path}.${key}` : key;
    section.rows.push({
      path: rowPath,
      key,
      type: describeType(property, rowPath),
      required: node.required?.includes(key) ?? false,
      defaultValue: property.default === undefined ? '' : `\`${JSON.stringify(property.default)}\``,
      description: property.description ?? MANIFEST_DESCRIPTIONS[rowPath] ?? '',
    });
    children.push([key, property]);
  }
  for (const [key, property] of children) {
    const rowPath = path ? `${path}.${key}` : key;
    collectSections(property, rowPath, rowPath, sections);
  }
}

function manifestSections(): Section[] {
  const schema = z.toJSONSchema(manifestSchema, { io: 'input', unrepresentable: 'any' }) as JsonNode;
  const sections: Section[] = [];
  collectSections(schema, '', 'Top level', sections);
  return sections;
}

/** Every documented key (the test checks each has a description, and no description is stale). */
export function listManifestDocRows(): ManifestDocRow[] {
  return manifestSections().flatMap((section) => section.rows);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** docs/manifest.md, generated from the zod schema of aistack.yaml. */
export function renderManifestDoc(): string {
  const lines = [
    '<!-- Generated by renderManifestDoc() (src/manifest/render-doc.ts) from src/manifest/schema.ts. Do not edit. -->',
    '<!-- Regenerate: UPDATE_GOLDEN=1 npx vitest run test/manifest/render-doc.test.ts -->',
    '',
    '# aistack.yaml reference',
    '',
    'aistack.yaml describes one stack. `aistack init` writes a commented one; `aistack add` and',
    '`aistack remove` edit its `services:`; `aistack check` reports every problem in it.',
    '',
    '- Every mapping is strict: a key that is not listed here is an error (with a "did you mean"),',
    '  never silently ignored. Errors give `file:line:column`, the key path and what was expected.',
    '- `<id>` is a service id: lower-case letters, digits and dashes, starting with a letter.',
    '  Under `services:` it must be a catalog id (`aistack services`); under `custom:` it is yours.',
    '- Order of precedence: command-line flag, then environment, then aistack.yaml, then the catalog default.',
    '- Keys named `__proto__`, duplicate keys and more than 100 alias expansions are refused, and so are',
    '  YAML directives (`%YAML`, `%TAG`) and unknown tags. Values are plain text: control characters',
    '  (NUL, escape …) are refused, and a line break only appears in env values, commands and',
    "  `check.disable` reasons. Image references follow Docker's grammar (`name[:tag][@digest]`).",
    '- Error codes and what to do about each: [errors/manifest.md](errors/manifest.md).',
    '',
  ];
  for (const section of manifestSections()) {
    const heading = section.path === '' ? section.title : `\`${section.title}\``;
    lines.push(`## ${heading}${section.variant ? ` (${section.variant})` : ''}`, '');
    lines.push('| key | type | required | default | description |', '| --- | --- | --- | --- | --- |');
    for (const row of section.rows) {
      lines.push(
        `| \`${row.key}\` | ${cell(row.type).replace(/<(id|NAME)>/g, '`<$1>`')} | ${row.required ? 'yes' : 'no'} | ` +
          `${cell(row.defaultValue)} | ${cell(row.description)} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
