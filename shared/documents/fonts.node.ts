// Loads the document fonts (PT Sans, OFL) from node_modules for the CLI, tests and the benchmark.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DocumentFonts } from './source';

const require = createRequire(import.meta.url);

/** Absolute paths of the PT Sans TrueType files shipped by @expo-google-fonts/pt-sans. */
export function fontPaths(): { regular: string; bold: string; italic: string } {
  const resolve = (file: string) => require.resolve(`@expo-google-fonts/pt-sans/${file}`);
  return {
    regular: resolve('400Regular/PTSans_400Regular.ttf'),
    bold: resolve('700Bold/PTSans_700Bold.ttf'),
    italic: resolve('400Regular_Italic/PTSans_400Regular_Italic.ttf'),
  };
}

let cached: DocumentFonts | undefined;

/** The fonts as bytes, read once per process. */
export function loadDocumentFonts(): DocumentFonts {
  if (cached) return cached;
  const p = fontPaths();
  const read = (path: string) => new Uint8Array(readFileSync(path));
  cached = { regular: read(p.regular), bold: read(p.bold), italic: read(p.italic) };
  return cached;
}
