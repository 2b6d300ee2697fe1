// Serves the built renderer (out/renderer/) at `/` with plain fs streams, SPA fallback to index.html.
import { createReadStream, statSync } from 'node:fs';
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

/** The built renderer of this checkout, whatever the working directory. */
export const DEFAULT_STATIC_DIR = path.resolve(import.meta.dirname, '../out/renderer');

/** Whether rootDir holds a built renderer. */
export function hasBuiltRenderer(rootDir: string): boolean {
  return isFile(path.join(path.resolve(rootDir), 'index.html'));
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="ru"><meta charset="utf-8"><title>Классный журнал</title>
<p>Страницы журнала на этом сервере ещё не собраны. Сервер работает, но открыть журнал в браузере
пока нельзя.</p><p>Администратору: выполните <code>npm run build:renderer</code> в папке журнала
и перезапустите сервер.</p></html>`;

/**
 * Registers GET /* for files under rootDir. Without a built renderer, `/` answers with a page that
 * says how to build it (and false is returned), so the address never gives a bare 404.
 */
export function registerStatic(app: FastifyInstance, rootDir: string): boolean {
  const root = path.resolve(rootDir);
  if (!hasBuiltRenderer(root)) {
    app.get('/', async (_request, reply) =>
      reply.code(503).header('Content-Type', 'text/html; charset=utf-8').send(NOT_BUILT_PAGE),
    );
    return false;
  }
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
    // The page and its service worker are asked again every time (a new build is seen at once);
    // the content-hashed assets may be kept.
    const always = file === index || file === path.join(root, 'sw.js');
    reply.header('Cache-Control', always ? 'no-cache' : 'public, max-age=3600');
    return reply.send(createReadStream(file));
  });
  return true;
}
