// The revert rules of a compromise marking, per part, on hand-made audit rows.
import { describe, expect, it } from 'vitest';
import { planDocument, type AuditRow } from '../../../server/compromise/plan';

let seq = 0;
function row(
  who: 'bad' | 'good' | 'revert',
  parts: [path: string, before: unknown, after: unknown][],
  created = false,
): AuditRow {
  seq += 1;
  const after = {
    id: 'd',
    stamps: Object.fromEntries(parts.map(([p]) => [p, { at: 'x', by: 'y' }])),
    _deleted: false,
  };
  return {
    seq,
    at: null,
    kind: who === 'revert' ? 'revert' : 'write',
    login: who === 'good' ? 'deputy' : 'teacher',
    name: null,
    deviceId: null,
    deviceName: null,
    before: created ? null : { id: 'd', stamps: {}, _deleted: false },
    after,
    parts: created ? null : parts.map(([path, before, value]) => ({ path, before, after: value })),
    compromised: who === 'bad',
  };
}

describe('planDocument', () => {
  it('restores the value before the compromised run, keeps later edits by others', () => {
    const plan = planDocument([
      row('bad', [
        ['topic', 'A', 'B'],
        ['entries.s1', 3, 5],
      ]),
      row('good', [['entries.s1', 5, 4]]),
      row('bad', [
        ['topic', 'B', 'C'],
        ['entries.s2', null, 2],
      ]),
    ]);
    expect(plan.reverts.map((r) => [r.path, r.restore.value, r.writes.length])).toEqual([
      ['entries.s2', null, 1],
      ['topic', 'A', 2],
    ]);
    expect(plan.kept.map((k) => [k.path, k.keptValue, k.by.login])).toEqual([
      ['entries.s1', 4, 'deputy'],
    ]);
    expect(plan.createdBy).toBeNull();
  });

  it('restores a colleague value written between two compromised writes', () => {
    const plan = planDocument([
      row('bad', [['entries.s3', null, 2]]),
      row('good', [['entries.s3', 2, 3]]),
      row('bad', [['entries.s3', 3, 1]]),
    ]);
    expect(plan.reverts).toMatchObject([
      { path: 'entries.s3', restore: { value: 3, created: false } },
    ]);
    expect(plan.kept).toHaveLength(1);
  });

  it('recognizes parts already reverted by an earlier marking', () => {
    const plan = planDocument([
      row('bad', [['topic', 'A', 'B']]),
      row('revert', [['topic', 'B', 'A']]),
    ]);
    expect(plan.reverts).toEqual([]);
    expect(plan.alreadyUndone).toBe(1);
  });

  it('marks documents created with the account', () => {
    const plan = planDocument([row('bad', [['status', undefined, 'held']], true)]);
    expect(plan.createdBy?.seq).toBeGreaterThan(0);
    expect(plan.reverts).toMatchObject([{ path: 'status', restore: { created: true } }]);
  });
});
