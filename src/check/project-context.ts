import type { RenderedFile } from '../render/types.js';
import type { Stack } from '../stack/types.js';
import type { ProjectContext } from './types.js';

/** What `check` knows about an aistack project beyond its compose file: proxy routes, the port plan, what it renders. */
export function createProjectContext(
  stack: Stack,
  files: { readonly renderedFiles?: readonly RenderedFile[]; readonly secretsDirectory?: string; readonly manifestText?: string } = {},
): ProjectContext {
  const { renderedFiles, secretsDirectory, manifestText } = files;
  const declared = [...(stack.models?.ollama ?? []), ...(stack.models?.providers ?? [])];
  return {
    domain: stack.domain,
    proxyService: 'proxy',
    routes: [
      ...stack.services.flatMap((service) =>
        service.route ? [{ service: service.id, host: service.route.host, path: service.route.path, url: service.route.url }] : [],
      ),
      // The console route: the proxy itself forwards the whole host to `aistack serve` on the host.
      ...(stack.proxy.console ? [{ service: 'proxy', host: stack.proxy.console.host, path: '/', url: stack.proxy.console.url }] : []),
    ],
    portPlan: stack.portPlan.map((range) => ({ from: range.from, to: range.to })),
    ...(secretsDirectory === undefined ? {} : { secretsDirectory }),
    ...(manifestText === undefined ? {} : { manifest: { file: 'aistack.yaml', text: manifestText } }),
    models: declared.map((model) => ({
      source: model.source,
      name: model.name,
      displayName: model.displayName,
      ...(model.source === 'provider' ? { provider: model.provider } : {}),
      apps: model.apps,
    })),
    ...(renderedFiles ? { renderedFiles: renderedFiles.map((file) => ({ path: file.path, content: file.content })) } : {}),
  };
}
