// Serves the built renderer (out/renderer/) at `/` with plain fs streams, SPA fallback to index.html.
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { mimeTypeForExtension } from '../shared/mime-types';
import { ApiError, messages } from './errors';

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Registers GET /* for files under rootDir; returns false (and registers nothing) if it is missing. */
export function registerStatic(app: FastifyInstance, rootDir: string): boolean {
  const root = path.resolve(rootDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) return false;
  const index = path.join(root, 'index.html');

  app.get('/*', async (request, reply) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    } catch {
      throw new ApiError(400, 'BAD_REQUEST', messages.badRequest);
    }
    if (pathname.startsWith('/api/')) throw new ApiError(404, 'NOT_FOUND', messages.notFound);
    const candidate = path.resolve(root, '.' + pathname);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) {
      throw new ApiError(404, 'NOT_FOUND', messages.notFound);
    }
    let file = candidate;
    if (!isFile(file)) {
      // Client-side routes (no extension) get the app; missing assets get a 404.
      if (path.extname(pathname) !== '' || !isFile(index)) {
        throw new ApiError(404, 'NOT_FOUND', messages.notFound);
      }
      file = index;
    }
    reply.header('Content-Type', mimeTypeForExtension(path.extname(file)));
    reply.header('Cache-Control', file === index ? 'no-cache' : 'public, max-age=3600');
    return reply.send(createReadStream(file));
  });
  return true;
}
