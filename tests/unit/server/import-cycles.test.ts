// No import cycles in the server (madge over server/ and what it imports): the domain registry
// and its rule files, the engine and its stores, import each other one way only.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// madge ships no types: its export takes paths and options and resolves to the import graph.
type Madge = (paths: string[], options: object) => Promise<{ circular(): string[][] }>;
const madge = createRequire(import.meta.url)('madge') as Madge;

describe('server imports', () => {
  it('form no cycle', { timeout: 120_000 }, async () => {
    const graph = await madge(['server'], { fileExtensions: ['ts'] });
    expect(graph.circular()).toEqual([]);
  });
});
