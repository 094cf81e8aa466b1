import { z } from 'zod';

/**
 * `targets.swarm` in aistack.yaml: how the same stack runs on Docker Swarm
 * (`aistack render --target swarm`, `aistack deploy --target swarm`; docs/cluster.md).
 */
export const swarmTargetSchema = z
  .strictObject({
    /** Run the runtime commands (deploy, up, status, logs, history, rollback, down) on Swarm without `--target swarm`. @default false */
    enabled: z
      .boolean()
      .describe(
        'Run `deploy`, `up`, `status`, `logs`, `history`, `rollback` and `down` on Docker Swarm without `--target swarm` ' +
          '(`--target compose` still picks the single host). Default: false.',
      )
      .optional(),
    /**
     * Node label that pins stateful services (data stores, services with volumes or host files) to one node:
     * `node.labels.<label> == true`. Set it with `docker node update --label-add <label>=true <node>`. @default aistack.data
     */
    nodeLabel: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a node label such as aistack.data')
      .describe(
        'Node label that pins stateful services (data stores, services with volumes or host files) to one node ' +
          '(`node.labels.<label> == true`); set it with `docker node update --label-add <label>=true <node>`. Default: ' +
          '`aistack.data`.',
      )
      .optional(),
    /**
     * How the proxy publishes its ports: `host` (on the node it runs on; no routing mesh) or `ingress` (the routing mesh on every
     * node). @default host
     */
    publishMode: z
      .enum(['host', 'ingress'])
      .describe(
        "How the proxy publishes ports 80/443: `host` (on the node it runs on) or `ingress` (Swarm's routing mesh on every node). Default: `host`.",
      )
      .optional(),
    /**
     * The generic resource a `gpu: true` or `gpu: nvidia` service reserves (`node-generic-resources` in the Engine's daemon.json, such as
     * NVIDIA-GPU). Required for such a service (`gpu: amd` cannot run on Swarm).
     */
    gpuResource: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,62}$/, 'a generic resource kind such as NVIDIA-GPU')

      .describe(
        "Generic resource a `gpu: true` or `gpu: nvidia` service reserves, as named in the Engine's daemon.json " +
          '`node-generic-resources` (e.g. `NVIDIA-GPU`). Required for such a service (`gpu: amd` cannot run on Swarm).',
      )
      .optional(),
    /** Seconds Swarm watches an updated task before the update counts as done. @default the service's health-check window */
    monitorSeconds: z
      .number()
      .int()
      .positive()
      .max(3600)
      .describe(
        'Seconds Swarm watches an updated task before the update counts as done (`update_config.monitor`). Default: the ' +
          "service's health-check window (start period + interval × retries).",
      )
      .optional(),
  })
  .describe('Docker Swarm: placement, publishing, GPUs (docs/cluster.md).');

export type SwarmTargetSettings = z.output<typeof swarmTargetSchema>;
