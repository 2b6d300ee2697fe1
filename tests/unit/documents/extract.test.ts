// Diary extracts: each student from a new page, marks with dates and work types, the truncated average and
// the forecast of the period the dates fall in (computed here independently), as of the date of issue,
// the legend, the stamp's place and number, signatures never alone on a page, topics capped.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveChannel } from '../../../shared/consent';
import { buildExtractModel, renderExtract } from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import type { Lesson } from '../../../shared/lesson';
import type { Snapshot } from '../../../shared/snapshot';
import {
  assertHas,
  checkPdf,
  hlcOf,
  LONG_TOPIC,
  overlappingWords,
  pdfInfo,
  pdfText,
  savePdf,
  squash,
  testSchool,
  withoutFurniture,
  wordBoxes,
} from './helpers';

let school: Snapshot;
let issuedOn: string;
let longStudentId: string;
let classId: string;

beforeAll(() => {
  ({ school, issuedOn, longStudentId } = testSchool());
  classId = school.classes.find((c) => c.name === '5А')!.id;
});

/** The end of a day in local time, as the stamps are compared (independent of the code's helper). */
const endOfDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
};
const wall = (at: string) => Number(at.split('-')[0]);

/**
 * The forecast by the rules of DOMAIN.md, written out here: the weighted average of the numeric marks
 * of held lessons in the period up to the date, truncated to hundredths; н/а with fewer marks than the
 * minimum or more than half the lessons missed; 5/4/3 from 4.5/3.5/2.5.
 */
function expectedForecast(
  lessons: readonly Lesson[],
  studentId: string,
  minMarks: number,
): { value: string; average: number | null; exact: number | null } {
  const weights: Record<string, number> = {};
  for (const w of school.school.policy.workTypes) weights[w.id] = w.weight;
  const points: Record<string, number> = { '5': 5, '4': 4, '3': 3, '2': 2, '1': 1 };
  let sum = 0;
  let weight = 0;
  let count = 0;
  let missed = 0;
  const absent = new Set(
    school.school.attendanceCodes.filter((c) => c.reason !== 'late').map((c) => c.code),
  );
  for (const l of lessons) {
    const e = l.entries[studentId];
    if (e?.attendance && absent.has(e.attendance)) missed++;
    for (const m of e?.marks ?? []) {
      const p = points[m.value];
      if (p === undefined) continue;
      const w = weights[m.workTypeId] ?? 1;
      sum += p * w * 100;
      weight += w * 100;
      count++;
    }
  }
  if (count < minMarks || missed / Math.max(1, lessons.length) > 0.5)
    return { value: 'н/а', average: null, exact: null };
  const avg = Math.floor((sum * 100) / weight) / 100;
  const exact = sum / weight;
  const value = exact >= 4.5 ? '5' : exact >= 3.5 ? '4' : exact >= 2.5 ? '3' : '2';
  return { value, average: avg, exact };
}

