import type { UpgradeContext } from '../../../src/upgrade/rules/types.js';

/** A step of one catalog service; each rule test overrides what its rule looks at. */
export function step(catalogId: string, fromTag: string, toTag: string | undefined, extra: Partial<UpgradeContext> = {}): UpgradeContext {
  return {
    service: catalogId,
    catalogId,
    fromRepository: catalogId,
    fromTag,
    toRepository: catalogId,
    toTag,
    environment: {},
    volumeTargets: [],
    replicas: 1,
    gpu: false,
    stack: [],
    ...extra,
  };
}
