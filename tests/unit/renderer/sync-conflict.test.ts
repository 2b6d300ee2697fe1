// The desktop's conflict handler and pending-change bookkeeping: per-part merge with the server's
// master, equality that ignores RxDB metadata, adoption of refused pushes, newest stamp of a batch.
import { describe, expect, it } from 'vitest';
import {
  answerContains,
  createConflictHandler,
  docStateText,
  newestStamp,
} from '../../../renderer/sync/conflict';
import { PendingChanges } from '../../../renderer/sync/pending-changes';

const at = (ms: number, node = 'a') => `${String(ms).padStart(15, '0')}-00000-${node}`;

function lesson(entries: Record<string, [string, number, string]>) {
  const doc: Record<string, unknown> = {
    id: 'l1',
    courseId: 'c1',
    entries: {},
    stamps: {},
    _deleted: false,
  };
  for (const [student, [mark, ms, by]] of Object.entries(entries)) {
    (doc.entries as Record<string, unknown>)[student] = {
      marks: [{ value: mark }],
      attendance: null,
    };
    (doc.stamps as Record<string, unknown>)[`entries.${student}`] = { at: at(ms), by };
  }
  return doc;
}

const context = 'test' as never;

describe('conflict handler', () => {
  it('ignores RxDB metadata and key order when comparing', () => {
    const handler = createConflictHandler('id', new Map());
    const a = lesson({ s1: ['5', 1, 't'] });
    const b = { _rev: '2-x', _meta: { lwt: 1 }, ...lesson({ s1: ['5', 1, 't'] }) };
    expect(handler.isEqual(a as never, b as never, context)).toBe(true);
    expect(handler.isEqual(a as never, lesson({ s1: ['4', 2, 't'] }) as never, context)).toBe(
      false,
    );
  });

  it('merges per part: the master wins only where its stamp is newer', async () => {
    const handler = createConflictHandler('id', new Map());
    const master = lesson({ s1: ['3', 5, 'd'], s2: ['2', 1, 'd'] });
    const local = lesson({ s1: ['4', 3, 't'], s2: ['5', 9, 't'], s3: ['4', 9, 't'] });
    const resolved = (await handler.resolve(
      { realMasterState: master, newDocumentState: local } as never,
      context,
    )) as Record<string, Record<string, { marks: { value: string }[] }>>;
    expect(resolved.entries!.s1!.marks[0]!.value).toBe('3');
    expect(resolved.entries!.s2!.marks[0]!.value).toBe('5');
    expect(resolved.entries!.s3!.marks[0]!.value).toBe('4');
  });

  it('adopts the server state of a refused push instead of re-pushing forever', async () => {
    const refused = new Map<string, string>();
    const handler = createConflictHandler('id', refused);
    const master = lesson({ s1: ['3', 5, 'd'] });
    const pushed = lesson({ s1: ['4', 9, 't'] });
    expect(answerContains(master, pushed)).toBe(false);
    refused.set('l1', docStateText(master));
    const resolved = await handler.resolve(
      { realMasterState: master, newDocumentState: pushed } as never,
      context,
    );
    expect(docStateText(resolved as never)).toBe(docStateText(master));
    expect(refused.size).toBe(0);
  });

  it('recognizes an answer that already holds our parts (a server-side merge)', () => {
    const pushed = lesson({ s1: ['4', 9, 't'] });
    const merged = lesson({ s1: ['4', 9, 't'], s2: ['5', 3, 'd'] });
    expect(answerContains(merged, pushed)).toBe(true);
  });

  it('finds the newest stamp of a batch', () => {
    expect(newestStamp([lesson({ s1: ['4', 9, 't'] }), lesson({ s2: ['5', 12, 'd'] })])).toBe(
      at(12),
    );
    expect(newestStamp([{ id: 'x' }])).toBeNull();
  });
});

describe('pending changes', () => {
  it('counts documents until a push acknowledges them, unless written again meanwhile', () => {
    const pending = new PendingChanges();
    const counts: number[] = [];
    pending.onChange((n) => counts.push(n));
    pending.noteWrite('lessons', ['a', 'b']);
    expect(pending.count).toBe(2);
    const snapshot = pending.beginPush('lessons', ['a', 'b']);
    pending.noteWrite('lessons', ['b']); // typed again while the push was in flight
    pending.acknowledge('lessons', snapshot);
    expect(pending.count).toBe(1);
    pending.acknowledge('lessons', pending.beginPush('lessons', ['b']));
    expect(pending.count).toBe(0);
    expect(counts.at(-1)).toBe(0);
  });
});
