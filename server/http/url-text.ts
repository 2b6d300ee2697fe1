// The URL's share of hostile text: a NUL or a lone surrogate in a path parameter (an id, a login)
// or a query value never reaches a route. Checked first of all, in onRequest.
import type { FastifyInstance } from 'fastify';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from '../../shared/text-safety';
import { ApiError } from '../errors';

function unsafeValue(value: unknown): boolean {
  if (typeof value === 'string') return hasUnsafeText(value);
  if (Array.isArray(value)) return value.some(unsafeValue);
  return false;
}

/** Name of the first parameter or query key/value holding unsafe text, or null. */
export function findUnsafeUrlText(params: unknown, query: unknown): string | null {
  for (const source of [params, query]) {
    if (!source || typeof source !== 'object') continue;
    for (const [key, value] of Object.entries(source)) {
      if (hasUnsafeText(key) || unsafeValue(value)) return key;
    }
  }
  return null;
}

export function registerUrlTextCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const where = findUnsafeUrlText(request.params, request.query);
    if (where !== null) {
      throw new ApiError(400, 'INVALID_TEXT', UNSAFE_TEXT_MESSAGE, { path: where });
    }
  });
}
