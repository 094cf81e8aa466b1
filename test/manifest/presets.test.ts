import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/index.js';
import { addServices } from '../../src/manifest/edit.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { renderPreset, STARTER_SERVICE_IDS } from '../../src/manifest/presets.js';

const ids = catalog.map((entry) => entry.id);
const userFacing = catalog.filter((entry) => !entry.partOf && entry.category !== 'infrastructure').map((entry) => entry.id);

describe('renderPreset', () => {
  it('starter enables ollama, open-webui, litellm, n8n and qdrant and validates', () => {
    const text = renderPreset('starter', { name: 'lab', domain: 'ai.example.com', serviceIds: userFacing });
    const manifest = parseManifest(text, 'aistack.yaml', ids);
    expect(manifest.name).toBe('lab');
    expect(manifest.domain).toBe('ai.example.com');
    expect(Object.keys(manifest.services)).toEqual(['ollama', 'open-webui', 'litellm', 'n8n', 'qdrant']);
    expect(STARTER_SERVICE_IDS).toEqual(['ollama', 'open-webui', 'litellm', 'n8n', 'qdrant']);
    expect(manifest.tls).toEqual({ mode: 'self-signed' });
  });

  it('full enables every id it is given and validates', () => {
    const text = renderPreset('full', { name: 'lab', domain: 'ai.example.com', serviceIds: userFacing });
    expect(Object.keys(parseManifest(text, 'aistack.yaml', ids).services)).toEqual(userFacing);
  });

  it('explains each section in comments', () => {
    const text = renderPreset('starter', { name: 'lab', domain: 'ai.example.com', serviceIds: [] });
    expect(text).toContain('# The Compose project name: containers, networks and volumes are named after it.\nname: lab\n');
    expect(text).toContain('  qdrant:      # vector database for retrieval (RAG)\n');
    expect(text).toContain('# HTTPS certificates: self-signed');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('every commented-out example is valid once uncommented', () => {
    const text = renderPreset('starter', { name: 'lab', domain: 'ai.example.com', serviceIds: [] });
    const examples = [
      '# custom:\n#   api:\n#     image: example/api:1.0.0\n#     port: 8000\n#     health:\n#       http: /healthz\n#     route:\n#       subdomain: api\n',
      '# images:\n#   registry: registry.internal:5000/mirror\n',
      '# backup:\n#   schedule: "0 3 * * *"\n#   keep:\n#     daily: 7\n#     weekly: 4\n',
      '    # gpu: true ',
      '    # resources: ',
      '    #   memory: 2g\n',
    ];
    let uncommented = text;
    for (const example of examples) {
      expect(uncommented).toContain(example);
      uncommented = uncommented.replace(example, example.replace(/^(\s*)# ?/gm, '$1'));
    }
    const manifest = parseManifest(uncommented, 'aistack.yaml', ids);
    expect(manifest.custom?.api?.image).toBe('example/api:1.0.0');
    expect(manifest.images?.registry).toBe('registry.internal:5000/mirror');
    expect(manifest.backup?.keep).toEqual({ daily: 7, weekly: 4 });
    expect(manifest.services.ollama).toEqual({ gpu: true });
    expect(manifest.services.n8n).toEqual({ resources: { memory: '2g' } });
  });

  it('quotes a name or domain that YAML would misread', () => {
    const text = renderPreset('starter', { name: 'lab', domain: 'ai.example.com: x', serviceIds: [] });
    expect(text).toContain('domain: "ai.example.com: x"\n');
  });

  it('keeps its comments when `aistack add` edits it', () => {
    const text = renderPreset('starter', { name: 'lab', domain: 'ai.example.com', serviceIds: [] });
    const edited = addServices(text, ['flowise']);
    expect(edited).toBe(
      text.replace(
        '  qdrant:      # vector database for retrieval (RAG)\n',
        '  qdrant:      # vector database for retrieval (RAG)\n  flowise:\n',
      ),
    );
  });
});
