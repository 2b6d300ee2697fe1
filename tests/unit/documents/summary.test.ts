// Term and year summary sheets: counts, «Аттестовано», success and quality recomputed here from the period
// marks by DOMAIN.md's rules; exam statistics from the exam column; absences by reason; the class as one
// table with its totals; no split words; the school totals page; the council's decision.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSummaryModel, DocumentError, renderSummary } from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import type { PeriodMarkValue } from '../../../shared/grading-policy';
import type { Snapshot } from '../../../shared/snapshot';
import {
  assertHas,
  checkPdf,
  LONG_NAME,
  overlappingWords,
  pdfInfo,
  pdfText,
  savePdf,
  squash,
  testSchool,
  wordBoxes,
} from './helpers';
import { ninthClass, stressSchool } from './stress';

let school: Snapshot;
let q2: string;
let classId: string;

beforeAll(() => {
  school = testSchool().school;
  q2 = school.periods.find((p) => p.kind === 'quarter' && p.number === 2)!.id;
  classId = school.classes.find((c) => c.name === '5А')!.id;
  // A deferred mark (отсрочка) for the first student of 5А in the first course with marks.
  const pm = school.periodMarks.find((m) => m.classId === classId && m.periodId === q2)!;
  const [studentId, entry] = Object.entries(pm.marks)[0]!;
  pm.marks[studentId] = {
    ...entry,
    value: null,
    deferral: { reason: 'болезнь', due: '2027-01-20' },
  };
});

/** Per student, per assessed course: the mark of `periodIds` (the first one set), as DOMAIN.md reads it. */
function resultsOf(s: Snapshot, cls: string, periodIds: string[]) {
  const klass = s.classes.find((c) => c.id === cls)!;
  const students = s.students.filter((x) => x.classId === cls && x.status === 'active');
  return students.map((st) =>
    s.courses
      .filter(
        (c) =>
          c.classId === cls &&
          c.assessment !== 'none' &&
          (c.groupId === null ||
            klass.groups.find((g) => g.id === c.groupId)?.studentIds.includes(st.id)),
      )
      .map((c) => {
        let value: PeriodMarkValue | null = null;
        for (const p of periodIds) {
          const doc = s.periodMarks.find((m) => m.courseId === c.id && m.periodId === p);
          value = doc?.marks[st.id]?.value ?? null;
          if (value !== null) break;
        }
        return { value, graded: c.assessment === 'marks', subjectId: c.subjectId };
      }),
  );
}

/** Attested: every mark set and no н/а; not attested: some н/а (DOMAIN.md). */
function attestation(results: ReturnType<typeof resultsOf>) {
  let attested = 0;
  let notAttested = 0;
  for (const r of results) {
    if (r.some((x) => x.value === 'notAttested')) notAttested++;
    else if (r.length > 0 && r.every((x) => x.value !== null)) attested++;
  }
  return { attested, notAttested };
}

/** Quality of one subject: 5 and 4 among the set (not осв.) marks; none for a зачёт subject. */
function subjectQuality(values: (PeriodMarkValue | null)[], graded: boolean): string {
  if (!graded) return '';
  const set = values.filter((v) => v !== null && v !== 'exempt');
  if (set.length === 0) return '';
  const good = set.filter((v) => v === '5' || v === '4').length;
  return String(Math.round((good * 1000) / set.length) / 10).replace('.', ',');
}

