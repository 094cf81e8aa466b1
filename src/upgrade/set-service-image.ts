import { isMap, parseDocument } from 'yaml';
import { ManifestError } from '../errors.js';

/**
 * aistack.yaml with one service pinned to `reference`: `custom.<id>.image` for a custom service,
 * `images.overrides.<id>` when the image is overridden there, else `services.<id>.image`.
 * Comments and the rest of the file stay; pure.
 */
export function setServiceImage(text: string, service: string, reference: string): string {
  const document = parseDocument(text);
  if (document.errors.length > 0 || !isMap(document.contents)) {
    throw new ManifestError('AIS_MANIFEST_YAML', {
      cannot: 'pin the upgraded image',
      hint: 'fix aistack.yaml first; `aistack check` shows where',
    });
  }
  const path = document.hasIn(['custom', service])
    ? ['custom', service, 'image']
    : document.hasIn(['images', 'overrides', service])
      ? ['images', 'overrides', service]
      : ['services', service, 'image'];
  if (path[0] === 'services' && !isMap(document.getIn(['services', service]))) {
    document.setIn(['services', service], document.createNode({}));
  }
  document.setIn(path, reference);
  return document.toString({ lineWidth: 0 });
}
