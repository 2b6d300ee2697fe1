// The year-end paper journal: title page with exact contents, every student's row of every course read back
// from the left pages against the lessons (recomputed here), the right pages' dates, topics and substitutes,
// lessons planned vs held, the summary sheet, the certification with the sheet count; the worker protocol.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildClassJournal,
  classSource,
  JournalWriter,
  renderJournal,
} from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import { numberWords, pluralRu } from '../../../shared/documents/number-words';
import { MARK_LABELS } from '../../../shared/grading-policy';
import type { Lesson } from '../../../shared/lesson';
import type { Snapshot } from '../../../shared/snapshot';
import { compareStudents } from '../../../shared/student';
import {
  assertHas,
  checkPdf,
  overlappingWords,
  pdfInfo,
  pdfText,
  savePdf,
  squash,
  testSchool,
  wordBoxes,
} from './helpers';

const ISSUED = '2027-05-31';
let school: Snapshot;
let classId: string;
let path: string;
let pages: string[];
let rawPages: string[];

const ru = (iso: string) => iso.split('-').reverse().join('.');
const PERIOD_TEXT: Record<string, string> = {
  '5': '5',
  '4': '4',
  '3': '3',
  '2': '2',
  '1': '1',
  pass: 'зач.',
  fail: 'незач.',
  notAttested: 'н/а',
  exempt: 'осв.',
};

beforeAll(async () => {
  school = testSchool().school;
  classId = school.classes.find((c) => c.name === '5А')!.id;
  // One lesson held by a substitute, so the right page must say so.
  const sub = school.lessons.find((l) => l.classId === classId && l.status === 'held')!;
  const course = school.courses.find((c) => c.id === sub.courseId)!;
  sub.teacherId = school.staff.find(
    (s) => s.id !== course.teacherId && s.roles.includes('teacher'),
  )!.id;
  const model = buildClassJournal(school, { classKey: '5А', issuedOn: ISSUED });
  path = savePdf(
    await renderJournal(
      {
        kind: 'journal',
        schoolShortName: school.school.shortName,
        yearName: '2026/2027',
        issuedOn: ISSUED,
        classes: [model],
      },
      loadDocumentFonts(),
    ),
    'journal',
  );
  pages = pdfText(path).split('\f').slice(0, -1);
  rawPages = pdfText(path, 'raw').split('\f').slice(0, -1);
});

/** Held lessons of a course in journal order (date, then slot). */
function heldLessons(courseId: string): Lesson[] {
  return school.lessons
    .filter((l) => l.courseId === courseId && l.status === 'held')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot));
}

/** What a cell of the paper journal says: the attendance code, then the marks, joined by "/". */
function expectedCell(l: Lesson, studentId: string): string {
  const e = l.entries[studentId];
  if (!e) return '';
  return [
    ...(e.attendance ? [e.attendance] : []),
    ...e.marks.map((m) => MARK_LABELS[m.value]),
  ].join('/');
}

function courseTitle(courseId: string): string {
  const c = school.courses.find((x) => x.id === courseId)!;
  const name = school.school.subjects.find((s) => s.id === c.subjectId)!.name;
  const group = c.groupId
    ? school.classes.find((k) => k.id === classId)!.groups.find((g) => g.id === c.groupId)!.name
    : null;
  return group ? `${name} — ${group}` : name;
}

