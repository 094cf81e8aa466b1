import type { Project } from '../../project/load.js';
import { detectRenderOptions, renderProjectFiles } from '../../project/render-project.js';
import type { ProjectPaths } from '../../project/paths.js';
import type { RenderedFile } from '../../render/types.js';
import type { PreflightFinding } from '../../runtime/preflight.js';
import type { Preflight } from '../../runtime/preflight.js';
import { openStateStore } from '../../runtime/state-store.js';
import { createUnifiedDiff } from './line-diff.js';
import type { OutsidePath } from './outside-paths.js';
import { findOutsidePaths } from './outside-paths.js';
import type { ChangePlan } from './plan-changes.js';
import { planChanges } from './plan-changes.js';
import type { ConsoleProblem } from './validate-text.js';
import { validateManifestText } from './validate-text.js';

export interface FileDiff {
  readonly path: string;
  readonly diff: string;
}

/** Everything the console shows before apply. */
export interface Preview {
  readonly problems: readonly ConsoleProblem[];
  readonly manifestDiff: string;
  readonly files: readonly FileDiff[];
  readonly plan: ChangePlan | undefined;
  readonly findings: readonly PreflightFinding[];
  readonly outsidePaths: readonly OutsidePath[];
  /** The revision the plan compares with (the newest healthy one). */
  readonly baseRevision: number | undefined;
  /** Errors (manifest problems or check errors): apply is refused. */
  readonly blocked: boolean;
  /** Warnings or host paths outside the project: apply needs the matching confirmation. */
  readonly needsConfirmation: boolean;
}

export interface PreviewResult {
  readonly preview: Preview;
  readonly project: Project | undefined;
}

/**
 * Validate the new text with the CLI's parser, render it, run `check` on the files the deploy would
 * apply (the deploy's own preflight check), and compare with the running revision. Reads the state
 * database and the TLS certificate; writes nothing.
 */
export async function previewManifest(
  paths: ProjectPaths,
  currentText: string,
  text: string,
  preflight: Preflight,
): Promise<PreviewResult> {
  const manifestDiff = createUnifiedDiff(currentText, text, 'aistack.yaml');
  const validated = validateManifestText(paths, text);
  if (!validated.ok) {
    return {
      project: undefined,
      preview: {
        problems: validated.problems,
        manifestDiff,
        files: [],
        plan: undefined,
        findings: [],
        outsidePaths: [],
        baseRevision: undefined,
        blocked: true,
        needsConfirmation: false,
      },
    };
  }
  const project = validated.project;
  const files = renderProjectFiles(project, await detectRenderOptions(project));
  const { previous, baseRevision } = readRunningFiles(paths);
  const findings = await preflight.check(project, files);
  const outsidePaths = findOutsidePaths(project.manifest, paths.directory);
  return {
    project,
    preview: {
      problems: [],
      manifestDiff,
      files: diffFiles(previous ?? [], files),
      plan: planChanges(previous, files),
      findings,
      outsidePaths,
      baseRevision,
      blocked: findings.some((finding) => finding.severity === 'error'),
      needsConfirmation: outsidePaths.length > 0 || findings.some((finding) => finding.severity === 'warning'),
    },
  };
}

function readRunningFiles(paths: ProjectPaths): { previous: RenderedFile[] | undefined; baseRevision: number | undefined } {
  const store = openStateStore(paths.stateDatabase);
  try {
    const healthy = store.lastHealthy();
    return healthy ? { previous: store.files(healthy.id), baseRevision: healthy.id } : { previous: undefined, baseRevision: undefined };
  } finally {
    store.close();
  }
}

/** Per rendered file that differs: its unified diff (paths sorted). */
export function diffFiles(previous: readonly RenderedFile[], next: readonly RenderedFile[]): FileDiff[] {
  const before = new Map(previous.map((file) => [file.path, file.content]));
  const after = new Map(next.map((file) => [file.path, file.content]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: FileDiff[] = [];
  for (const name of names) {
    const diff = createUnifiedDiff(before.get(name) ?? '', after.get(name) ?? '', name);
    if (diff !== '') out.push({ path: name, diff });
  }
  return out;
}
