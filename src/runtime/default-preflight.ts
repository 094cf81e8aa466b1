import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gatherOwnPorts } from '../check-shell/gather-own-ports.js';
import { checkRenderedFiles } from '../project/check-rendered.js';
import { AistackError } from '../errors.js';
import { prepareSecurity } from '../tls/prepare-security.js';
import { reloadProxy } from '../tls/reload-proxy.js';
import type { Engine } from './engine.js';
import type { Preflight } from './preflight.js';

/**
 * The preflight `up` and `deploy` use: every missing secret generated (never overwriting one),
 * a certificate the proxy can serve (src/tls prepareSecurity), then `check` on the files about to
 * be applied; its errors stop the rollout before anything starts. When the certificate changed,
 * the running proxy is reloaded after the rollout (issue 11.2: every certificate change reaches
 * it, not only `tls renew`).
 */
export function createDefaultPreflight(engine: Engine): Preflight {
  return {
    prepare: async (project) => {
      const prepared = await prepareSecurity(project.stack, project.paths);
      // The console route's socket directory: made by aistack (0755, the user's), not by Docker as root
      // when it bind-mounts a missing source, so `aistack serve` can make its socket there.
      if (project.stack.proxy.console) await mkdir(path.dirname(project.paths.consoleSocket), { recursive: true, mode: 0o755 });
      return { warnings: prepared.warnings, certificateChanged: prepared.tls.changed };
    },
    reloadProxy: async (project) => {
      try {
        const { reloaded } = await reloadProxy({ docker: engine.docker, project: project.stack.name });
        return reloaded.length === 0 ? [] : [`New certificate: proxy reloaded (nginx -t passed): ${reloaded.join(', ')} serves it.`];
      } catch (error: unknown) {
        if (!(error instanceof AistackError)) throw error;
        return [`warning: ${error.code} ${error.message}`, ...(error.hint ? [`hint: ${error.hint}`] : [])];
      }
    },
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
