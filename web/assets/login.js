// @ts-check
/** The login form: posts JSON (never a form encoding) and goes to the dashboard on success. */

const form = /** @type {HTMLFormElement} */ (document.getElementById('login-form'));
const errorBox = /** @type {HTMLElement} */ (document.getElementById('login-error'));

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
  button.disabled = true;
  errorBox.hidden = true;
  try {
    const response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ user: String(data.get('user') ?? ''), password: String(data.get('password') ?? '') }),
    });
    if (response.ok) {
      window.location.assign('/');
      return;
    }
    const body = await response.json().catch(() => ({}));
    errorBox.textContent = typeof body.message === 'string' ? body.message : `login failed (HTTP ${response.status})`;
    errorBox.hidden = false;
  } catch {
    errorBox.textContent = 'the monitor cannot be reached';
    errorBox.hidden = false;
  } finally {
    button.disabled = false;
  }
});
