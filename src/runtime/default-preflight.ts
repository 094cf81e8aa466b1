import { gatherOwnPorts } from '../check-shell/gather-own-ports.js';
import { checkRenderedFiles } from '../project/check-rendered.js';
import { prepareSecurity } from '../tls/prepare-security.js';
import type { Preflight } from './preflight.js';

/**
 * The preflight `up` and `deploy` use: every missing secret generated (never overwriting one),
 * a certificate the proxy can serve (src/tls prepareSecurity), then `check` on the files about to
 * be applied; its errors stop the rollout before anything starts.
 */
export function createDefaultPreflight(): Preflight {
  return {
    prepare: async (project) => (await prepareSecurity(project.stack, project.paths)).warnings,
    check: async (project, files) => {
      const findings = await checkRenderedFiles(project, files, {
        probe: true,
        ownPorts: await gatherOwnPorts(project.stack.name).catch(() => new Set<number>()),
      });
      return findings.map((finding) => ({
        severity: finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
        text: `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`,
      }));
    },
  };
}
