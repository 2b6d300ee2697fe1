// What a lesson holds, told in Russian, and the removal rule: only an empty lesson may be removed.
import { describe, expect, it } from 'vitest';
import {
  describeContents,
  lessonContents,
  lessonRemovalRefusal,
} from '../../shared/lesson-contents';

const mark = (value: '5' | '4') => ({ value, workTypeId: 'oral', comment: '' });
const lesson = (
  entries: Record<string, { attendance: string | null; marks: ReturnType<typeof mark>[] }>,
  topic = '',
  homework = '',
) => ({ entries, topic, homework }) as never;

describe('lesson contents', () => {
  it('counts marks and attendance codes, and sees a topic and homework', () => {
    const l = lesson(
      {
        a: { attendance: null, marks: [mark('5'), mark('4')] },
        b: { attendance: 'н', marks: [] },
        c: { attendance: null, marks: [mark('4')] },
        d: { attendance: null, marks: [] },
      },
      'Дроби',
      ' ',
    );
    expect(lessonContents(l)).toEqual({ marks: 3, attendance: 1, topic: true, homework: false });
    expect(describeContents(lessonContents(l))).toBe('3 отметки, 1 пропуск, тема');
  });

  it('declines the counts', () => {
    const c = { marks: 21, attendance: 5, topic: false, homework: true };
    expect(describeContents(c)).toBe('21 отметка, 5 пропусков, домашнее задание');
    expect(describeContents({ marks: 11, attendance: 0, topic: false, homework: false })).toBe(
      '11 отметок',
    );
  });

  it('an empty lesson may be removed; one with anything in it may not', () => {
    expect(lessonRemovalRefusal(lesson({ a: { attendance: null, marks: [] } }))).toBeNull();
    expect(lessonRemovalRefusal(lesson({ a: { attendance: null, marks: [mark('5')] } }))).toBe(
      'Урок нельзя удалить: в нём есть 1 отметка. Такой урок можно только отменить',
    );
    expect(lessonRemovalRefusal(lesson({}, '', 'упр. 5'))).toMatch(/домашнее задание/);
  });
});
