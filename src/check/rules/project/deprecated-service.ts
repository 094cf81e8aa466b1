import { CATALOG_ALIASES } from '../../../catalog/index.js';
import { defineRule } from '../../define-rule.js';
import { isRecord } from '../../model/compose-model.js';
import { parseYamlSource } from '../../model/yaml-source.js';
import type { YamlSource } from '../../model/yaml-source.js';

export const projectDeprecatedService = defineRule({
  id: 'project/deprecated-service',
  severity: 'error',
  description: 'Disallow retired catalog ids in aistack.yaml (their successor would start empty beside the old data)',
  messages: {
    retired:
      'services.{{id}} is a retired id: {{reason}}; deployed, it would run {{to}} with none of its data — ' +
      'move your data first (docs/upgrades.md), then rename the key to {{to}}',
  },
  check(context) {
    const project = context.project;
    if (!project?.manifest) return;
    let source: YamlSource;
    try {
      source = parseYamlSource(project.manifest.file, project.manifest.text);
    } catch {
      return; // aistack.yaml that does not parse never got this far; its own error says where
    }
    const services = isRecord(source.value) ? source.value.services : undefined;
    if (!isRecord(services)) return;
    for (const alias of CATALOG_ALIASES) {
      if (!Object.hasOwn(services, alias.id)) continue;
      const range = source.entry(services, alias.id)?.key;
      if (!range) continue;
      context.report({
        messageId: 'retired',
        data: { id: alias.id, to: alias.to, reason: alias.reason },
        file: project.manifest.file,
        range,
      });
    }
  },
});
