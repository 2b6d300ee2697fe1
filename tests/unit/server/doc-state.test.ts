import { describe, expect, it } from 'vitest';
import { jsonEqual, toDocState, withoutDeleted } from '../../../server/sync/doc-state';
import { WriteQueue } from '../../../server/sync/write-queue';
import { CollectionRegistry } from '../../../server/sync/collections';

describe('document states', () => {
  it('compares JSON regardless of key order, treating undefined as absent', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, { d: 2 }] } }, { b: { c: [1, { d: 2 }] }, a: 1 })).toBe(
      true,
    );
    expect(jsonEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: null }, { a: 0 })).toBe(false);
    expect(jsonEqual({ a: {} }, { a: [] })).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });

  it('strips RxDB metadata and normalizes _deleted', () => {
    const state = toDocState({ id: 'x', _rev: '1-a', _meta: { lwt: 1 }, _attachments: {}, v: 2 });
    expect(state).toEqual({ id: 'x', v: 2, _deleted: false });
    expect(withoutDeleted({ ...state, _deleted: true })).toEqual({ id: 'x', v: 2 });
  });
});

describe('write queue', () => {
  it('runs tasks one at a time in order, surviving failures', async () => {
    const queue = new WriteQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      queue.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 20), task('b', 1, true), task('c', 5)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('collection registry', () => {
  it('refuses bad and duplicate names', () => {
    const descriptor = {
      name: 'lessons',
      primaryKey: 'id',
      validate: (d: unknown) => d as Record<string, unknown>,
      canRead: () => true,
      canWrite: () => true as const,
    };
    const registry = new CollectionRegistry([descriptor]);
    expect(registry.names()).toEqual(['lessons']);
    expect(() => registry.register(descriptor)).toThrow(/twice/);
    expect(() => registry.register({ ...descriptor, name: '../x' })).toThrow(/Invalid/);
  });
});
