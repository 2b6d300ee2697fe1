// Resolves `Authorization: Bearer <token>` to the calling user, or answers 401/403.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import { hasRole, type AuthUser, type Role } from './roles';
import { checkToken } from './sessions';

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

/** A preHandler: sets request.user or throws a 401 ApiError. */
export function authenticate(db: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = readBearer(request);
    if (!token) throw new ApiError(401, 'UNAUTHORIZED', messages.unauthorized);
    const check = await checkToken(db, token);
    if (!check.ok) {
      if (check.reason === 'disabled')
        throw new ApiError(401, 'ACCOUNT_DISABLED', messages.accountDisabled);
      if (check.reason === 'compromised')
        throw new ApiError(401, 'UNAUTHORIZED', messages.accountCompromised);
      if (check.reason === 'revoked')
        throw new ApiError(401, 'UNAUTHORIZED', messages.sessionRevoked);
      throw new ApiError(401, 'UNAUTHORIZED', messages.unauthorized);
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
