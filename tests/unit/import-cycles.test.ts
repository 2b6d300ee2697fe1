// No import cycles anywhere in the product (madge over every source folder, type imports
// included): the domain registry and its rule files, the engine and its stores, the renderer's
// data layer and its screens, the documents and their PDF writer import each other one way only.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// madge ships no types: its export takes paths and options and resolves to the import graph.
type Madge = (paths: string[], options: object) => Promise<{ circular(): string[][] }>;
const madge = createRequire(import.meta.url)('madge') as Madge;

describe('imports', () => {
  it('form no cycle', { timeout: 180_000 }, async () => {
    const graph = await madge(['server', 'shared', 'renderer', 'electron', 'scripts', 'bench'], {
      fileExtensions: ['ts', 'tsx'],
    });
    expect(graph.circular()).toEqual([]);
  });
});
