// Preview (manifest diff, rendered-file diffs, plan, check findings) and apply with live progress.
import { h, clear, append } from '../dom.js';
import { postJson, session } from '../api.js';
import { loadManifest, state } from './state.js';
import { diffBlock, problemList } from './forms.js';

/** @param {HTMLElement} view */
export async function renderPreview(view) {
  clear(view);
  view.append(
    h('h1', {}, state.restoreOf ? `Restore revision ${state.restoreOf}` : 'Preview & apply'),
    h('p', { class: 'hint' }, 'Computing the plan…'),
  );
  const preview = await postJson('/api/console/preview', { text: state.draft });
  clear(view);
  const plan = preview.plan;
  // dom.js append skips null children; Element.append would print them as "null".
  const planList = plan
    ? h(
        'ul',
        { class: 'plan', id: 'plan' },
        ...[
          ['created', plan.created],
          ['recreated', plan.recreated],
          ['reloaded', plan.reloaded],
          ['removed', plan.removed],
        ].map(([label, ids]) => h('li', { 'data-plan': label }, h('strong', {}, `${label}: `), ids.length ? ids.join(', ') : 'none')),
        h(
          'li',
          { 'data-plan': 'unusedVolumes' },
          h('strong', {}, 'volumes no longer used (kept, never deleted): '),
          plan.unusedVolumes.length ? plan.unusedVolumes.join(', ') : 'none',
        ),
      )
    : null;
  const findings = h(
    'ul',
    { class: 'findings', id: 'findings' },
    ...preview.findings.map((finding) => h('li', { class: `finding-${finding.severity}` }, `${finding.severity}: ${finding.text}`)),
  );
  const warnings = preview.findings.filter((finding) => finding.severity === 'warning').length;
  const confirmWarnings = h('input', { type: 'checkbox', id: 'confirm-warnings' });
  const confirmPaths = h('input', { type: 'checkbox', id: 'confirm-paths' });
  const progress = h('div', { id: 'progress' });
  const apply = h(
    'button',
    { type: 'button', id: 'apply', disabled: preview.blocked },
    state.restoreOf ? `Restore revision ${state.restoreOf}` : 'Apply',
  );
  apply.addEventListener('click', () => runApply(apply, progress, confirmWarnings.checked, confirmPaths.checked));
  append(view, [
    h('h1', {}, state.restoreOf ? `Restore revision ${state.restoreOf}` : 'Preview & apply'),
    problemList(preview.problems),
    h('h2', {}, 'Plan'),
    planList ?? h('p', {}, 'No plan: fix the problems first.'),
    h('h2', {}, `Check findings (${preview.findings.length})`),
    preview.findings.length ? findings : h('p', { class: 'ok' }, 'check found nothing.'),
    preview.outsidePaths.length
      ? h(
          'div',
          { class: 'warning' },
          h('p', {}, 'aistack.yaml points at host paths outside the project:'),
          h('ul', {}, ...preview.outsidePaths.map((entry) => h('li', {}, `${entry.key}: ${entry.resolved}`))),
          h('label', {}, confirmPaths, ' I confirm these host paths'),
        )
      : null,
    warnings ? h('label', {}, confirmWarnings, ` I have read the ${warnings} warning${warnings === 1 ? '' : 's'}`) : null,
    h('div', { class: 'actions' }, apply, preview.blocked ? h('span', { class: 'error' }, ' Errors block apply.') : null),
    progress,
    h('h2', {}, 'aistack.yaml'),
    h('div', { id: 'manifest-diff' }, diffBlock(preview.manifestDiff)),
    h('h2', {}, 'Rendered files'),
    ...preview.files.map((file) =>
      h(
        'details',
        { class: 'file-diff', 'data-path': file.path, open: file.path === 'compose.yaml' },
        h('summary', {}, file.path),
        diffBlock(file.diff),
      ),
    ),
  ]);
}

async function runApply(button, progress, confirmWarnings, confirmOutsidePaths) {
  button.disabled = true;
  clear(progress);
  const { csrfToken } = await session();
  const response = await fetch('/api/console/apply', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify({
      text: state.draft,
      baseVersion: state.baseVersion,
      confirmWarnings,
      confirmOutsidePaths,
      ...(state.restoreOf ? { restoreOf: String(state.restoreOf) } : {}),
    }),
  });
  const body = await response.json();
  if (response.status === 409) {
    progress.append(
      h(
        'div',
        { class: 'error', id: 'conflict' },
        h('p', {}, `${body.code} ${body.message}`),
        body.diff ? diffBlock(body.diff) : null,
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              await loadManifest();
              location.hash = '#/editor';
            },
          },
          'Reload aistack.yaml',
        ),
      ),
    );
    return;
  }
  if (!response.ok) {
    progress.append(h('p', { class: 'error', id: 'apply-error' }, `${body.code} ${body.message}`));
    button.disabled = false;
    return;
  }
  const services = h('ul', { class: 'rollout', id: 'rollout' });
  const log = h('pre', { class: 'log', id: 'apply-log' });
  const result = h('div', { id: 'apply-result' });
  progress.append(h('h2', {}, 'Progress'), services, log, result);
  const source = new EventSource(body.events);
  source.addEventListener('log', (event) => log.append(`${JSON.parse(event.data).line}\n`));
  source.addEventListener('pull', (event) => {
    const pull = JSON.parse(event.data);
    log.append(`pull ${pull.reference}: ${pull.phase}\n`);
  });
  source.addEventListener('progress', (event) => {
    clear(services);
    for (const service of JSON.parse(event.data).services) {
      services.append(
        h(
          'li',
          { 'data-service': service.id, 'data-phase': service.phase },
          `${service.id}: ${service.phase}${service.detail ? ` — ${service.detail}` : ''}`,
        ),
      );
    }
  });
  source.addEventListener('done', async (event) => {
    source.close();
    const done = JSON.parse(event.data);
    if (done.ok) {
      result.append(
        h(
          'p',
          { class: 'ok', 'data-result': 'healthy' },
          done.message,
          ' ',
          h('a', { href: '#/history' }, `See revision ${done.revision} in the history`),
        ),
      );
    } else {
      append(result, [
        h(
          'p',
          { class: 'error', 'data-result': done.rolledBack ? 'rolled-back' : 'failed' },
          done.rolledBack ? 'Automatic rollback: ' : 'Failed: ',
          `${done.code} ${done.message}`,
        ),
        done.restoredManifest ? h('p', { class: 'hint' }, 'aistack.yaml is back to the running version; your draft is kept here.') : null,
      ]);
    }
    const draft = state.draft;
    const restoreOf = state.restoreOf;
    await loadManifest();
    if (!done.ok) {
      state.draft = draft;
      state.restoreOf = restoreOf;
    }
  });
}
