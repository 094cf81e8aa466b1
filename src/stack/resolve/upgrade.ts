import type { Manifest } from '../../manifest/schema.js';
import type { StackUpgradeSettings } from '../types.js';

/** `upgrade:` and `images.registry` in aistack.yaml, as the upgrade planner reads them. */
export function resolveUpgradeSettings(manifest: Manifest): StackUpgradeSettings {
  return {
    quarantineDays: manifest.upgrade?.quarantineDays,
    quarantineByService: manifest.upgrade?.quarantine ?? {},
    registry: manifest.images?.registry,
  };
}