describe('year-end journal of a class', () => {
  it('is a valid PDF/A-2b with numbered sheets and the sheet count certified on the last one', () => {
    checkPdf(path);
    const n = pdfInfo(path).pages;
    expect(pages).toHaveLength(n);
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`Лист ${i + 1}\\s*$`)));
    const last = squash(pages[n - 1]!);
    assertHas(last, 'Лист заверения');
    assertHas(
      last,
      `В журнале пронумеровано и прошнуровано ${n} (${numberWords(n)}) ${pluralRu(n, ['лист', 'листа', 'листов'])}.`,
    );
    assertHas(last, 'Директор');
    assertHas(last, 'М.П.');
    const [dl, df, dm] = school.school.directorName.split(' ') as [string, string, string];
    assertHas(last, `${dl} ${df[0]}. ${dm[0]}.`);
    expect(overlappingWords(wordBoxes(path, 1, 8))).toEqual([]);
  });

  it('the title page lists every course with the sheets it really starts and ends on', () => {
    const title = squash(pages[0]!);
    assertHas(title, 'КЛАССНЫЙ ЖУРНАЛ');
    assertHas(title, '5А класса');
    assertHas(title, 'на 2026/2027 учебный год');
    const cls = school.classes.find((c) => c.id === classId)!;
    const ct = school.staff.find((s) => s.id === cls.classTeacherId)!;
    assertHas(title, `Классный руководитель: ${ct.lastName} ${ct.firstName} ${ct.middleName}`);
    const courses = school.courses.filter((c) => c.classId === classId);
    const lines = pdfText(path).split('\f')[0]!.split('\n');
    for (const c of courses) {
      const title = courseTitle(c.id);
      const line = lines.find(
        (l) => squash(l).includes(squash(title)) && /\d+(–\d+)?\s*$/.test(l),
      )!;
      expect(line, title).toBeTruthy();
      const [, from, to] = /(\d+)(?:–(\d+))?\s*$/.exec(line)!;
      const first = Number(from);
      const last = Number(to ?? from);
      // The course's first sheet is its first left page; its last sheet is still the course.
      expect(squash(pages[first - 1]!)).toContain(squash(`${title} · 5А класс`));
      expect(pages[first - 1]).toContain('Отметки и посещаемость');
      expect(squash(pages[last - 1]!)).toContain(squash(`${title} · 5А класс`));
      expect(squash(pages[last]!)).not.toContain(squash(`${title} · 5А класс`));
    }
  });

  it('left pages: each student row of each course holds exactly the marks, absences and period marks', () => {
    const courses = school.courses.filter((c) => c.classId === classId);
    const periods = school.periods
      .filter((p) => p.scheme === 'quarters')
      .sort((a, b) => a.number - b.number);
    const yearP = school.periods.find((p) => p.kind === 'year')!;
    let checkedRows = 0;
    for (const course of courses) {
      const title = squash(`${courseTitle(course.id)} · 5А класс`);
      const left = pages.filter(
        (p) => squash(p).includes(title) && p.includes('Отметки и посещаемость'),
      );
      const lessons = heldLessons(course.id);
      const cls = school.classes.find((c) => c.id === classId)!;
      const group = course.groupId ? cls.groups.find((g) => g.id === course.groupId) : undefined;
      const students = school.students
        .filter(
          (s) =>
            s.classId === classId &&
            s.status === 'active' &&
            (!group || group.studentIds.includes(s.id)),
        )
        .sort(compareStudents);
      const markOf = (periodId: string, sid: string) => {
        const e = school.periodMarks.find(
          (m) => m.courseId === course.id && m.periodId === periodId,
        )?.marks[sid];
        return e?.value ? PERIOD_TEXT[e.value]! : e?.deferral ? 'отср.' : '';
      };
      students.forEach((st, i) => {
        const name = `${st.lastName} ${st.firstName} ${st.middleName}`.trim();
        if (name.length > 40) return; // a wrapped name splits its row over two text lines
        // Expected: every lesson's cell in order, each quarter's mark after its last lesson, then the year.
        const expected: string[] = [];
        let next = 0;
        for (const p of periods) {
          while (next < lessons.length && lessons[next]!.date <= p.end)
            expected.push(expectedCell(lessons[next++]!, st.id));
          if (course.assessment !== 'none') expected.push(markOf(p.id, st.id));
        }
        while (next < lessons.length) expected.push(expectedCell(lessons[next++]!, st.id));
        if (course.assessment !== 'none') expected.push(markOf(yearP.id, st.id));
        // Printed: the rows of this student on every left page, without the number and the name.
        const printed = left
          .map((p) => p.split('\n').find((l) => squash(l).startsWith(squash(`${i + 1} ${name}`)))!)
          .map((l) => squash(l).slice(squash(`${i + 1} ${name}`).length))
          .join('');
        expect(printed, `${course.id} ${name}`).toBe(squash(expected.join('')));
        checkedRows++;
      });
    }
    expect(checkedRows).toBeGreaterThan(200);
  });

  it('right pages: every lesson numbered with its date, topic and who held it (substitutes marked)', () => {
    const courses = school.courses.filter((c) => c.classId === classId);
    for (const course of courses) {
      const title = squash(`${courseTitle(course.id)} · 5А класс`);
      const right = rawPages.filter(
        (p, i) => squash(p).includes(title) && pages[i]!.includes('Темы уроков и домашние задания'),
      );
      const flat = squash(right.join(''));
      const lessons = heldLessons(course.id);
      lessons.forEach((l, n) => {
        const staff = school.staff.find((s) => s.id === l.teacherId)!;
        const who = `${staff.lastName} ${staff.firstName[0]}. ${staff.middleName[0]}.`;
        expect(flat, `${course.id} #${n + 1}`).toContain(
          squash(`${n + 1} ${ru(l.date)} ${l.topic}`),
        );
        if (l.teacherId !== course.teacherId) expect(flat).toContain(squash(`${who} (замена)`));
      });
    }
    expect(squash(pages.join(''))).toContain(squash('(замена)'));
  });

  it('lessons planned by the curriculum against those held, per quarter and for the year', () => {
    const all = squash(pages.join(''));
    const quarters = school.periods.filter((p) => p.scheme === 'quarters');
    for (const course of school.courses.filter((c) => c.classId === classId)) {
      const lessons = heldLessons(course.id);
      for (const p of quarters) {
        const planned = course.plannedByPeriod[p.id] ?? course.plannedYear;
        const held = lessons.filter((l) => l.date >= p.start && l.date <= p.end).length;
        assertHas(all, `${p.name} ${planned} ${held} ${Math.max(0, planned - held)}`);
      }
      assertHas(
        all,
        `За год ${course.plannedYear} ${lessons.length} ${Math.max(0, course.plannedYear - lessons.length)}`,
      );
    }
    assertHas(all, 'Учёт проведённых уроков');
  });

  it('holds the year summary sheet of the class', () => {
    assertHas(
      squash(pages.join('')),
      'Сводная ведомость учёта успеваемости обучающихся 5А класса за 2026/2027 учебный год',
    );
  });
});

