import { existsSync } from 'node:fs';
import { CATALOG_ALIASES, catalog } from '../catalog/index.js';
import type { Project } from '../project/load.js';
import type { UpgradePlan } from '../upgrade/plan.js';
import { followRetiredIds, planUpgrade } from '../upgrade/plan.js';
import type { Engine } from './engine.js';
import { gatherUpgradeFacts } from './gather-upgrade-facts.js';
import { openStateStore } from './state-store.js';

/**
 * `upgrade plan` for a project: what runs (the last healthy revision's images, else what
 * aistack.yaml pins), the catalog's pins, and what the registries aistack may ask (images.registry
 * and `--registry` hosts) or this host have.
 */
export async function planProjectUpgrade(
  engine: Engine,
  project: Project,
  options: { readonly registries: readonly string[]; readonly now: Date },
): Promise<UpgradePlan> {
  const recorded: Record<string, string> = {};
  if (existsSync(project.paths.stateDatabase)) {
    const store = openStateStore(project.paths.stateDatabase);
    try {
      const healthy = store.lastHealthy();
      if (healthy) for (const image of store.images(healthy.id)) recorded[image.service] = image.reference;
    } finally {
      store.close();
    }
  }
  const running = followRetiredIds(recorded, CATALOG_ALIASES, new Set(project.stack.services.map((service) => service.id)));
  const { upgrade } = project.stack;
  const registries = [...options.registries, ...(upgrade.registry ? [upgrade.registry] : [])];
  const facts = await gatherUpgradeFacts(engine, project.stack, running, { registries });
  return planUpgrade({
    stack: project.stack,
    catalogPins: Object.fromEntries(catalog.map((entry) => [entry.id, entry.image])),
    running,
    facts,
    now: options.now,
    ...(upgrade.quarantineDays === undefined ? {} : { quarantineDays: upgrade.quarantineDays }),
    quarantineByService: upgrade.quarantineByService,
  });
}
