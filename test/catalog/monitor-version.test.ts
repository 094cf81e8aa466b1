import { describe, expect, it } from 'vitest';
import { findCatalogEntry } from '../../src/catalog/index.js';
import { readAistackVersion } from '../../src/util/aistack-version.js';

describe("the monitor's image", () => {
  it("is tagged with aistack's own version (package.json), so the two cannot drift apart", () => {
    expect(findCatalogEntry('monitor')?.image.tag).toBe(readAistackVersion());
  });
});
