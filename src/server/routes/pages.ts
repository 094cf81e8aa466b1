import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security-headers.js';

export interface PagesOptions {
  /** The web/ directory of the package. */
  readonly webRoot: string;
  /** Serve the configuration console's page at /console. @default false */
  readonly console?: boolean;
}

const htmlResponse = { response: { 200: { type: 'string' } } } as const;

/** Public: the login page and the assets it needs (stylesheet, login script, icon). */
export const publicPages: FastifyPluginAsync<PagesOptions> = async (app, { webRoot }) => {
  await app.register(fastifyStatic, {
    root: path.join(webRoot, 'assets'),
    prefix: '/assets/',
    index: false,
    list: false,
    dotfiles: 'deny',
    decorateReply: false,
  });
  const page = loadPage(path.join(webRoot, 'login.html'));
  app.get('/login', { schema: htmlResponse }, async (_request, reply) => sendPage(reply, await page()));
};

/** Protected: the dashboard page and its modules. Without a session, `/` redirects to /login. */
export const dashboardPages: FastifyPluginAsync<PagesOptions> = async (app, { webRoot, console: hasConsole = false }) => {
  await app.register(fastifyStatic, {
    root: path.join(webRoot, 'app'),
    prefix: '/app/',
    index: false,
    list: false,
    dotfiles: 'deny',
    decorateReply: false,
  });
  const page = loadPage(path.join(webRoot, 'index.html'));
  app.get('/', { schema: htmlResponse, config: { page: true } }, async (_request, reply) => sendPage(reply, await page()));
  if (hasConsole) {
    const consolePage = loadPage(path.join(webRoot, 'console.html'));
    // CodeMirror injects its generated styles as <style> elements: they carry a per-response nonce,
    // which the page's CSP names (no 'unsafe-inline'); scripts stay 'self' only.
    app.get('/console', { schema: htmlResponse, config: { page: true, adminOnly: true } }, async (_request, reply) => {
      const nonce = randomBytes(18).toString('base64');
      void reply.header(
        'content-security-policy',
        CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`),
      );
      return sendPage(reply, (await consolePage()).replace('__CSP_NONCE__', nonce));
    });
  }
};

/** Read an HTML file once, on first use. */
function loadPage(file: string): () => Promise<string> {
  let text: Promise<string> | undefined;
  return () => {
    text ??= readFile(file, 'utf8');
    return text;
  };
}

function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
