// The caller of a workspace route, as the domain services see it (who, their role there, from where).
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../audit/caller.js';
import { actionContext, requireWorkspace } from '../access.js';

export function callerOf(request: FastifyRequest): Caller {
  return {
    userId: request.principal?.kind === 'session' ? request.principal.user.id : null,
    role: requireWorkspace(request).role,
    ctx: actionContext(request),
  };
}
