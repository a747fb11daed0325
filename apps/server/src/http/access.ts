// Who is calling and what they may do. Every /api route declares its access; one hook enforces it before
// a byte of the body is read (preParsing), so callers without rights neither make the server buffer an upload
// nor learn anything from validation errors.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, hasRole, type ActionContext, type ApiKey, type Role, type Session, type User } from '@rostra/core';
import type { Store } from '@rostra/store';
import type { AccountsService } from '../accounts/service.js';
import { looksLikeApiKey, safeEqual } from '../accounts/credentials.js';

export type Access =
  /** Anyone; a logged-in caller is still recognised (e.g. accepting an invitation). */
  | { kind: 'public' }
  /** A logged-in person (cookie session); API keys belong to a workspace and are refused here. */
  | { kind: 'user' }
  /** A member of the workspace in the `:workspaceId` parameter, with at least `role`. */
  | { kind: 'workspace'; role: Role };

export type Principal = { kind: 'session'; user: User; session: Session } | { kind: 'api_key'; key: ApiKey };

export interface WorkspaceAccess {
  id: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    workspace: WorkspaceAccess | null;
  }
}

export const SESSION_COOKIE = 'rostra_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isWriteMethod(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

async function identify(request: FastifyRequest, accounts: AccountsService): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, secret] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !secret || !looksLikeApiKey(secret)) {
      throw new AppError('unauthenticated', 'Authorization must be "Bearer <API key>"');
    }
    const key = await accounts.resolveApiKey(secret);
    if (!key) throw new AppError('unauthenticated', 'This API key is unknown or revoked');
    return { kind: 'api_key', key };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const found = await accounts.resolveSession(token);
  return found ? { kind: 'session', ...found } : null;
}

export function registerAccessControl(app: FastifyInstance, deps: { store: Store; accounts: AccountsService }): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('workspace', null);

  // An answer sent before the body arrived (refused caller, declared size over the limit): Node would keep
  // the connection and read the rest of the body to discard it, so a refused 100 MB upload would still be
  // received in full. Closing the connection stops it at what was already sent.
  app.addHook('onSend', async (request, reply) => {
    if (request.raw.complete === false) void reply.header('connection', 'close');
  });

  app.addHook('preParsing', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const principal = await identify(request, deps.accounts);
    request.principal = principal;

    // Cookies ride along with cross-site requests; a header only our own pages can read stops forgery.
    if (principal?.kind === 'session' && isWriteMethod(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, principal.session.csrfToken)) {
        throw new AppError('csrf_failed', `Missing or wrong ${CSRF_HEADER} header`);
      }
    }

    if (access.kind === 'public') return;
    if (!principal) throw new AppError('unauthenticated', 'Log in or send an API key');
    if (access.kind === 'user') {
      if (principal.kind !== 'session')
        throw new AppError('forbidden', 'This route is for logged-in users, not API keys');
      return;
    }

    const workspaceId = (request.params as Record<string, string | undefined>).workspaceId;
    if (!workspaceId) throw new Error(`Route ${request.routeOptions.url} has workspace access but no :workspaceId`);
    let role: Role;
    if (principal.kind === 'api_key') {
      // A key from another workspace sees nothing here: 404, as if the workspace did not exist.
      if (principal.key.workspaceId !== workspaceId) throw new AppError('not_found', 'Workspace not found');
      role = principal.key.role;
    } else {
      const membership = await deps.store.accounts.getMembership(workspaceId, principal.user.id);
      if (!membership) throw new AppError('not_found', 'Workspace not found');
      role = membership.role;
    }
    if (!hasRole(role, access.role)) {
      throw new AppError('forbidden', `This needs the ${access.role} role or higher; you are ${role}`);
    }
    request.workspace = { id: workspaceId, role };
  });
}

/** Who did it and from where, for the audit log. */
export function actionContext(request: FastifyRequest): ActionContext {
  const principal = request.principal;
  const actor: ActionContext['actor'] =
    principal?.kind === 'session'
      ? { type: 'user', id: principal.user.id, label: principal.user.email }
      : principal?.kind === 'api_key'
        ? { type: 'api_key', id: principal.key.id, label: principal.key.name }
        : { type: 'system', id: null, label: 'anonymous' };
  return { actor, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export function requireUser(request: FastifyRequest): { user: User; session: Session } {
  if (request.principal?.kind !== 'session') throw new AppError('unauthenticated', 'Log in first');
  return request.principal;
}

export function requireWorkspace(request: FastifyRequest): WorkspaceAccess {
  if (!request.workspace) throw new Error('requireWorkspace used on a route without workspace access');
  return request.workspace;
}
