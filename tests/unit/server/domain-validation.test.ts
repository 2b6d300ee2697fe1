// Domain validation before any write (stamps only on real parts, never on identity fields, ids
// derived from identity) and the merge's deletion flag as a compare-and-set.
import { describe, expect, it } from 'vitest';
import { resolveParts } from '../../../server/domain/resolve-parts';
import { documentValidator, MAX_STAMPS } from '../../../server/domain/validate-document';
import type { DocState } from '../../../server/sync/collections';
import { generateSchool } from '../../../shared/demo';
import { encodeHlc } from '../../../shared/hlc';

const school = generateSchool({ students: 30, seed: 5 });
const lesson = school.lessons.find((l) => Object.keys(l.entries).length > 0)!;
const marks = school.periodMarks[0]!;
const at = (ms: number) => ({
  at: encodeHlc({ wallMs: ms, counter: 0, node: 't' }),
  by: 'staff-1',
});
const validateLesson = documentValidator('lessons');

describe('documentValidator', () => {
  it('strips stamps on identity fields and keeps the others', () => {
    const doc = {
      ...lesson,
      stamps: { ...lesson.stamps, courseId: at(1), slot: at(2), topic: at(3) },
    };
    const parsed = validateLesson(doc, null) as { stamps: Record<string, unknown> };
    expect(Object.keys(parsed.stamps)).not.toContain('courseId');
    expect(Object.keys(parsed.stamps)).not.toContain('slot');
    expect(parsed.stamps.topic).toEqual(at(3));
  });

  it('refuses a different identity value, stamped or not', () => {
    const before = { ...lesson, _deleted: false } as DocState;
    expect(() => validateLesson({ ...lesson, date: '2027-05-20' }, before)).toThrow(
      'Поле «date» задаётся при создании и не изменяется',
    );
    expect(() =>
      validateLesson({ ...lesson, courseId: 'crs-x', stamps: { courseId: at(9) } }, before),
    ).toThrow('Поле «courseId» задаётся при создании и не изменяется');
    expect(validateLesson({ ...lesson }, before)).toMatchObject({ id: lesson.id });
  });

  it('refuses stamps that name no part, and too many of them', () => {
    for (const path of ['nothing', 'topic.x', 'entries.bad key', 'stamps']) {
      expect(() => validateLesson({ ...lesson, stamps: { [path]: at(1) } }, null), path).toThrow(
        /не относится ни к одному полю/,
      );
    }
    const many = Object.fromEntries(
      Array.from({ length: MAX_STAMPS + 1 }, (_, i) => [`entries.st-${i}`, at(i)]),
    );
    expect(() => validateLesson({ ...lesson, stamps: many }, null)).toThrow(/Слишком много/);
  });

  it('refuses period marks and consents whose id is not derived from their identity', () => {
    const validate = documentValidator('periodMarks');
    expect(validate(marks, null)).toMatchObject({ id: marks.id });
    expect(() => validate({ ...marks, id: 'crs-other:per-x' }, null)).toThrow(
      'Идентификатор документа не соответствует его содержанию',
    );
  });
});

describe('resolveParts', () => {
  const live = { ...lesson, _deleted: false } as DocState;
  const dead = { ...lesson, _deleted: true } as DocState;

  it('changes the deletion flag only for a writer who saw the current one', () => {
    expect(resolveParts(live, dead, live)!.state._deleted).toBe(true);
    expect(resolveParts(live, dead, null)!.state._deleted).toBe(false);
    expect(resolveParts(dead, live, dead)!.state._deleted).toBe(false);
  });

  it('hands an edit of a document deleted meanwhile back instead of writing into it', () => {
    expect(resolveParts(dead, { ...live, topic: 'x' }, live)).toBeNull();
    expect(resolveParts(dead, live, null)).toBeNull();
  });
});
