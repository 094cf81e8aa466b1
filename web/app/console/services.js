// A page per service (catalog and custom) and the stack settings, generated from the form model.
import { h, clear } from '../dom.js';
import { editDraft, state } from './state.js';
import { fieldset, problemList } from './forms.js';

/** @param {HTMLElement} view @param {string | undefined} selected */
export function renderServices(view, selected) {
  clear(view);
  const catalogIds = Object.keys(state.values.services ?? {});
  const customIds = Object.keys(state.values.custom ?? {});
  const all = [...catalogIds.map((id) => ({ id, kind: 'services' })), ...customIds.map((id) => ({ id, kind: 'custom' }))];
  const current = all.find((entry) => entry.id === selected) ?? all[0];
  const list = h(
    'ul',
    { class: 'service-list' },
    ...all.map((entry) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `#/services/${entry.id}`, class: entry === current ? 'active' : '' },
          entry.id,
          entry.kind === 'custom' ? ' (custom)' : '',
        ),
      ),
    ),
  );
  const panel = h('section', { class: 'panel' });
  if (current) {
    const values = state.values[current.kind]?.[current.id] ?? {};
    const form = fieldset(current.kind === 'custom' ? state.form.customFields : state.form.serviceFields, values ?? {}, [
      current.kind,
      current.id,
    ]);
    const message = h('div', { id: 'form-result' });
    const enabled = h('input', { type: 'checkbox', id: 'service-enabled', checked: true, disabled: current.kind === 'custom' });
    panel.append(
      h('h2', {}, `Service ${current.id}`),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'service-enabled' }, 'enabled'),
        enabled,
        h(
          'p',
          { class: 'hint' },
          current.kind === 'custom'
            ? 'Custom services are removed in the raw editor.'
            : 'Unticking removes the service and its overrides from aistack.yaml.',
        ),
      ),
      form.element,
      h(
        'button',
        {
          type: 'button',
          id: 'save-service',
          onclick: async () => {
            const request = enabled.checked ? { edits: form.edits() } : { disable: [current.id] };
            const result = await editDraft(request);
            clear(message);
            message.append(problemList(result.problems), h('a', { href: '#/preview', id: 'go-preview' }, 'Review the diff and plan'));
          },
        },
        'Change the draft',
      ),
      message,
    );
  }
  const add = addServiceForm(catalogIds);
  view.append(h('h1', {}, 'Services'), h('div', { class: 'split' }, h('nav', {}, list, add), panel));
}

function addServiceForm(enabledIds) {
  const options = state.form.catalog.filter((entry) => !enabledIds.includes(entry.id));
  const select = h(
    'select',
    { id: 'add-service' },
    h('option', { value: '' }, 'Add a service…'),
    ...options.map((entry) => h('option', { value: entry.id }, `${entry.id} — ${entry.title}`)),
  );
  const brings = h('div', { class: 'hint', id: 'brings' });
  select.addEventListener('change', () => {
    clear(brings);
    const entry = options.find((candidate) => candidate.id === select.value);
    if (!entry) return;
    brings.append(
      h('p', {}, entry.description),
      h(
        'p',
        {},
        `Needs: ${entry.requires.join(', ') || 'nothing else'}. Secrets: ${entry.secrets.join(', ') || 'none'}. Volumes: ${entry.volumes.join(', ') || 'none'}. Memory: ${entry.memoryMb} MB${entry.gpu ? '; can use a GPU' : ''}.`,
      ),
    );
  });
  return h(
    'div',
    { class: 'add' },
    select,
    brings,
    h(
      'button',
      {
        type: 'button',
        onclick: async () =>
          select.value && (await editDraft({ enable: [select.value] })) && (location.hash = `#/services/${select.value}`),
      },
      'Add to the draft',
    ),
  );
}

/** @param {HTMLElement} view */
export function renderStack(view) {
  clear(view);
  const form = fieldset(state.form.stackFields, state.values, []);
  const message = h('div', {});
  view.append(
    h('h1', {}, 'Stack settings'),
    h(
      'section',
      { class: 'panel' },
      form.element,
      h(
        'button',
        {
          type: 'button',
          id: 'save-stack',
          onclick: async () => {
            const result = await editDraft({ edits: form.edits() });
            clear(message);
            message.append(problemList(result.problems), h('a', { href: '#/preview' }, 'Review the diff and plan'));
          },
        },
        'Change the draft',
      ),
      message,
    ),
  );
}