describe('diary extracts', () => {
  it('a whole class: PDF/A-2b, every student from a new page, marks, averages, absences, number, М.П.', async () => {
    const model = buildExtractModel(school, { classKey: '5А', issuedOn });
    expect(model.students.length).toBeGreaterThanOrEqual(30);
    const path = savePdf(await renderExtract(model, loadDocumentFonts()), 'extract');
    checkPdf(path);
    const info = pdfInfo(path);
    expect(info.pages).toBeGreaterThanOrEqual(model.students.length);
    const flat = squash(pdfText(path, 'raw'));
    assertHas(flat, 'ИЗ ЭЛЕКТРОННОГО ЖУРНАЛА');
    assertHas(flat, school.school.fullName);
    assertHas(flat, 'Дата выдачи: 10.12.2026');
    model.students.forEach((s, i) => {
      assertHas(flat, `ВЫПИСКА № 5А-${i + 1}`);
      assertHas(flat, `${s.studentName}, 5А класс`);
      assertHas(
        flat,
        `Пропущено уроков: ${s.absences.lessonsMissed}, из них по болезни — ${s.absences.byReason.illness}`,
      );
      for (const sub of s.subjects) {
        for (const m of sub.marks) assertHas(flat, `${m.date}: ${m.value} (${m.workType})`);
        assertHas(flat, sub.average);
      }
    });
    const text = pdfText(path);
    expect(text.match(/М\.П\./g)?.length).toBe(model.students.length);
    // Each student's pages start a new section: "Стр. 1 из" appears once per student.
    expect(text.match(/Стр\. 1 из \d+/g) ?? []).toHaveLength(model.students.length);
    expect(overlappingWords(wordBoxes(path, 1, 6))).toEqual([]);
  });

  it('the average is truncated, not rounded, and the legend says how both numbers are computed', () => {
    const model = buildExtractModel(school, { classKey: '5А', issuedOn });
    const period = school.periods.find(
      (p) => p.id === 'q2' || (p.kind === 'quarter' && p.number === 2),
    )!;
    const lessons = school.lessons.filter(
      (l) =>
        l.classId === classId &&
        l.status === 'held' &&
        l.date >= period.start &&
        l.date <= issuedOn,
    );
    let checked = 0;
    let truncated = 0;
    for (const s of model.students) {
      for (const sub of s.subjects) {
        const course = school.courses.find(
          (c) =>
            c.classId === classId &&
            school.school.subjects.find((x) => x.id === c.subjectId)?.name === sub.name &&
            (c.groupId === null ||
              school.classes
                .find((k) => k.id === classId)!
                .groups.find((g) => g.id === c.groupId)
                ?.studentIds.includes(s.studentId)),
        );
        if (!course || course.assessment !== 'marks') continue;
        const own = lessons.filter((l) => l.courseId === course.id);
        const expected = expectedForecast(own, s.studentId, 3);
        if (expected.average === null) continue;
        expect(sub.average).toBe(expected.average.toFixed(2).replace('.', ','));
        if (!sub.result.includes('выставлена'))
          expect(sub.result).toBe(`прогноз: ${expected.value}`);
        checked++;
        // Where rounding would print another number than truncating.
        if (Math.round(expected.exact! * 100) !== Math.floor(expected.exact! * 100)) truncated++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    const legend = model.students[0]!.legend.join(' ');
    expect(legend).toContain('усекается до сотых: 4,5556 печатается как 4,55');
    expect(legend).toContain('«5» при среднем балле от 4,5, «4» — от 3,5, «3» — от 2,5');
    expect(legend).toContain('«н/а» — если отметок меньше 3 или пропущено больше 50 % уроков');
    expect(legend).toMatch(/к\/р — 3/);
    expect(truncated).toBeGreaterThan(10);
  });

  it('a date range: the marks of the range, the forecast of the period it falls in', async () => {
    const from = '2026-12-01';
    const to = '2026-12-10';
    const model = buildExtractModel(school, { classKey: '5А', issuedOn, from, to });
    const q2 = school.periods.find((p) => p.kind === 'quarter' && p.number === 2)!;
    expect(model.students[0]!.periodLabel).toBe('с 01.12.2026 по 10.12.2026');
    expect(model.students[0]!.forecastLabel).toBe(
      `${q2.name} (${q2.start.split('-').reverse().join('.')} – ${q2.end.split('-').reverse().join('.')})`,
    );
    let compared = 0;
    for (const s of model.students) {
      for (const sub of s.subjects) {
        for (const m of sub.marks) {
          const [d, mo] = m.date.split('.');
          expect(`2026-${mo}-${d}` >= from && `2026-${mo}-${d}` <= to).toBe(true);
        }
        const course = school.courses.find(
          (c) =>
            c.classId === classId &&
            c.groupId === null &&
            school.school.subjects.find((x) => x.id === c.subjectId)?.name === sub.name,
        );
        if (!course || course.assessment !== 'marks') continue;
        const periodLessons = school.lessons.filter(
          (l) =>
            l.courseId === course.id && l.status === 'held' && l.date >= q2.start && l.date <= to,
        );
        const expected = expectedForecast(periodLessons, s.studentId, 3);
        expect(sub.result).toBe(
          expected.value === 'н/а' ? 'прогноз: н/а' : `прогноз: ${expected.value}`,
        );
        if (expected.value !== 'н/а')
          expect(sub.explanation).toMatch(/^II четверть: Средний взвешенный балл/);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    // The range's one or two marks alone would give н/а; the period's marks give real forecasts.
    const results = model.students.flatMap((s) => s.subjects.map((x) => x.result));
    expect(results.filter((r) => /прогноз: [345]/.test(r)).length).toBeGreaterThan(
      results.filter((r) => r === 'прогноз: н/а').length,
    );
    const path = savePdf(await renderExtract(model, loadDocumentFonts()), 'extract-range');
    checkPdf(path);
    assertHas(squash(pdfText(path)), 'Отметка за период и прогноз: II четверть');
  });

  it('as of a date: period marks, marks and topics written after that day are left out', () => {
    const q1 = school.periods.find((p) => p.kind === 'quarter' && p.number === 1)!;
    const docs = school.periodMarks.filter((pm) => pm.classId === classId && pm.periodId === q1.id);
    const setAt = Math.min(...docs.flatMap((d) => Object.values(d.stamps).map((s) => wall(s.at))));
    const before = new Date(setAt - 86_400_000).toISOString().slice(0, 10);
    const after = new Date(setAt + 3 * 86_400_000).toISOString().slice(0, 10);
    const early = buildExtractModel(school, { classKey: '5А', periodId: q1.id, issuedOn: before });
    const late = buildExtractModel(school, { classKey: '5А', periodId: q1.id, issuedOn: after });
    const set = (m: typeof early) =>
      m.students.flatMap((s) => s.subjects.filter((x) => x.result.includes('выставлена')));
    expect(set(early)).toHaveLength(0);
    // Independently: entries stamped before the end of `after`, with a value.
    const expectedSet = docs.reduce(
      (n, d) =>
        n +
        Object.entries(d.marks).filter(
          ([sid, e]) =>
            e.value !== null &&
            wall(d.stamps[`marks.${sid}`]!.at) < endOfDay(after) &&
            late.students.some((s) => s.studentId === sid),
        ).length,
      0,
    );
    expect(expectedSet).toBeGreaterThan(20);
    expect(set(late)).toHaveLength(expectedSet);

    // A mark on 01.12 written on 15.12 is not in an extract as of 10.12.
    const s: Snapshot = structuredClone(school);
    const lesson = s.lessons.find(
      (l) =>
        l.classId === classId &&
        l.date === '2026-12-01' &&
        Object.values(l.entries).some((e) => e.marks.length > 0),
    )!;
    const [sid, entry] = Object.entries(lesson.entries).find(([, e]) => e.marks.length > 0)!;
    const subject = school.school.subjects.find(
      (x) => x.id === school.courses.find((c) => c.id === lesson.courseId)!.subjectId,
    )!.name;
    const marksOn = (m: ReturnType<typeof buildExtractModel>) =>
      m.students
        .find((x) => x.studentId === sid)!
        .subjects.find((x) => x.name === subject)!
        .marks.filter((x) => x.date === '01.12').length;
    expect(marksOn(buildExtractModel(s, { classKey: '5А', issuedOn, studentIds: [sid] }))).toBe(
      entry.marks.length,
    );
    lesson.stamps[`entries.${sid}`] = { at: hlcOf(Date.parse('2026-12-15T09:00:00Z')), by: 'x' };
    expect(marksOn(buildExtractModel(s, { classKey: '5А', issuedOn, studentIds: [sid] }))).toBe(0);
  });

  it('"only paper" selects the families who refused, withdrew or chose paper', () => {
    const model = buildExtractModel(school, { classKey: '5А', issuedOn, onlyPaper: true });
    const expected = school.students
      .filter(
        (s) =>
          s.classId === classId &&
          s.status === 'active' &&
          school.consents.some((c) => c.studentId === s.id && effectiveChannel(c) === 'paper'),
      )
      .map((s) => s.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(model.students.map((s) => s.studentId).sort()).toEqual(expected);
  });

  it('topics of the coming week are capped; in full only when asked; register numbers', async () => {
    const capped = buildExtractModel(school, {
      classKey: '5А',
      issuedOn,
      studentIds: [longStudentId],
      firstNumber: 125,
    });
    const s = capped.students[0]!;
    expect(s.number).toBe('125');
    expect(s.studentName).toHaveLength(60);
    const topic = s.upcoming.find((u) => u.topic.startsWith(LONG_TOPIC.slice(0, 100)))!;
    expect(topic.topic.length).toBeLessThanOrEqual(300);
    expect(topic.topic.endsWith('…')).toBe(true);
    expect(LONG_TOPIC.startsWith(topic.topic.slice(0, -1))).toBe(true);
    const path = savePdf(await renderExtract(capped, loadDocumentFonts()), 'extract-capped');
    checkPdf(path);
    // 2,000-character topics once made 23 pages per pupil.
    expect(pdfInfo(path).pages).toBeLessThanOrEqual(2);
    assertHas(squash(pdfText(path)), 'ВЫПИСКА № 125');

    const full = buildExtractModel(school, {
      classKey: '5А',
      issuedOn,
      studentIds: [longStudentId],
      fullTopics: true,
    });
    const fullPath = savePdf(await renderExtract(full, loadDocumentFonts()), 'extract-full');
    checkPdf(fullPath);
    const flat = squash(
      withoutFurniture(pdfText(fullPath, 'raw'), ['Дата Предмет Тема урока Домашнее задание']),
    );
    expect(LONG_TOPIC.length).toBe(2000);
    assertHas(flat, LONG_TOPIC);
    assertHas(flat, full.students[0]!.studentName);
  });

  it('no page of a batch holds only the signatures', async () => {
    // One pupil printed 30 times, the week one lesson longer each time: the table's end sweeps down
    // the page and over the page break, through every place the signatures could fall.
    const base = buildExtractModel(school, {
      classKey: '5А',
      issuedOn,
      studentIds: [longStudentId],
    });
    const pupil = base.students[0]!;
    const week = Array.from({ length: 30 }, (_, i) => ({
      date: `${11 + (i % 6)}.12.2026`,
      subject: pupil.subjects[i % pupil.subjects.length]!.name,
      topic: LONG_TOPIC.slice(0, 120),
      homework: LONG_TOPIC.slice(0, 80),
    }));
    const students = Array.from({ length: 30 }, (_, k) => ({
      ...pupil,
      upcoming: week.slice(0, k + 1),
    }));
    const model = { ...base, students };
    const path = savePdf(await renderExtract(model, loadDocumentFonts()), 'extract-batch');
    const pages = pdfText(path)
      .split('\f')
      .filter((p) => p.trim());
    const lonely = pages.filter((p) => {
      if (!p.includes('Выписку получил(а)')) return false;
      const lines = p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .filter(
          (l) =>
            !/Стр\. \d+ из \d+/.test(l) &&
            !/^(Классный руководитель|Выписку получил|\(подпись|М\.П\.|\(расшифровка)/.test(l),
        );
      return lines.length < 3;
    });
    expect(pages.length).toBeGreaterThan(students.length);
    expect(lonely).toEqual([]);
  });

  it('the CLI prints a date-range extract (--from/--to) and names a bad range in Russian', () => {
    const dir = join(tmpdir(), `extract-cli-${Date.now()}`);
    execFileSync('mkdir', ['-p', dir]);
    const file = join(dir, 'school.json');
    writeFileSync(file, JSON.stringify(school));
    const out = join(dir, 'out.pdf');
    const run = (...args: string[]) =>
      execFileSync('npx', ['tsx', 'scripts/pdf.ts', ...args], { encoding: 'utf8' });
    run(
      'extract',
      '--snapshot',
      file,
      '--class',
      '5А',
      '--from',
      '2026-12-01',
      '--to',
      '2026-12-10',
      '--date',
      issuedOn,
      '--out',
      out,
    );
    checkPdf(out);
    assertHas(squash(pdfText(out)), 'Период: с 01.12.2026 по 10.12.2026');
    let message = '';
    try {
      run(
        'extract',
        '--snapshot',
        file,
        '--class',
        '5А',
        '--from',
        '2026-12-10',
        '--to',
        '2026-12-01',
        '--out',
        out,
      );
    } catch (e) {
      message = String((e as { stderr?: string }).stderr);
    }
    expect(message).toContain('начало не позже конца');
  });
});
