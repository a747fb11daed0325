// The session cookie: httpOnly (scripts cannot read it), SameSite=Lax, Secure when served over HTTPS.
import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../access.js';
import { SESSION_TTL_MS } from '../../accounts/service.js';

export function setSessionCookie(reply: FastifyReply, token: string, secureByConfig: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureByConfig || reply.request.protocol === 'https',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