describe('term summary sheet', () => {
  it('one class, one period: one landscape page, names, marks, absences by reason, statistics, totals', async () => {
    const model = buildSummaryModel(school, {
      classes: ['5А'],
      periodId: q2,
      asOf: '2026-12-28',
      issuedOn: '2026-12-28',
    });
    const cls = model.classes[0]!;
    expect(cls.rows.length).toBeGreaterThanOrEqual(30);
    expect(cls.rows.flatMap((r) => r.marks)).toContain('отср.');
    const path = savePdf(await renderSummary(model, loadDocumentFonts()), 'summary');
    checkPdf(path);
    const info = pdfInfo(path);
    expect(info.pageSize).toMatch(/^841\.89 x 595\.28/);
    // The class reads as one table: students, statistics and totals on one page.
    expect(info.pages).toBe(1);
    const text = pdfText(path);
    const flat = squash(text);
    assertHas(flat, 'Сводная ведомость учёта успеваемости обучающихся 5А класса за II четверть');
    const raw = squash(pdfText(path, 'raw'));
    for (const r of cls.rows) assertHas(raw, r.name);
    assertHas(raw, `${LONG_NAME.lastName} ${LONG_NAME.firstName} ${LONG_NAME.middleName}`);
    for (const s of cls.subjects) assertHas(raw, s.short);
    for (const label of ['«5»', '«4»', '«3»', '«2»', 'н/а', 'Успеваемость, %', 'Качество, %'])
      assertHas(flat, label);
    for (const label of ['по бол.', 'уважит.', 'без уваж.', 'уважит. — по уважительной причине'])
      assertHas(raw, label);
    assertHas(flat, cls.totalsText);
    // The first row as printed: number, name, then its marks and absences in order.
    const first = cls.rows[0]!;
    const line = text.split('\n').find((l) => l.includes(first.name))!;
    expect(squash(line)).toContain(
      squash(
        [
          first.no,
          first.name,
          ...first.marks.filter(Boolean),
          first.lessonsMissed,
          first.lessonsByIllness,
          first.lessonsExcused,
          first.lessonsUnexcused,
          first.daysMissed,
          first.daysByIllness,
        ].join(' '),
      ),
    );
    expect(overlappingWords(wordBoxes(path))).toEqual([]);
  });

  it('«Аттестовано» leaves out н/а and unset marks; quality over graded subjects only', () => {
    const model = buildSummaryModel(school, {
      classes: ['5А'],
      periodId: q2,
      asOf: '2026-12-28',
      issuedOn: '2026-12-28',
    });
    const cls = model.classes[0]!;
    const results = resultsOf(school, classId, [q2]);
    const expected = attestation(results);
    expect(expected.notAttested).toBeGreaterThan(0);
    expect(cls.totals.attested).toBe(expected.attested);
    expect(cls.totals.notAttested).toBe(expected.notAttested);
    expect(cls.totalsText).toContain(`Аттестовано: ${expected.attested}.`);
    expect(cls.totalsText).toContain(`Не аттестовано (н/а): ${expected.notAttested}.`);
    // Per subject: the quality row recomputed; the зачёт subject (ОДНКНР) has none.
    const quality = cls.stats.find((s) => s.label === 'Качество, %')!;
    let passFail = 0;
    cls.subjects.forEach((s, i) => {
      const values = results.flatMap((r) =>
        r.filter((x) => x.subjectId === s.id).map((x) => x.value),
      );
      expect(quality.values[i]).toBe(subjectQuality(values, s.assessment === 'marks'));
      if (s.assessment === 'passFail') passFail++;
    });
    expect(passFail).toBeGreaterThan(0);
    // Counts per subject.
    cls.subjects.forEach((s, i) => {
      for (const [label, mark] of [
        ['«5»', '5'],
        ['«4»', '4'],
        ['«3»', '3'],
        ['«2»', '2'],
        ['н/а', 'notAttested'],
      ] as const) {
        const n = results.flatMap((r) =>
          r.filter((x) => x.subjectId === s.id && x.value === mark),
        ).length;
        expect(cls.stats.find((x) => x.label === label)!.values[i]).toBe(n ? String(n) : '');
      }
    });
  });

  it('the whole school: each class from a new page, totals with their table, the school totals page', async () => {
    const model = buildSummaryModel(school, { asOf: '2026-12-28', issuedOn: '2026-12-28' });
    expect(model.classes.map((c) => c.className)).toEqual(['5А', '7А']);
    const path = savePdf(await renderSummary(model, loadDocumentFonts()), 'summary-school');
    checkPdf(path);
    const { pages } = pdfInfo(path);
    const text = pdfText(path);
    const byPage = text.split('\f');
    for (const c of model.classes) {
      const start = byPage.findIndex((p) => p.includes(`обучающихся ${c.className} класса`));
      expect(start).toBeGreaterThanOrEqual(0);
      expect(byPage[start]).toMatch(/Стр\. 1 из \d+/);
      // The totals share their page with the statistics and the last student.
      const totals = byPage.find((p) => squash(p).includes(squash(c.totalsText)))!;
      expect(totals).toContain('Качество, %');
      expect(squash(totals)).toContain(squash(c.rows.at(-1)!.name));
    }
    expect(text).toContain(`из ${pages})`);
    // The school totals: every class with its own numbers, and the school's.
    const last = squash(byPage[pages - 1]!);
    assertHas(last, 'Итоги успеваемости по школе');
    for (const c of model.classes) {
      const periodId = c.className === '5А' ? q2 : q2;
      const e = attestation(resultsOf(school, c.classId, [periodId]));
      assertHas(last, `${c.className} ${c.rows.length} ${e.attested} ${e.notAttested}`);
    }
    assertHas(last, `Итого по школе ${model.classes.reduce((n, c) => n + c.rows.length, 0)}`);
  });

  it('names a missing period in Russian', () => {
    expect(() =>
      buildSummaryModel(school, { periodId: 'нет', asOf: '2026-12-28', issuedOn: '2026-12-28' }),
    ).toThrow(DocumentError);
  });
});

