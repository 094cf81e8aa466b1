import type { z } from 'zod';

interface Definition {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

function definitionOf(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def;
}

/** The schemas reachable at a key path, looking through optional/default/pipe wrappers and every union option. */
function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  const definition = definitionOf(schema);
  switch (definition.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return definition.innerType ? schemasAt(definition.innerType, path) : [];
    case 'pipe':
      return definition.in ? schemasAt(definition.in, path) : [];
    case 'union':
      return (definition.options ?? []).flatMap((option) => schemasAt(option, path));
    default:
      break;
  }
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (definition.type === 'object') {
    const child = definition.shape?.[String(head)];
    return child ? schemasAt(child, rest) : [];
  }
  if (definition.type === 'record' && definition.valueType) return schemasAt(definition.valueType, rest);
  if (definition.type === 'array' && definition.element) return schemasAt(definition.element, rest);
  return [];
}

/** The keys an object at `path` accepts (the union of every option's keys), in schema order. */
export function listSchemaKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const found of schemasAt(schema, path)) {
    const definition = definitionOf(found);
    if (definition.type === 'object') for (const key of Object.keys(definition.shape ?? {})) keys.add(key);
  }
  return [...keys];
}
