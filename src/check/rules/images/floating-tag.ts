import { defineRule } from '../../define-rule.js';
import { imageOf } from '../../model/service-facts.js';

/** Words for a build that is replaced all the time, even next to a version (`2-nightly`, `v1-latest`). */
const ROLLING = new Set([
  'latest',
  'main',
  'master',
  'edge',
  'nightly',
  'dev',
  'develop',
  'development',
  'head',
  'canary',
  'snapshot',
  'unstable',
]);

/**
 * A tag moves when one of its parts is a rolling word (`main-latest`, `latest-cuda`, `2-nightly`), or
 * when it carries no version at all (`stable`, `main-stable`, `rocm`, `cuda`, `alpine`). A release
 * channel next to a version is a pinned track (`6.6-24.04_beta`, `1.2-rc`).
 */
export function isFloatingTag(tag: string): boolean {
  const parts = tag.toLowerCase().split(/[-_.]/);
  if (parts.some((part) => ROLLING.has(part))) return true;
  return !/\d/.test(tag);
}

export const imagesFloatingTag = defineRule({
  id: 'images/floating-tag',
  severity: 'warning',
  description: 'Require images pinned to a version tag or digest',
  messages: {
    untagged: '{{service}} uses {{image}} without a tag (that is :latest); pin a version or a digest',
    floating: '{{service}} uses the floating tag {{image}}:{{tag}}, which moves; pin a version (or a digest)',
  },
  check(context) {
    for (const service of context.compose.services) {
      const image = imageOf(service);
      if (!image || image.digest !== undefined) continue;
      // `${TAG}` that interpolated to nothing is compose/undefined-variable's finding.
      if (image.repository === '' || image.tag === '') continue;
      const range = context.compose.rangeOf(['services', service.name, 'image']);
      if (image.tag === undefined)
        context.report({ messageId: 'untagged', data: { service: service.name, image: image.repository }, range });
      else if (isFloatingTag(image.tag))
        context.report({ messageId: 'floating', data: { service: service.name, image: image.repository, tag: image.tag }, range });
    }
  },
});
