// Builds the renderer into out/renderer with relative URLs, so the same files work under the
// Electron app:// protocol and under any static server at "/". No inline scripts, no eval (CSP).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

/**
 * Emits sw.js, the browser copy's service worker (renderer/offline/service-worker.ts), with the
 * list of this build's files to keep for an offline reload (source maps aside).
 */
function journalOffline(): Plugin {
  return {
    name: 'journal-offline',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map'))
        .sort();
      const source = readFileSync(
        new URL('./renderer/offline/service-worker.ts', import.meta.url),
        'utf8',
      );
      const js = ts
        .transpileModule(source, {
          compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
        })
        .outputText.replace(/^export \{\};\s*$/m, '');
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: js
          .replaceAll('__JOURNAL_PRECACHE__', JSON.stringify(files))
          .replaceAll('__JOURNAL_CACHE__', JSON.stringify(version)),
      });
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  plugins: [react(), journalOffline()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // An inlined module-preload polyfill would be an inline script; Chromium needs none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
