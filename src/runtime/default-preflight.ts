import { checkProject } from '../check/check-project.js';
import { gatherOwnPorts } from '../check/gather-own-ports.js';
import { createProjectContext } from '../check/project-context.js';
import { prepareSecurity } from '../tls/prepare-security.js';
import type { Preflight } from './preflight.js';

/**
 * The preflight `up` and `deploy` use: every missing secret generated (never overwriting one),
 * a certificate the proxy can serve (src/tls prepareSecurity), then `check` on the files about to
 * be applied; its errors stop the rollout before anything starts.
 */
export function createDefaultPreflight(): Preflight {
  return {
    prepare: async (project) => {
      await prepareSecurity(project.stack, project.paths);
    },
    check: async (project, files) => {
      const compose = files.find((file) => file.path === 'compose.yaml');
      const env = files.find((file) => file.path === '.env');
      if (!compose) return [];
      const findings = await checkProject({
        composeFile: project.paths.compose,
        composeText: compose.content,
        envText: env?.content ?? '',
        project: createProjectContext(project.stack),
        ownPorts: await gatherOwnPorts(project.stack.name).catch(() => new Set<number>()),
        relativeTo: project.paths.directory,
        // `check.disable` in aistack.yaml, each with its reason.
        disabled: project.manifest.check?.disable ?? [],
      });
      return findings.map((finding) => ({
        severity: finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
        text: `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`,
      }));
    },
  };
}
