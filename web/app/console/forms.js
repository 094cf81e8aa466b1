// Form fields generated from the server's form model (the manifest schema's documented keys).
import { h } from '../dom.js';
import { valueAt } from './state.js';

/**
 * One input per field, filled from the current values; returns the element and a function that
 * lists the edits (set or remove) the user made.
 * @param {any[]} fields
 * @param {any} values the mapping the field paths start in
 * @param {string[]} prefix key path of that mapping in aistack.yaml
 */
export function fieldset(fields, values, prefix) {
  const readers = [];
  const rows = fields.map((field) => {
    const id = `f-${[...prefix, ...field.path].join('-')}`;
    const current = valueAt(values, field.path);
    let input;
    if (field.input === 'boolean') {
      input = h(
        'select',
        { id, name: field.label },
        h('option', { value: '' }, '(default)'),
        h('option', { value: 'true' }, 'true'),
        h('option', { value: 'false' }, 'false'),
      );
      input.value = current === true ? 'true' : current === false ? 'false' : '';
    } else if (field.input === 'enum') {
      input = h(
        'select',
        { id, name: field.label },
        h('option', { value: '' }, `(default: ${field.placeholder})`),
        ...field.options.map((option) => h('option', { value: String(option) }, String(option))),
      );
      input.value = typeof current === 'string' || typeof current === 'boolean' ? String(current) : '';
    } else if (field.input === 'env') {
      input = h('textarea', { id, name: field.label, rows: 3, placeholder: 'NAME=value, one per line' });
      input.value =
        current && typeof current === 'object'
          ? Object.entries(current)
              .map(([key, value]) => `${key}=${value}`)
              .join('\n')
          : '';
    } else {
      input = h('input', {
        id,
        name: field.label,
        type: field.input === 'number' ? 'number' : 'text',
        placeholder: field.placeholder,
        step: field.input === 'number' ? 'any' : undefined,
      });
      input.value = current === undefined || current === null ? '' : String(current);
    }
    const initial = input.value;
    readers.push(() => {
      if (input.value === initial) return undefined;
      const path = [...prefix, ...field.path];
      const raw = input.value.trim();
      if (raw === '') return { path, remove: true };
      if (field.input === 'boolean') return { path, value: raw === 'true' };
      if (field.input === 'number') return { path, value: Number(raw) };
      // An enum writes its value as declared: `gpu: true` stays a boolean, `gpu: amd` a string.
      if (field.input === 'enum') return { path, value: field.options.find((option) => String(option) === raw) ?? raw };
      if (field.input === 'env') {
        const env = {};
        for (const line of raw.split('\n')) {
          const at = line.indexOf('=');
          if (at > 0) env[line.slice(0, at).trim()] = line.slice(at + 1);
        }
        return { path, value: env };
      }
      return { path, value: raw };
    });
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, field.label),
      input,
      field.description ? h('p', { class: 'hint' }, field.description) : null,
    );
  });
  return { element: h('div', { class: 'fields' }, ...rows), edits: () => readers.map((read) => read()).filter(Boolean) };
}

/** @param {any[]} problems */
export function problemList(problems) {
  if (!problems || problems.length === 0) return h('p', { class: 'ok', 'data-problems': '0' }, 'No problems.');
  return h(
    'ul',
    { class: 'problems', 'data-problems': String(problems.length) },
    ...problems.map((problem) =>
      h('li', {}, h('code', {}, problem.text), problem.hint ? h('span', { class: 'hint' }, ` — ${problem.hint}`) : null),
    ),
  );
}

/** A unified diff, each line styled by its first character. @param {string} diff */
export function diffBlock(diff) {
  if (!diff) return h('p', { class: 'hint' }, 'No changes.');
  return h(
    'pre',
    { class: 'diff' },
    ...diff
      .split('\n')
      .map((line) =>
        h(
          'span',
          { class: line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '' },
          `${line}\n`,
        ),
      ),
  );
}
