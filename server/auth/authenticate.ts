// Resolves `Authorization: Bearer <token>` to the calling user, or answers 401/403.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import { hasRole, type AuthUser, type Role } from './roles';
import { checkToken, type TokenCheck } from './sessions';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
    authToken?: string;
  }
}

export function readBearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Why a token no longer works, in Russian (also sent on a live stream that ends). */
export function tokenRefusalMessage(reason: Extract<TokenCheck, { ok: false }>['reason']): string {
  switch (reason) {
    case 'disabled':
      return messages.accountDisabled;
    case 'compromised':
      return messages.accountCompromised;
    case 'revoked':
      return messages.sessionRevoked;
    case 'expired':
      return messages.sessionExpired;
    default:
      return messages.unauthorized;
  }
}

/**
 * Sets request.user or throws a 401 ApiError. Used as an onRequest hook, so a request without a
 * valid token is refused before its body is even read.
 */
export function authenticate(db: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = readBearer(request);
    if (!token) throw new ApiError(401, 'UNAUTHORIZED', messages.unauthorized);
    const check = await checkToken(db, token);
    if (!check.ok) {
      const code = check.reason === 'disabled' ? 'ACCOUNT_DISABLED' : 'UNAUTHORIZED';
      throw new ApiError(401, code, tokenRefusalMessage(check.reason));
    }
    request.user = check.user;
    request.authToken = token;
  };
}

/** The user set by `authenticate`; a route without it is a programming error. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new ApiError(401, 'UNAUTHORIZED', messages.unauthorized);
  return request.user;
}

export function requireRole(request: FastifyRequest, role: Role): AuthUser {
  const user = requireUser(request);
  if (!hasRole(user, role)) throw new ApiError(403, 'FORBIDDEN', messages.forbidden);
  return user;
}
