// Builds the Electron main process (ESM, Node) and the sandboxed preload (one CommonJS file,
// since a sandboxed preload cannot load other files). Run once per target:
//   vite build -c vite.electron.config.ts --mode main
//   vite build -c vite.electron.config.ts --mode preload
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const outDir = 'out/electron';
// Everything else (zod, shared/) is bundled, so the packaged app needs no node_modules.
const nodeExternals = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  if (mode === 'preload') {
    return {
      publicDir: false,
      build: {
        outDir,
        emptyOutDir: false,
        target: 'chrome140',
        minify: false,
        sourcemap: false,
        lib: {
          entry: 'electron/preload.ts',
          formats: ['cjs'],
          fileName: () => 'preload.cjs',
        },
        rolldownOptions: { external: ['electron'] },
      },
    };
  }
  if (mode === 'main') {
    return {
      publicDir: false,
      ssr: { noExternal: true, external: ['electron'] },
      build: {
        outDir,
        emptyOutDir: false,
        target: 'node22',
        minify: false,
        sourcemap: true,
        ssr: 'electron/main.ts',
        rolldownOptions: {
          external: nodeExternals,
          output: { format: 'es', entryFileNames: 'main.js' },
        },
      },
    };
  }
  throw new Error(`vite.electron.config.ts: use --mode main or --mode preload, not "${mode}"`);
});
