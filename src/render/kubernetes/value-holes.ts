/**
 * The values a Helm chart lets its users change (namespace, images, replicas, ingress class and
 * hosts, storage class, issuer). The object builders ask for each such value through `take`:
 * for plain manifests it returns the value itself; for the chart it returns a placeholder that
 * `fillHelmPlaceholders` turns into `{{ ... .Values ... }}`, and records the value for values.yaml.
 * One builder, two renderings: `helm template` with the default values gives the same objects.
 */
export interface ValueHoles {
  take<T extends string | number>(path: readonly string[], value: T): T;
}

export interface HelmValue {
  readonly path: readonly string[];
  readonly value: string | number;
}

/** Plain manifests: every value is the manifest's own. */
export const PLAIN_VALUES: ValueHoles = { take: (_path, value) => value };

const PLACEHOLDER = /__aistack_value_(\d+)__/g;

/** Chart values: placeholders, remembered in the order first asked for. */
export function createHelmValueHoles(): ValueHoles & { readonly values: readonly HelmValue[] } {
  const values: HelmValue[] = [];
  const indexes = new Map<string, number>();
  return {
    values,
    take<T extends string | number>(path: readonly string[], value: T): T {
      const key = JSON.stringify(path);
      let index = indexes.get(key);
      if (index === undefined) {
        index = values.length;
        indexes.set(key, index);
        values.push({ path, value });
      }
      // A string placeholder stands in for numbers too; the template emits it unquoted.
      return `__aistack_value_${index}__` as T;
    },
  };
}

/** `.Values.a.b` when every segment is an identifier, else `index .Values "a" "b-c"`. */
function valueReference(path: readonly string[]): string {
  return path.every((segment) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment))
    ? `.Values.${path.join('.')}`
    : `index .Values ${path.map((segment) => JSON.stringify(segment)).join(' ')}`;
}

/** Replaces each placeholder in rendered YAML by its template expression. */
export function fillHelmPlaceholders(text: string, values: readonly HelmValue[]): string {
  return text.replace(PLACEHOLDER, (_match, digits: string) => {
    const entry = values[Number(digits)];
    if (!entry) throw new Error(`no Helm value ${digits}`);
    const reference = valueReference(entry.path);
    return typeof entry.value === 'number' ? `{{ ${reference} }}` : `{{ ${reference} | quote }}`;
  });
}

/** values.yaml's content as a nested object, keys in the order first asked for. */
export function nestHelmValues(values: readonly HelmValue[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { path, value } of values) {
    let node = root;
    path.slice(0, -1).forEach((segment) => {
      const next = node[segment];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        node[segment] = created;
        node = created;
      }
    });
    const last = path[path.length - 1];
    if (last !== undefined) node[last] = value;
  }
  return root;
}
