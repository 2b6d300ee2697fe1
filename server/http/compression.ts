// Compressed answers (@fastify/compress): gzip or brotli as the client's Accept-Encoding asks, for
// JSON API answers (pull pages, push answers…) and the built renderer's files. Answers below the
// threshold go as they are. The live stream is hijacked and bypasses this (docs/SYNC.md).
import { constants } from 'node:zlib';
import compress, { type FastifyCompressOptions } from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers smaller than this (bytes) are not compressed: the headers would cost more than it saves. */
export const COMPRESSION_THRESHOLD = 1024;

function compressionOptions(brotliQuality: number): FastifyCompressOptions {
  return {
    // Brotli first when the client takes both (Chromium does); no deflate, no zstd.
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD,
    brotliOptions: {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
      },
    },
    // Requests are never compressed by our clients: no decompression hook, so a small compressed
    // body cannot inflate into something the body limits were meant to keep out.
    globalDecompression: false,
    // The library's default types plus NDJSON (the first-download snapshot); never the SSE stream.
    customTypes:
      /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|\/x-ndjson(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|octet-stream(?:;|$)/u,
  };
}

/**
 * A route's `compress` option for the first-download snapshot: brotli quality 5 instead of 4.
 * A snapshot is sent once per desktop and is the largest answer there is (the deputy's lessons:
 * 74 MB of JSON); quality 5 makes it 22 % smaller (3.61 → 2.83 MB, ≈3 s less at 2 Mbit/s) for
 * 0.18 s more of one libuv thread (docs/PERFORMANCE.md), and an encoder holds less memory than
 * at 4 (2.5 against 4.6 MB per stream in Node), so many first downloads at once cost no more.
 */
export const SNAPSHOT_COMPRESSION = compressionOptions(5);

/**
 * Installs the compression hooks on `app` now, not when plugins load: the plugin attaches itself
 * to each route as the route is declared (an onRoute hook), and buildServer declares its routes
 * synchronously right after, before any `app.register` would have run. Call it before any route.
 */
export function registerCompression(app: FastifyInstance): void {
  // Quality 4 (the library's default): no slower than gzip in bench/wire-bytes.ts; 11 would stall
  // the server on every page.
  compress(app, compressionOptions(4), (error) => {
    if (error) throw error;
  });
}
