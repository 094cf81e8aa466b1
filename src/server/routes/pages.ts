import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import path from 'node:path';

export interface PagesOptions {
  /** The web/ directory of the package. */
  readonly webRoot: string;
}

const htmlResponse = { response: { 200: { type: 'string' } } } as const;

/** Public: the login page and the assets it needs (stylesheet, login script, icon). */
export const publicPages: FastifyPluginAsync<PagesOptions> = async (app, { webRoot }) => {
  await app.register(fastifyStatic, { root: path.join(webRoot, 'assets'), prefix: '/assets/', index: false, list: false, dotfiles: 'deny' });
  app.get('/login', { schema: htmlResponse }, async (_request, reply) => reply.sendFile('login.html', webRoot));
};

/** Protected: the dashboard page and its modules. Without a session, `/` redirects to /login. */
export const dashboardPages: FastifyPluginAsync<PagesOptions> = async (app, { webRoot }) => {
  await app.register(fastifyStatic, { root: path.join(webRoot, 'app'), prefix: '/app/', index: false, list: false, dotfiles: 'deny', decorateReply: false });
  app.get('/', { schema: htmlResponse, config: { page: true } }, async (_request, reply) => reply.sendFile('index.html', webRoot));
};
