import type { Project } from '../../project/load.js';
import { createDefaultPreflight } from '../../runtime/default-preflight.js';
import { deployProject } from '../../runtime/deploy-project.js';
import { createImageRegistry } from '../../runtime/image-registry.js';
import { rotateRunningSecret } from '../../runtime/rotate-running-secret.js';
import { createRuntimeContext } from '../../runtime/runtime-context.js';
import { ensureStackImages } from '../../runtime/stack-images.js';
import type { RotationResult } from '../../secrets/rotate.js';
import type { OperationEvent } from './operations.js';

/** How the console changes the running stack: the CLI's deploy and rotation, with progress as events. */
export interface ConsoleDeployer {
  /** The caller holds the stack lock. */
  deploy(project: Project, user: string, emit: (event: OperationEvent) => void): Promise<{ revision: number; status: string }>;
  rotate(directory: string, name: string, say: (line: string) => void): Promise<RotationResult>;
}

/** `aistack deploy` (images, secrets and TLS, render, check, health-gated rollout, automatic rollback), its output as events. */
export function createDockerDeployer(): ConsoleDeployer {
  return {
    async deploy(project, user, emit) {
      const say = (line: string): void => emit({ type: 'log', data: { line } });
      const context = await createRuntimeContext(project.paths, {
        say,
        stream: { write: () => true } as unknown as NodeJS.WritableStream,
        tty: false,
        createProgress: () => ({
          update: (services) =>
            emit({
              type: 'progress',
              data: { services: services.map((service) => ({ id: service.id, phase: service.phase, detail: service.detail ?? '' })) },
            }),
          finish: () => undefined,
        }),
      });
      try {
        await ensureStackImages(context.engine, project.stack, createImageRegistry(context.engine.docker), {
          onPull: (progress) => emit({ type: 'pull', data: { reference: progress.reference, phase: progress.phase } }),
        });
        const outcome = await deployProject({ ...context, user }, project, createDefaultPreflight(context.engine));
        return { revision: outcome.revision.id, status: outcome.status };
      } finally {
        context.close();
      }
    },
    rotate: (directory, name, say) => rotateRunningSecret(directory, name, { say }),
  };
}
