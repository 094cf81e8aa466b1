import { describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveProjectText } from '../../src/project/load.js';
import { renderStack } from '../../src/render/index.js';
import { declaredServices } from '../../src/runtime/open-project.js';
import type { Stack } from '../../src/stack/types.js';

const resolve = (text: string): Stack => resolveProjectText(resolveProjectPaths('/project'), text).stack;
const manifest = (proxy: string): string =>
  `name: demo\ndomain: ai.example.com\n${proxy}services:\n  open-webui: {}\n  n8n: {}\n  flowise: {}\n  dify: {}\n  supabase: {}\n`;

function environmentOf(stack: Stack, id: string): Readonly<Record<string, string>> {
  const service = stack.services.find((candidate) => candidate.id === id);
  if (!service) throw new Error(`no ${id}`);
  return service.environment;
}

describe('public URLs with a non-default proxy.httpsPort', () => {
  const stack = resolve(manifest('proxy:\n  httpsPort: 8443\n'));

  it('routes carry the port in their URL, not in their host (nginx server_name)', () => {
    const chat = stack.services.find((service) => service.id === 'open-webui')?.route;
    expect(chat?.host).toBe('chat.ai.example.com');
    expect(chat?.url).toBe('https://chat.ai.example.com:8443/');
  });

  it('gives apps public URLs with the port (APP_URL, WEBUI_URL, N8N_EDITOR_BASE_URL, CONSOLE_WEB_URL, SITE_URL)', () => {
    expect(environmentOf(stack, 'open-webui').WEBUI_URL).toBe('https://chat.ai.example.com:8443');
    expect(environmentOf(stack, 'open-webui').CORS_ALLOW_ORIGIN).toBe('https://chat.ai.example.com:8443');
    expect(environmentOf(stack, 'flowise').APP_URL).toBe('https://flowise.ai.example.com:8443');
    expect(environmentOf(stack, 'n8n')).toMatchObject({
      N8N_HOST: 'n8n.ai.example.com',
      N8N_EDITOR_BASE_URL: 'https://n8n.ai.example.com:8443/',
      N8N_WEBHOOK_URL: 'https://n8n.ai.example.com:8443/',
    });
    expect(environmentOf(stack, 'dify').CONSOLE_WEB_URL).toBe('https://dify.ai.example.com:8443');
    expect(environmentOf(stack, 'dify-worker').CONSOLE_WEB_URL).toBe('https://dify.ai.example.com:8443');
    const supabaseUrls = Object.entries(environmentOf(stack, 'supabase-auth')).filter(([, value]) => value.startsWith('https://'));
    expect(supabaseUrls.length).toBeGreaterThan(0);
    for (const [name, value] of supabaseUrls) expect(value, name).toMatch(/^https:\/\/supabase\.ai\.example\.com:8443(\/|$)/);
  });

  it('prints URLs with the port in up and status', () => {
    const urls = Object.fromEntries(declaredServices(stack).map((service) => [service.id, service.url]));
    expect(urls['open-webui']).toBe('https://chat.ai.example.com:8443/');
    expect(urls.monitor).toBe('https://monitor.ai.example.com:8443/');
  });

  it('writes URLs with the port into STACK.md', () => {
    const doc = renderStack(stack).find((file) => file.path === 'STACK.md')?.content ?? '';
    expect(doc).toContain('https://chat.ai.example.com:8443/');
    expect(doc).not.toMatch(/https:\/\/chat\.ai\.example\.com\//);
  });

  it('forwards Host with the public port, so apps and the dashboard see the origin the browser uses', () => {
    const common = renderStack(stack).find((file) => file.path === 'proxy/snippets/proxy-common.conf')?.content ?? '';
    expect(common).toContain('proxy_set_header Host $host:8443;\n');
    expect(common).toContain('proxy_set_header X-Forwarded-Host $host:8443;\n');
  });

  it('leaves URLs and Host without a port on 443', () => {
    const standard = resolve(manifest(''));
    expect(standard.services.find((service) => service.id === 'open-webui')?.route?.url).toBe('https://chat.ai.example.com/');
    expect(environmentOf(standard, 'flowise').APP_URL).toBe('https://flowise.ai.example.com');
    const common = renderStack(standard).find((file) => file.path === 'proxy/snippets/proxy-common.conf')?.content ?? '';
    expect(common).toContain('proxy_set_header Host $host;\n');
    expect(common).toContain('proxy_set_header X-Forwarded-Host $host;\n');
  });
});
