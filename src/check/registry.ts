import { composeIncludeConflict } from './rules/compose/include-conflict.js';
import { composeMissingEnvFile } from './rules/compose/missing-env-file.js';
import { composeMissingFile } from './rules/compose/missing-file.js';
import { composeObsoleteVersion } from './rules/compose/obsolete-version.js';
import { composeSchema } from './rules/compose/schema.js';
import { composeUndefinedVariable } from './rules/compose/undefined-variable.js';
import { composeUnusedEnvKey } from './rules/compose/unused-env-key.js';
import { dependenciesCycle } from './rules/dependencies/cycle.js';
import { dependenciesDependedOnWithoutHealthcheck } from './rules/dependencies/depended-on-without-healthcheck.js';
import { dependenciesHealthyWithoutHealthcheck } from './rules/dependencies/healthy-without-healthcheck.js';
import { dependenciesUnknownService } from './rules/dependencies/unknown-service.js';
import { docsServicePort } from './rules/docs/service-port.js';
import { docsUndocumentedService } from './rules/docs/undocumented-service.js';
import { docsUnknownCommand } from './rules/docs/unknown-command.js';
import { docsUnknownPort } from './rules/docs/unknown-port.js';
import { docsUnknownService } from './rules/docs/unknown-service.js';
import { docsUnknownUrl } from './rules/docs/unknown-url.js';
import { docsUnknownVariable } from './rules/docs/unknown-variable.js';
import { healthMissingHealthcheck } from './rules/health/missing-healthcheck.js';
import { healthRestartPolicy } from './rules/health/restart-policy.js';
import { imagesFloatingTag } from './rules/images/floating-tag.js';
import { modelsUndeclared } from './rules/models/undeclared.js';
import { portsAllInterfaces } from './rules/ports/all-interfaces.js';
import { portsBypassProxy } from './rules/ports/bypass-proxy.js';
import { portsHostConflict } from './rules/ports/host-conflict.js';
import { portsHostPortInUse } from './rules/ports/host-port-in-use.js';
import { portsOutsidePlan } from './rules/ports/outside-plan.js';
import { projectDeprecatedService } from './rules/project/deprecated-service.js';
import { projectDrift } from './rules/project/drift.js';
import { resourcesMemoryLimit } from './rules/resources/memory-limit.js';
import { secretsDefaultCredentials } from './rules/secrets/default-credentials.js';
import { secretsFileMode } from './rules/secrets/file-mode.js';
import { secretsIgnoredFileVariable } from './rules/secrets/ignored-file-variable.js';
import { secretsPlaintextEnvironment } from './rules/secrets/plaintext-environment.js';
import { secretsTrackedInGit } from './rules/secrets/tracked-in-git.js';
import { secretsUrlCredentials } from './rules/secrets/url-credentials.js';
import { securityDangerousCapability } from './rules/security/dangerous-capability.js';
import { securityDockerSocket } from './rules/security/docker-socket.js';
import { securityHostNamespace } from './rules/security/host-namespace.js';
import { securityPrivileged } from './rules/security/privileged.js';
import { securitySocketProxy } from './rules/security/socket-proxy.js';
import { tlsCertificateExpiry } from './rules/tls/certificate-expiry.js';
import { tlsKeyMismatch } from './rules/tls/key-mismatch.js';
import { tlsMissingSan } from './rules/tls/missing-san.js';
import type { RuleDefinition } from './types.js';

/** Every rule, sorted by id. A meta-test checks each file under rules/ is listed here. */
export const rules: readonly RuleDefinition[] = [
  composeIncludeConflict,
  composeMissingEnvFile,
  composeMissingFile,
  composeObsoleteVersion,
  composeSchema,
  composeUndefinedVariable,
  composeUnusedEnvKey,
  dependenciesCycle,
  dependenciesDependedOnWithoutHealthcheck,
  dependenciesHealthyWithoutHealthcheck,
  dependenciesUnknownService,
  docsServicePort,
  docsUndocumentedService,
  docsUnknownCommand,
  docsUnknownPort,
  docsUnknownService,
  docsUnknownUrl,
  docsUnknownVariable,
  healthMissingHealthcheck,
  healthRestartPolicy,
  imagesFloatingTag,
  modelsUndeclared,
  portsAllInterfaces,
  portsBypassProxy,
  portsHostConflict,
  portsHostPortInUse,
  portsOutsidePlan,
  projectDeprecatedService,
  projectDrift,
  resourcesMemoryLimit,
  secretsDefaultCredentials,
  secretsFileMode,
  secretsIgnoredFileVariable,
  secretsPlaintextEnvironment,
  secretsTrackedInGit,
  secretsUrlCredentials,
  securityDangerousCapability,
  securityDockerSocket,
  securityHostNamespace,
  securityPrivileged,
  securitySocketProxy,
  tlsCertificateExpiry,
  tlsKeyMismatch,
  tlsMissingSan,
] as RuleDefinition[];

export function findRule(id: string): RuleDefinition | undefined {
  return rules.find((rule) => rule.id === id);
}
