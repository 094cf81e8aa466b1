import { CheckError } from '../errors.js';
import type { Project } from '../project/load.js';
import { detectRenderOptions, renderProjectFiles } from '../project/render-project.js';
import type { DeployOutcome } from './deploy.js';
import { deploy } from './deploy.js';
import type { Preflight } from './preflight.js';
import { planRollout } from './rollout.js';
import type { RuntimeContext } from './runtime-context.js';

/** Secrets and TLS, render, check (errors stop here), then deploy as a new revision. */
export async function deployProject(
  context: RuntimeContext,
  project: Project,
  preflight: Preflight,
  options: { readonly force?: boolean } = {},
): Promise<DeployOutcome> {
  const prepared = await preflight.prepare(project);
  for (const warning of prepared.warnings) context.say(warning);
  const files = renderProjectFiles(project, await detectRenderOptions(project));
  const findings = await preflight.check(project, files);
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    throw new CheckError('AIS_RUNTIME_CHECK_FAILED', {
      findings: errors.map((finding) => finding.text),
      hint: 'fix aistack.yaml (`aistack check` explains each finding), then run the command again',
    });
  }
  try {
    return await deploy(context, {
      stackName: project.stack.name,
      manifestText: project.manifestText,
      files,
      plan: planRollout(project.stack.services),
      force: options.force ?? false,
    });
  } finally {
    // Also after a rollback: the proxy that runs again must serve the certificate on disk.
    if (prepared.certificateChanged) for (const line of await preflight.reloadProxy(project)) context.say(line);
  }
}
