import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

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
    app.get('/console', { schema: htmlResponse, config: { page: true } }, async (_request, reply) => sendPage(reply, await consolePage()));
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
