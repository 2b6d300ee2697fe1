// The one JSON body parser: before any route sees a body it must be valid UTF-8, nested no deeper
// than MAX_JSON_DEPTH, free of __proto__/constructor.prototype keys, and hold no NUL character or
// lone surrogate in any key or value. Anything else is a 400 with a Russian message, never a 500
// from deep inside the engine or from PostgreSQL.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from '../../shared/text-safety';
import { ApiError, messages } from '../errors';

/**
 * The deepest nesting accepted. A pushed lesson (array → row → document → entries → student →
 * marks → mark) is 7 levels; 32 leaves room for new documents and keeps every recursive walk of
 * a body (merge, validation, refusals) far from the stack limit.
 */
export const MAX_JSON_DEPTH = 32;

/** Depth of arrays/objects in JSON text, counted without parsing; stops early past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i += 1;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth -= 1;
  }
  return false;
}

/** The path of the first key or string value with a NUL or a lone surrogate, or null. */
export function findUnsafeText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasUnsafeText(value) ? path || '(значение)' : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnsafeText(value[i], path ? `${path}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (hasUnsafeText(key)) return here;
    const found = findUnsafeText(item, here);
    if (found !== null) return found;
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Replaces Fastify's JSON parser (and drops text/plain: every API body is JSON). */
export function registerJsonBodyParser(app: FastifyInstance): void {
  // Fastify's own parser keeps its proto-poisoning checks and its empty/invalid body errors.
  const defaultParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        done(new ApiError(400, 'INVALID_TEXT', messages.notUtf8));
        return;
      }
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
        done(new ApiError(400, 'INVALID_JSON', messages.tooDeep(MAX_JSON_DEPTH)));
        return;
      }
      defaultParser(request, text, (error, value) => {
        if (error) {
          done(error);
          return;
        }
        const where = findUnsafeText(value);
        if (where !== null) {
          done(new ApiError(400, 'INVALID_TEXT', UNSAFE_TEXT_MESSAGE, { path: where }));
          return;
        }
        done(null, value);
      });
    },
  );
}
