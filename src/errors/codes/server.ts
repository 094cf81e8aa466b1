import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/server.md, in the order of its table. */
export const serverErrors = defineErrorCodes({
  AIS_SERVER_BAD_REQUEST: {
    meaning: "a parameter, query or body does not match the route's schema (the message names the field), or the body is not JSON",
    fix: 'send what the API documents in docs/dashboard.md',
    status: 400,
  },
  AIS_SERVER_BAD_REGEX: {
    meaning: 'the `regex` of a log search does not compile',
    fix: 'use JavaScript regular-expression syntax, or search plain text with `text=`',
    status: 400,
  },
  AIS_SERVER_UNAUTHENTICATED: {
    meaning: 'no session, or it expired (idle 8 h, at most 7 days) or the monitor restarted',
    fix: 'log in at /login',
    status: 401,
  },
  AIS_SERVER_BAD_CREDENTIALS: {
    meaning: 'wrong user name or password at POST /api/login',
    fix: 'the user is `admin`; the password is in `.aistack/secrets/monitor-admin-password`',
    status: 401,
  },
  AIS_SERVER_BAD_TOKEN: {
    meaning: '/metrics without the right `Authorization: Bearer` token',
    fix: "put the content of `.aistack/secrets/monitor-metrics-token` in the scraper's `bearer_token_file`",
    status: 401,
  },
  AIS_SERVER_CSRF: {
    meaning: "a state-changing request without the session's CSRF token, or sent from another origin",
    fix: 'use the dashboard; API clients send the token from GET /api/session in `x-csrf-token` and no foreign `Origin`',
    status: 403,
  },
  AIS_SERVER_NOT_FOUND: {
    meaning: 'no such route, service or monitor',
    fix: 'pick a service from /api/overview',
    status: 404,
  },
  AIS_SERVER_THROTTLED: {
    meaning: 'too many failed logins from this address or for this user; `Retry-After` says how long to wait',
    fix: 'wait that many seconds; the wait doubles with each further failure (capped at 15 min)',
    status: 429,
  },
  AIS_SERVER_INTERNAL: {
    meaning: 'an unexpected error; details are only in the server log',
    fix: 'read the log of `aistack serve` (the monitor container) and report it',
    status: 500,
  },
  AIS_SERVER_PASSWORD_FILE: {
    meaning: '`aistack serve` cannot read the admin (or viewer) password file, or it is empty',
    fix:
      'run `aistack secrets` (with the monitor enabled), or pass `--password-file`; for the viewer login, write a password ' +
      'into the `--viewer-password-file`',
  },
  AIS_SERVER_METRICS_TOKEN_FILE: {
    meaning:
      '`aistack serve` cannot read the metrics token file given with `--metrics-token-file` (or AISTACK_METRICS_TOKEN_FILE), or it is empty',
    fix: 'generate it with `aistack secrets`, or leave the option out to turn /metrics off',
  },
  AIS_SERVER_BAD_OPTION: {
    meaning: 'an `aistack serve` option (or its AISTACK_* variable) has an invalid value, such as a port outside 0–65535',
    fix: 'fix the value; see docs/dashboard.md for the options',
  },
  AIS_SERVER_LISTEN: {
    meaning: '`aistack serve` cannot listen on the address and port (in use, or not an address of this host)',
    fix: 'pick another `--port`, or stop what uses it',
  },
  AIS_SERVER_TOO_MANY_STREAMS: {
    meaning: '200 live streams (dashboard tabs, log follows) are open already',
    fix: 'close other dashboard tabs or log follows, then reload',
    status: 503,
  },
  AIS_SERVER_FORBIDDEN: {
    meaning: 'a viewer session asked for the configuration console, or for a state-changing request (the viewer role is read-only)',
    fix: "log in as the admin user (the monitor's admin credentials)",
    status: 403,
  },
  AIS_SERVER_CONFLICT: {
    meaning:
      "the console's apply was refused: aistack.yaml changed on disk since the page loaded it (the answer carries the " +
      'diff), or another deploy, rollback, rotation or console operation holds the stack',
    fix: 'review what changed, reload the page and apply again; or wait for the other operation to finish',
    status: 409,
  },
  AIS_SERVER_BLOCKED: {
    meaning: "the console's apply was refused: the new aistack.yaml has manifest problems or `check` errors",
    fix: 'open the preview: each error is listed with its position; fix them and apply again',
    status: 422,
  },
  AIS_SERVER_NEEDS_CONFIRMATION: {
    meaning:
      "the console's apply (or a secret rotation) needs a confirmation it did not get: `check` warnings, host paths outside " +
      "the project (TLS files, backup directory), or the secret's name typed for a rotation",
    fix: "read the warnings or paths in the preview and tick the confirmation (it is audited), or type the secret's name",
    status: 428,
  },
  AIS_SERVER_CONSOLE_EXPOSED: {
    meaning:
      '`aistack serve --console` on a non-loopback `--host` without `--trust-proxy`: the console would be reachable without the proxy in front',
    fix: 'keep the default host (127.0.0.1) and reach the console through the proxy route, or pass `--trust-proxy <proxy address>`',
  },
});

export type ServerErrorCode = keyof typeof serverErrors;