describe('year-end journal of several classes', () => {
  it('one PDF, each class numbered from sheet 1 and certified with its own count', async () => {
    const writer = new JournalWriter(loadDocumentFonts(), {
      schoolShortName: school.school.shortName,
      yearName: '2026/2027',
      classes: 'все классы',
    });
    // Three courses of each class keep the file small; the numbering is what is checked here.
    const small = (id: string) => {
      const source = classSource(school, id);
      const courses = source.courses.slice(0, 3);
      const ids = new Set(courses.map((c) => c.id));
      return { ...source, courses, lessons: source.lessons.filter((l) => ids.has(l.courseId)) };
    };
    const counts = school.classes.map((c) =>
      writer.addClass(buildClassJournal(small(c.id), { classKey: c.id, issuedOn: ISSUED })),
    );
    const file = savePdf(await writer.finish(), 'journal-school');
    checkPdf(file);
    const all = pdfText(file).split('\f').slice(0, -1);
    expect(all).toHaveLength(counts.reduce((a, b) => a + b, 0));
    let start = 0;
    for (const n of counts) {
      expect(all[start]).toContain('КЛАССНЫЙ ЖУРНАЛ');
      expect(all[start]).toMatch(/Лист 1\s*$/);
      expect(squash(all[start + n - 1]!)).toContain(
        squash(`прошнуровано ${n} (${numberWords(n)}) ${pluralRu(n, ['лист', 'листа', 'листов'])}`),
      );
      start += n;
    }
  });

  it('the PDF worker builds it class by class from the messages the page sends', async () => {
    const posted: {
      id: number;
      ok: boolean;
      bytes?: Uint8Array;
      sheets?: number;
      message?: string;
    }[] = [];
    const fake = {
      onmessage: null as null | ((e: { data: unknown }) => Promise<void>),
      postMessage: (m: never) => posted.push(m),
    };
    (globalThis as unknown as { self: typeof fake }).self = fake;
    await import('../../../renderer/print/pdf.worker');
    const send = (data: unknown) => fake.onmessage!({ data });
    const fonts = loadDocumentFonts();
    await send({
      id: 1,
      type: 'journal-begin',
      meta: { schoolShortName: 'Ш', yearName: '2026/2027', classes: '5А' },
      fonts,
    });
    await send({
      id: 2,
      type: 'journal-class',
      journal: 1,
      source: classSource(school, classId),
      classId,
      issuedOn: ISSUED,
    });
    await send({ id: 3, type: 'journal-end', journal: 1 });
    await send({
      id: 4,
      type: 'journal-class',
      journal: 1,
      source: classSource(school, classId),
      classId,
      issuedOn: ISSUED,
    });
    expect(posted.map((p) => [p.id, p.ok])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    const file = savePdf(posted[2]!.bytes!, 'journal-worker');
    checkPdf(file);
    expect(pdfInfo(file).pages).toBe(posted[1]!.sheets);
    expect(posted[3]!.message).toContain('Печать журнала прервана');
  });
});

describe('numbers in words', () => {
  it('writes sheet counts the way a certification line needs them', () => {
    expect([1, 2, 5, 11, 21, 40, 112, 248, 1000, 2011].map(numberWords)).toEqual([
      'один',
      'два',
      'пять',
      'одиннадцать',
      'двадцать один',
      'сорок',
      'сто двенадцать',
      'двести сорок восемь',
      'одна тысяча',
      'две тысячи одиннадцать',
    ]);
    expect(
      [1, 2, 5, 11, 21, 112, 1004].map((n) => pluralRu(n, ['лист', 'листа', 'листов'])),
    ).toEqual(['лист', 'листа', 'листов', 'листов', 'лист', 'листов', 'листа']);
  });
});
