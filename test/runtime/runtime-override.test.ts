import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listManifestChanges } from '../../src/runtime/manifest-changes.js';
import { collectMountedConfig, hasSameMountedConfig, renderRuntimeOverride } from '../../src/runtime/runtime-override.js';

const compose = {
  path: 'compose.yaml',
  content: JSON.stringify({
    services: {
      proxy: { image: 'nginx', volumes: ['./proxy/nginx.conf:/etc/nginx/nginx.conf:ro', './proxy:/etc/nginx/aistack:ro'] },
      monitor: { image: 'aistack', volumes: ['data:/var/lib/aistack', './aistack.yaml:/project/aistack.yaml:ro'] },
      app: { image: 'app' },
    },
    networks: { internal: {}, edge: {} },
    volumes: { data: {} },
  }),
};
const proxyFiles = (limit: string) => [
  compose,
  { path: 'proxy/nginx.conf', content: 'events {}' },
  { path: 'proxy/routes/web.conf', content: `client_max_body_size ${limit};` },
  { path: 'STACK.md', content: '# stack' },
];
const owner = { id: '6f9a9a25-e815-4716-9497-5dccac5152a7', directory: '/srv/a' };

describe('collectMountedConfig', () => {
  it('lists the project files each service mounts, and aistack.yaml for the monitor', () => {
    const mounted = collectMountedConfig(proxyFiles('1m'), 'name: a\n');
    expect([...mounted.keys()].sort()).toEqual(['monitor', 'proxy']);
    expect(mounted.get('proxy')!.sources).toEqual(['proxy/nginx.conf', 'proxy/routes/web.conf']);
    expect(mounted.get('monitor')!.sources).toEqual(['aistack.yaml']);
  });

  it('changes the digest of exactly the service whose mounted bytes changed', () => {
    const before = collectMountedConfig(proxyFiles('1m'), 'name: a\n');
    const after = collectMountedConfig(proxyFiles('5m'), 'name: a\n');
    expect(after.get('proxy')!.digest).not.toBe(before.get('proxy')!.digest);
    expect(after.get('monitor')!.digest).toBe(before.get('monitor')!.digest);
    expect(
      hasSameMountedConfig({ files: proxyFiles('1m'), manifest: 'name: a\n' }, { files: proxyFiles('1m'), manifest: 'name: a\n' }),
    ).toBe(true);
    expect(
      hasSameMountedConfig({ files: proxyFiles('1m'), manifest: 'name: a\n' }, { files: proxyFiles('1m'), manifest: 'name: b\n' }),
    ).toBe(false);
  });
});

describe('renderRuntimeOverride', () => {
  it('labels every container, network and volume with the owner, and points the monitor at the revision manifest', () => {
    const document = parse(
      renderRuntimeOverride({
        files: proxyFiles('1m'),
        manifest: 'name: a\n',
        manifestFile: './.aistack/revisions/manifest-x.yaml',
        owner,
      }),
    ) as Record<string, Record<string, { labels: Record<string, string>; volumes?: string[] }>>;
    const ownerLabels = { 'ai.aistack.owner': owner.id, 'ai.aistack.owner-directory': '/srv/a' };
    expect(document.services!.app).toEqual({ labels: ownerLabels });
    expect(document.services!.proxy!.labels).toEqual({
      ...ownerLabels,
      'ai.aistack.config': collectMountedConfig(proxyFiles('1m'), 'name: a\n').get('proxy')!.digest,
    });
    expect(document.services!.monitor!.volumes).toEqual(['./.aistack/revisions/manifest-x.yaml:/project/aistack.yaml:ro']);
    expect(document.networks).toEqual({ edge: { labels: ownerLabels }, internal: { labels: ownerLabels } });
    expect(document.volumes).toEqual({ data: { labels: ownerLabels } });
  });
});

describe('listManifestChanges', () => {
  it('names the settings that differ, ignoring comments and layout', () => {
    const before = 'name: a\nmonitor:\n  notifiers:\n    - { type: webhook, name: ops, url: "http://one" }\n';
    const after = '# a comment\nname: a\nmonitor:\n  notifiers:\n    - type: webhook\n      name: ops\n      url: "http://two"\n';
    expect(listManifestChanges(before, after)).toEqual(['monitor.notifiers[0].url']);
    expect(listManifestChanges(before, `${before}# only a comment\n`)).toEqual([]);
  });
});
