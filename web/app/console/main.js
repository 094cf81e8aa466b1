// The configuration console: hash routes over one draft of aistack.yaml.
import { h, clear } from '../dom.js';
import { loadManifest } from './state.js';
import { renderServices, renderStack } from './services.js';
import { renderEditor } from './editor-view.js';
import { renderPreview } from './preview.js';
import { renderHistory } from './history.js';
import { renderAudit } from './audit.js';
import { renderSecrets } from './secrets.js';

const view = /** @type {HTMLElement} */ (document.getElementById('view'));

async function route() {
  const [, name = 'services', arg] = location.hash.replace(/^#/, '').split('/');
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.getAttribute('data-view') === name);
  try {
    if (name === 'stack') renderStack(view);
    else if (name === 'editor') await renderEditor(view);
    else if (name === 'preview') await renderPreview(view);
    else if (name === 'history') await renderHistory(view);
    else if (name === 'audit') await renderAudit(view);
    else if (name === 'secrets') await renderSecrets(view);
    else renderServices(view, arg ? decodeURIComponent(arg) : undefined);
  } catch (error) {
    clear(view);
    view.append(h('p', { class: 'error' }, `${error.code ?? ''} ${error.message}`));
  }
}

await loadManifest();
window.addEventListener('hashchange', route);
await route();
