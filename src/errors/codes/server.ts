import { defineErrorCodes } from '../define-error-codes.js';

type SecretFileProblem = 'unreadable' | 'empty';

/** A secret file `aistack serve` reads (a password, the metrics token) that it cannot use. */
function describeSecretFile(what: string, file: string, problem: SecretFileProblem): string {
  return problem === 'empty' ? `the ${what} ${file} is empty` : `cannot read the ${what} ${file}`;
}

/** Where `aistack serve` tried to listen: the console socket, or host and port (an IPv6 host in brackets). */
function describeListenAddress(address: { host: string; port: number } | { socket: string }): string {
  if ('socket' in address) return `the console socket ${address.socket}`;
  return `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}

/** The codes of docs/errors/server.md, in the order of its table. */
export const serverErrors = defineErrorCodes({
  AIS_SERVER_BAD_REQUEST: {
    meaning: "a parameter, query or body does not match the route's schema (the message names the field), or the body is not JSON",
    fix: 'send what the API documents in docs/dashboard.md',
    status: 400,
    // fastify's own wording (a schema refusal names the field); without one, which kind of refusal it was.
    message: ({ reason, validation }: { reason: string | undefined; validation: boolean }) =>
      reason ?? (validation ? 'invalid request' : 'bad request'),
  },
  AIS_SERVER_BAD_REGEX: {
    meaning: 'the `regex` of a log search does not compile',
    fix: 'use JavaScript regular-expression syntax, or search plain text with `text=`',
    status: 400,
    message: ({ reason }: { reason: string }) => `invalid regular expression: ${reason}`,
  },
  AIS_SERVER_UNAUTHENTICATED: {
    meaning: 'no session, or it expired (idle 8 h, at most 7 days) or the monitor restarted',
    fix: 'log in at /login',
    status: 401,
    message: () => 'not logged in',
  },
  AIS_SERVER_BAD_CREDENTIALS: {
    meaning: 'wrong user name or password at POST /api/login',
    fix: 'the user is `admin`; the password is in `.aistack/secrets/monitor-admin-password`',
    status: 401,
    message: () => 'wrong user name or password',
  },
  AIS_SERVER_BAD_TOKEN: {
    meaning: '/metrics without the right `Authorization: Bearer` token',
    fix: "put the content of `.aistack/secrets/monitor-metrics-token` in the scraper's `bearer_token_file`",
    status: 401,
    message: () => 'missing or wrong bearer token',
  },
  AIS_SERVER_CSRF: {
    meaning: "a state-changing request without the session's CSRF token, or sent from another origin",
    fix: 'use the dashboard; API clients send the token from GET /api/session in `x-csrf-token` and no foreign `Origin`',
    status: 403,
    message: ({ refused }: { refused: 'origin' | 'site' | 'token' }) =>
      refused === 'token' ? 'missing or wrong CSRF token' : `cross-${refused} request refused`,
  },
  AIS_SERVER_NOT_FOUND: {
    meaning: 'no such route, service or monitor',
    fix: 'pick a service from /api/overview',
    status: 404,
    message: (
      missing: { service: string } | { secret: string } | { revision: number } | { method: string; route: string } | { operation: string },
    ) =>
      'service' in missing
        ? `no service or monitor "${missing.service}"`
        : 'secret' in missing
          ? `the stack has no secret "${missing.secret}"`
          : 'revision' in missing
            ? `no revision ${missing.revision}`
            : 'route' in missing
              ? `no route ${missing.method} ${missing.route}`
              : 'no such operation',
  },
  AIS_SERVER_THROTTLED: {
    meaning: 'too many failed logins from this address or for this user; `Retry-After` says how long to wait',
    fix: 'wait that many seconds; the wait doubles with each further failure (capped at 15 min)',
    status: 429,
    message: ({ seconds }: { seconds: number }) => `too many failed logins; try again in ${seconds} s`,
  },
  AIS_SERVER_INTERNAL: {
    meaning: 'an unexpected error; details are only in the server log',
    fix: 'read the log of `aistack serve` (the monitor container) and report it',
    status: 500,
    // An answer without a hint (a console operation's result) says in the message where to look.
    message: ({ hinted }: { hinted: boolean }) => (hinted ? 'internal error' : 'internal error (see the server log)'),
  },
  AIS_SERVER_PASSWORD_FILE: {
    meaning: '`aistack serve` cannot read the admin (or viewer) password file, or it is empty',
    fix:
      'run `aistack secrets` (with the monitor enabled), or pass `--password-file`; for the viewer login, write a password ' +
      'into the `--viewer-password-file`',
    message: ({ login, file, problem }: { login: string; file: string; problem: SecretFileProblem }) =>
      describeSecretFile(`${login} password file`, file, problem),
  },
  AIS_SERVER_METRICS_TOKEN_FILE: {
    meaning:
      '`aistack serve` cannot read the metrics token file given with `--metrics-token-file` (or AISTACK_METRICS_TOKEN_FILE), or it is empty',
    fix: 'generate it with `aistack secrets`, or leave the option out to turn /metrics off',
    message: ({ file, problem }: { file: string; problem: SecretFileProblem }) => describeSecretFile('metrics token file', file, problem),
  },
  AIS_SERVER_BAD_OPTION: {
    meaning: 'an `aistack serve` option (or its AISTACK_* variable) has an invalid value, such as a port outside 0–65535',
    fix: 'fix the value; see docs/dashboard.md for the options',
    message: ({ port }: { port: string }) => `--port must be a TCP port (0-65535), not "${port}"`,
  },
  AIS_SERVER_LISTEN: {
    meaning: '`aistack serve` cannot listen on the address and port (in use, or not an address of this host)',
    fix: 'pick another `--port`, or stop what uses it',
    message: (facts: ({ host: string; port: number } | { socket: string }) & { reason: string }) =>
      `cannot listen on ${describeListenAddress(facts)}: ${facts.reason}`,
  },
  AIS_SERVER_TOO_MANY_STREAMS: {
    meaning: '200 live streams (dashboard tabs, log follows) are open already',
    fix: 'close other dashboard tabs or log follows, then reload',
    status: 503,
    message: ({ open }: { open: number }) => `${open} live streams are open already`,
  },
  AIS_SERVER_FORBIDDEN: {
    meaning: 'a viewer session asked for the configuration console, or for a state-changing request (the viewer role is read-only)',
    fix: "log in as the admin user (the monitor's admin credentials)",
    status: 403,
    message: ({ asked }: { asked: 'admin-only' | 'state-changing' | 'console' }) =>
      asked === 'console'
        ? 'the console needs the admin role'
        : asked === 'admin-only'
          ? 'this needs the admin role; the viewer role only reads the dashboard'
          : 'the viewer role is read-only',
  },
  AIS_SERVER_CONFLICT: {
    meaning:
      "the console's apply was refused: aistack.yaml changed on disk since the page loaded it (the answer carries the " +
      'diff), or another deploy, rollback, rotation or console operation holds the stack',
    fix: 'review what changed, reload the page and apply again; or wait for the other operation to finish',
    status: 409,
    // `held`: the stack lock's refusal (another command holds it), worded by the lock.
    message: (facts: { changedOnDisk: true } | { running: 'apply' | 'restore' | 'rotate'; user: string } | { held: string }) =>
      'changedOnDisk' in facts
        ? 'aistack.yaml changed on disk since the page loaded it; nothing was applied'
        : 'running' in facts
          ? `a console ${facts.running} started by ${facts.user} is still running`
          : facts.held,
  },
  AIS_SERVER_BLOCKED: {
    meaning: "the console's apply was refused: the new aistack.yaml has manifest problems or `check` errors",
    fix: 'open the preview: each error is listed with its position; fix them and apply again',
    status: 422,
    message: () => 'the new aistack.yaml has errors; nothing was applied',
  },
  AIS_SERVER_NEEDS_CONFIRMATION: {
    meaning:
      "the console's apply (or a secret rotation) needs a confirmation it did not get: `check` warnings, host paths outside " +
      "the project (TLS files, backup directory), or the secret's name typed for a rotation",
    fix: "read the warnings or paths in the preview and tick the confirmation (it is audited), or type the secret's name",
    status: 428,
    message: (facts: { secret: string } | { outsidePaths: readonly { key: string; resolved: string }[] } | { warnings: number }) =>
      'secret' in facts
        ? `type the secret's name (${facts.secret}) to confirm the rotation`
        : 'outsidePaths' in facts
          ? `aistack.yaml points at host paths outside the project (${facts.outsidePaths.map((entry) => `${entry.key}: ${entry.resolved}`).join(', ')})`
          : `check found ${facts.warnings} warning${facts.warnings === 1 ? '' : 's'}; confirm them to apply`,
  },
  AIS_SERVER_CONSOLE_EXPOSED: {
    meaning:
      '`aistack serve --console` on a non-loopback `--host` without `--trust-proxy`: the console would be reachable without the proxy in front',
    fix: 'keep the default host (127.0.0.1) and reach the console through the proxy route, or pass `--trust-proxy <proxy address>`',
    message: ({ host }: { host: string }) => `the console would listen on ${host} with no reverse proxy in front`,
  },
});

export type ServerErrorCode = keyof typeof serverErrors;
