// The offline counter counts changes, not documents: 5 marks, a topic and homework in one lesson
// are 7 changes; a push the server accepted clears them.
import { describe, expect, it } from 'vitest';
import { changedStampParts, PendingChanges } from '../../../renderer/sync/pending-changes';

const doc = (stamps: Record<string, string>) => ({
  stamps: Object.fromEntries(Object.entries(stamps).map(([k, at]) => [k, { at, by: 'x' }])),
});

describe('pending changes', () => {
  it('counts the changed parts of one lesson', () => {
    const pending = new PendingChanges();
    let v = doc({ topic: '1' });
    const write = (part: string, at: string) => {
      const next = doc({
        ...Object.fromEntries(Object.entries(v.stamps).map(([k, s]) => [k, s.at])),
        [part]: at,
      });
      pending.noteWrite('lessons', ['l1'], new Map([['l1', changedStampParts(v, next)]]));
      v = next;
    };
    for (const [i, s] of ['s1', 's2', 's3', 's4', 's5'].entries()) write(`entries.${s}`, `2${i}`);
    write('topic', '30');
    write('homework', '31');
    write('topic', '32'); // the same topic typed on: still one change
    expect(pending.count).toBe(7);
    const snapshot = pending.beginPush('lessons', ['l1']);
    pending.acknowledge('lessons', snapshot);
    expect(pending.count).toBe(0);
  });

  it('a new document counts once', () => {
    const pending = new PendingChanges();
    pending.noteWrite(
      'lessons',
      ['l2'],
      new Map([['l2', changedStampParts(undefined, doc({ topic: '1', homework: '1' }))]]),
    );
    expect(pending.count).toBe(1);
  });
});
