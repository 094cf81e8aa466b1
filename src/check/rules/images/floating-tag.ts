import { defineRule } from '../../define-rule.js';
import { imageOf } from '../../model/service-facts.js';

const FLOATING = new Set(['latest', 'main', 'master', 'stable', 'edge', 'nightly', 'dev', 'develop', 'head', 'canary', 'beta', 'rc']);

export const imagesFloatingTag = defineRule({
  id: 'images/floating-tag',
  severity: 'warning',
  description: 'Require images pinned to a version tag or digest',
  messages: {
    untagged: '{{service}} uses {{image}} without a tag (that is :latest); pin a version or a digest',
    floating: '{{service}} uses the floating tag {{image}}:{{tag}}; pin a version or a digest',
  },
  check(context) {
    for (const service of context.compose.services) {
      const image = imageOf(service);
      if (!image || image.digest !== undefined) continue;
      const range = context.compose.rangeOf(['services', service.name, 'image']);
      if (image.tag === undefined)
        context.report({ messageId: 'untagged', data: { service: service.name, image: image.repository }, range });
      else if (FLOATING.has(image.tag.toLowerCase()))
        context.report({ messageId: 'floating', data: { service: service.name, image: image.repository, tag: image.tag }, range });
    }
  },
});
