import type { ComposeModel } from './model/compose-model.js';
import type { DocsModel } from './model/docs-model.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A position in a checked file; lines and columns are 1-based, the end is exclusive. */
export interface Range {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Finding extends Range {
  readonly ruleId: string;
  readonly messageId: string;
  readonly data: Readonly<Record<string, string | number>>;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
}

/** A port something on this machine already listens on (gathered by the shell). */
export interface PortInUse {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly hostIp: string;
  /** `pid 123 (nginx)` when /proc could tell. */
  readonly owner?: string;
}

export interface FileModeFact {
  /** As written in compose.yaml. */
  readonly source: string;
  readonly mode: number;
  /**
   * A directory between the file and the project directory shuts out group and others (no
   * search bit), so other host users cannot reach the file whatever its own mode.
   */
  readonly enclosed?: boolean;
}

export interface CertificateFact {
  readonly file: string;
  readonly notAfter: string;
  readonly subjectAltNames: readonly string[];
  /** undefined when no key was found next to the certificate. */
  readonly keyMatches?: boolean;
}

/** A rendered file as it is on disk now (`content` undefined: not there). */
export interface FileOnDisk {
  /** Relative to the project directory, as `render` names it. */
  readonly path: string;
  readonly content: string | undefined;
}

/** Everything the rules need from the outside world, gathered by the shell (src/check-shell). */
export interface Facts {
  /** ISO time the check runs at. */
  readonly now: string;
  readonly portsInUse: readonly PortInUse[];
  readonly fileModes: readonly FileModeFact[];
  readonly certificates: readonly CertificateFact[];
  /** For an aistack project: the files `render` writes, as they are on disk now (drift). Empty: not compared. */
  readonly renderedOnDisk?: readonly FileOnDisk[];
  /** Files git tracks, among those that must stay out of it (relative to the project directory). */
  readonly trackedFiles?: readonly string[];
  /** The Dockerfile each service with `build:` is built from (text undefined: not found). */
  readonly dockerfiles?: readonly { readonly service: string; readonly text?: string | undefined }[];
  /** Makefile and package.json of the project, for docs naming `make` targets and `npm run` scripts. */
  readonly makefile?: { readonly file: string; readonly text: string };
  readonly packageJson?: { readonly file: string; readonly text: string };
  /** Reverse-proxy configuration files of the project (nginx, Caddy, Traefik), for routes in docs. */
  readonly proxyConfigs?: readonly { readonly file: string; readonly text: string }[];
}

/** What an aistack project adds: the routes the proxy serves and the port plan. */
export interface ProjectContext {
  readonly domain: string;
  readonly proxyService: string;
  readonly routes: readonly { readonly service: string; readonly host: string; readonly path: string; readonly url: string }[];
  readonly portPlan: readonly { readonly from: number; readonly to: number }[];
  /** What `aistack render` writes from aistack.yaml now (compared with the disk for drift). */
  readonly renderedFiles?: readonly { readonly path: string; readonly content: string }[];
  /** Where the stack keeps its secrets, relative to the project directory (`.aistack/secrets`). */
  readonly secretsDirectory?: string;
  /** aistack.yaml as written, for rules about what the user set there (positions point into it). */
  readonly manifest?: { readonly file: string; readonly text: string };
  /** The models `models:` declares (empty: none). Undefined: not an aistack project. */
  readonly models?: readonly DeclaredModel[];
}

/** A model declared under `models:`, as the apps may name it. */
export interface DeclaredModel {
  readonly source: 'ollama' | 'provider';
  /** Ollama name:tag, or the provider's model id. */
  readonly name: string;
  readonly displayName: string;
  /** The provider id (`openai`) for provider models. */
  readonly provider?: string;
  /** The apps it is declared for. */
  readonly apps: readonly string[];
}

export interface CatalogFacts {
  /** Image repository → `*_FILE` variables the image does not read. */
  readonly ignoredFileVariables: ReadonlyMap<string, readonly string[]>;
  /** Catalog id → host paths the entry is allowed to bind-mount (the socket proxy: the Docker socket). */
  readonly hostMounts?: ReadonlyMap<string, readonly string[]>;
  /** Short repository or catalog id → the `*_FILE` variables the image reads (`every-setting`: any). */
  readonly readsFileVariables?: ReadonlyMap<string, readonly string[] | 'every-setting'>;
  /** Catalog id → its image's short repository. */
  readonly repositories?: ReadonlyMap<string, string>;
}

export interface RuleContext {
  readonly compose: ComposeModel;
  readonly docs: DocsModel;
  readonly facts: Facts;
  readonly project: ProjectContext | undefined;
  readonly catalog: CatalogFacts;
  /** Compose Specification violations found by ajv, with the path of the offending node. */
  readonly schemaProblems: readonly SchemaProblem[];
  /** Variables set in the environment `check` runs in (compose reads them as well as .env). */
  readonly environmentNames: ReadonlySet<string>;
  report(finding: {
    readonly messageId: string;
    readonly data?: Readonly<Record<string, string | number>>;
    readonly file?: string;
    readonly range: Range;
    readonly severity?: Severity;
  }): void;
}

export interface RuleDefinition<MessageId extends string = string> {
  readonly id: string;
  readonly severity: Severity;
  /** Starts with Disallow, Require or Enforce. */
  readonly description: string;
  readonly messages: Readonly<Record<MessageId, string>>;
  check(context: RuleContext): void;
}

export interface SchemaProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The problem is the key itself (an unknown key): report at the key, not its value. */
  readonly key?: boolean;
}

export interface DisabledRule {
  readonly rule: string;
  readonly reason: string;
}