describe('year summary sheet', () => {
  it('period columns, year, exam and final; exam statistics from the exam column; the council', async () => {
    const s = ninthClass();
    const cls9 = s.classes[0]!.id;
    const yp = s.periods.filter((p) => p.scheme === null);
    const exam = yp.find((p) => p.kind === 'exam')!;
    const yearP = yp.find((p) => p.kind === 'year')!;
    const final = yp.find((p) => p.kind === 'final')!;
    // Exam marks for the exam subjects (the demo has none): 5, 4, 3, 2 in turn; no final marks yet.
    const examCourses = s.courses.filter((c) => c.classId === cls9 && c.hasExam);
    expect(examCourses.length).toBeGreaterThan(0);
    const students = s.students.filter((x) => x.classId === cls9 && x.status === 'active');
    const cycle: PeriodMarkValue[] = ['5', '4', '3', '2'];
    for (const c of examCourses) {
      const marks: Record<
        string,
        { value: PeriodMarkValue; proposed: null; average: null; deferral: null; comment: string }
      > = {};
      students.forEach((st, i) => {
        marks[st.id] = {
          value: cycle[i % 4]!,
          proposed: null,
          average: null,
          deferral: null,
          comment: '',
        };
      });
      s.periodMarks.push({
        id: `${c.id}:${exam.id}`,
        stamps: {},
        courseId: c.id,
        periodId: exam.id,
        classId: cls9,
        marks,
      });
    }
    const model = buildSummaryModel(s, {
      classes: [cls9],
      year: true,
      asOf: '2027-05-31',
      issuedOn: '2027-05-31',
      council: { number: '7', date: '2027-05-28' },
    });
    const cls = model.classes[0]!;
    const rus = cls.subjects.find((x) => examCourses.some((c) => c.subjectId === x.id))!;
    expect(rus.columns).toEqual(['I', 'II', 'III', 'IV', 'год', 'экз.', 'итог.']);
    const offset = cls.subjects
      .slice(0, cls.subjects.indexOf(rus))
      .reduce((n, x) => n + x.columns.length, 0);
    const stat = (label: string, col: number) =>
      cls.stats.find((x) => x.label === label)!.values[offset + col];
    const count = (v: string) => students.filter((_, i) => cycle[i % 4] === v).length;
    expect(stat('«5»', 5)).toBe(String(count('5')));
    expect(stat('«2»', 5)).toBe(String(count('2')));
    expect(stat('Успеваемость, %', 5)).toBe(
      String(Math.round((1000 * (students.length - count('2'))) / students.length) / 10).replace(
        '.',
        ',',
      ),
    );
    // The empty final column counts nothing (it said «не выставлено 40» before).
    expect(stat('«5»', 6)).toBe('');
    expect(cls.stats.find((x) => x.label === 'не выставлено')?.values[offset + 6] ?? '').toBe('');
    // «Аттестовано»: the final mark where set, else the year mark.
    const e = attestation(resultsOf(s, cls9, [final.id, yearP.id]));
    expect(cls.totals.attested).toBe(e.attested);
    expect(cls.totals.notAttested).toBe(e.notAttested);

    const path = savePdf(await renderSummary(model, loadDocumentFonts()), 'summary-year');
    checkPdf(path);
    const text = pdfText(path);
    const flat = squash(text);
    assertHas(flat, 'за 2026/2027 учебный год');
    assertHas(flat, 'протокол № 7 от 28.05.2027');
    // Every page of the class holds every student: the wide sheet continues with the same rows.
    const pages = text.split('\f').filter((p) => p.trim());
    const raw = pdfText(path, 'raw').split('\f');
    pages.forEach((_, i) => {
      for (const r of cls.rows) assertHas(squash(raw[i]!), r.name);
      assertHas(squash(pages[i]!), 'Качество, %');
    });
    // No word split in narrow cells: "зач.", "год", "экз.", "итог." are printed whole.
    const words = new Set(
      wordBoxes(path)
        .flat()
        .map((w) => w.text),
    );
    for (const fragment of ['.', 'зач', 'незач', 'экз', 'ито', 'итог', 'го', 'отср', '/а', 'н/']) {
      expect(words.has(fragment), `a split word «${fragment}»`).toBe(false);
    }
    expect(words.has('экз.')).toBe(true);
    expect(overlappingWords(wordBoxes(path))).toEqual([]);
  });

  it('the stress class (40 students, 60-character names): every name whole, nothing over anything', async () => {
    const { school: s, classId: cls, students } = stressSchool();
    const model = buildSummaryModel(s, {
      classes: [cls],
      year: true,
      asOf: '2027-05-31',
      issuedOn: '2027-05-31',
    });
    const path = savePdf(await renderSummary(model, loadDocumentFonts()), 'summary-year-stress');
    checkPdf(path);
    const raw = squash(pdfText(path, 'raw'));
    for (const st of students) assertHas(raw, `${st.lastName} ${st.firstName} ${st.middleName}`);
    expect(overlappingWords(wordBoxes(path))).toEqual([]);
    // The totals never stand alone: their page has statistics rows too.
    const pages = pdfText(path).split('\f');
    const totals = pages.find((p) => p.includes('Всего обучающихся'))!;
    expect(totals).toContain('Качество, %');
  });
});
