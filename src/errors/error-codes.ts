import { backupErrors } from './codes/backup.js';
import { checkErrors, checkErrorsIntro } from './codes/check.js';
import { kubernetesErrors, kubernetesErrorsIntro } from './codes/kubernetes.js';
import { manifestErrors } from './codes/manifest.js';
import { modelsErrors, modelsErrorsIntro } from './codes/models.js';
import { monitorErrors } from './codes/monitor.js';
import { projectErrors } from './codes/project.js';
import { runtimeErrors } from './codes/runtime.js';
import { secretsErrors } from './codes/secrets.js';
import { serverErrors } from './codes/server.js';
import { stackErrors } from './codes/stack.js';
import { targetErrors, targetErrorsIntro } from './codes/target.js';
import { tlsErrors } from './codes/tls.js';
import { upgradeErrors } from './codes/upgrade.js';
import type { ErrorDeclaration } from './define-error-codes.js';

/** One page of docs/errors/: its name (`backup` is docs/errors/backup.md), the paragraphs above its table, its codes. */
export interface ErrorPage {
  readonly name: string;
  readonly intro: readonly string[];
  readonly codes: Readonly<Record<string, ErrorDeclaration>>;
}

/** Every page of docs/errors/, in the order docs/errors.md lists them. */
export const ERROR_PAGES: readonly ErrorPage[] = Object.freeze([
  { name: 'backup', intro: [], codes: backupErrors },
  { name: 'check', intro: checkErrorsIntro, codes: checkErrors },
  { name: 'manifest', intro: [], codes: manifestErrors },
  { name: 'models', intro: modelsErrorsIntro, codes: modelsErrors },
  { name: 'monitor', intro: [], codes: monitorErrors },
  { name: 'project', intro: [], codes: projectErrors },
  { name: 'runtime', intro: [], codes: runtimeErrors },
  { name: 'secrets', intro: [], codes: secretsErrors },
  { name: 'server', intro: [], codes: serverErrors },
  { name: 'stack', intro: [], codes: stackErrors },
  { name: 'target', intro: targetErrorsIntro, codes: targetErrors },
  { name: 'kubernetes', intro: kubernetesErrorsIntro, codes: kubernetesErrors },
  { name: 'tls', intro: [], codes: tlsErrors },
  { name: 'upgrade', intro: [], codes: upgradeErrors },
]);

const declarations = Object.freeze({
  ...backupErrors,
  ...checkErrors,
  ...manifestErrors,
  ...modelsErrors,
  ...monitorErrors,
  ...projectErrors,
  ...runtimeErrors,
  ...secretsErrors,
  ...serverErrors,
  ...stackErrors,
  ...targetErrors,
  ...kubernetesErrors,
  ...tlsErrors,
  ...upgradeErrors,
});

/** Every code aistack declares, retired ones included. */
export type ErrorCode = keyof typeof declarations;

/** The keys of a set of declarations that are marked `retired: true`. */
export type RetiredCodeOf<Declarations> = {
  [Code in keyof Declarations]: Declarations[Code] extends { readonly retired: true } ? Code : never;
}[keyof Declarations];

/** Codes that stay listed but are no longer raised. */
export type RetiredErrorCode = RetiredCodeOf<typeof declarations>;

/** The codes an error can be raised with. */
export type LiveErrorCode = Exclude<ErrorCode, RetiredErrorCode>;

/** The declaration of one code, with its literal types (its message's facts among them). */
export type DeclarationOf<Code extends ErrorCode> = (typeof declarations)[Code];

/** Every declaration, keyed by code. */
export const ERROR_CODES: Readonly<Record<ErrorCode, ErrorDeclaration>> = declarations;

/** Whether a string (a code read back from JSON, say) is a declared code. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
