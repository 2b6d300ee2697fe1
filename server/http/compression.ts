// Compressed answers (@fastify/compress): gzip or brotli as the client's Accept-Encoding asks, for
// JSON API answers (pull pages, push answers…) and the built renderer's files. Answers below the
// threshold go as they are. The live stream is hijacked and bypasses this (docs/SYNC.md).
import { constants } from 'node:zlib';
import compress, { type FastifyCompressOptions } from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers smaller than this (bytes) are not compressed: the headers would cost more than it saves. */
export const COMPRESSION_THRESHOLD = 1024;

/**
 * Installs the compression hooks on `app` now, not when plugins load: the plugin attaches itself
 * to each route as the route is declared (an onRoute hook), and buildServer declares its routes
 * synchronously right after, before any `app.register` would have run. Call it before any route.
 */
export function registerCompression(app: FastifyInstance): void {
  const options: FastifyCompressOptions = {
    // Brotli first when the client takes both (Chromium does); no deflate, no zstd.
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD,
    // Quality 4 (the library's default): no slower than gzip in bench/wire-bytes.ts; 11 would stall
    // the server on every page.
    brotliOptions: {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 4,
      },
    },
    // Requests are never compressed by our clients: no decompression hook, so a small compressed
    // body cannot inflate into something the body limits were meant to keep out.
    globalDecompression: false,
    // The library's default types plus NDJSON (the first-download snapshot); never the SSE stream.
    customTypes:
      /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|\/x-ndjson(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|octet-stream(?:;|$)/u,
  };
  compress(app, options, (error) => {
    if (error) throw error;
  });
}
