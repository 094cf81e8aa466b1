import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../console/console-service.js';

/** Who made a console request, for the audit log. */
export function actorOf(request: FastifyRequest): Actor {
  return { user: request.session?.user ?? '', address: request.ip };
}
