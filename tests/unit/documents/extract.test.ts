// Diary extracts: each student from a new page, marks with dates and work types, absences, the coming week; "only paper".
import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveChannel } from '../../../shared/consent';
import { buildExtractModel, renderExtract } from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import type { Snapshot } from '../../../shared/snapshot';
import {
  assertHas,
  checkPdf,
  LONG_TOPIC,
  pdfInfo,
  pdfText,
  savePdf,
  squash,
  testSchool,
  withoutFurniture,
} from './helpers';

let school: Snapshot;
let issuedOn: string;
let longStudentId: string;

beforeAll(() => {
  ({ school, issuedOn, longStudentId } = testSchool());
});

describe('diary extracts', () => {
  it('a whole class: valid PDF/A-2b, every student from a new page, marks, averages, absences', async () => {
    const model = buildExtractModel(school, { classKey: '5А', issuedOn });
    expect(model.students.length).toBeGreaterThanOrEqual(30);
    const path = savePdf(await renderExtract(model, loadDocumentFonts()), 'extract');
    checkPdf(path);
    const info = pdfInfo(path);
    expect(info.pages).toBeGreaterThanOrEqual(model.students.length);
    const flat = squash(pdfText(path, 'raw'));
    assertHas(flat, 'ВЫПИСКА ИЗ ЭЛЕКТРОННОГО ЖУРНАЛА');
    assertHas(flat, school.school.fullName);
    assertHas(flat, `Дата выдачи: 10.12.2026`);
    for (const s of model.students) {
      assertHas(flat, `${s.studentName}, 5А класс`);
      assertHas(
        flat,
        `Пропущено уроков: ${s.absences.lessonsMissed}, из них по болезни — ${s.absences.byReason.illness}`,
      );
      for (const sub of s.subjects) {
        for (const m of sub.marks) assertHas(flat, `${m.date}: ${m.value} (${m.workType})`);
        assertHas(flat, sub.average);
      }
    }
    // Each student's pages start a new section: "Стр. 1 из" appears once per student.
    const firsts = pdfText(path).match(/Стр\. 1 из \d+/g) ?? [];
    expect(firsts).toHaveLength(model.students.length);
  });

  it('shows the weighted average, the forecast or the set mark per subject', () => {
    const model = buildExtractModel(school, { classKey: '5А', issuedOn });
    const results = model.students.flatMap((s) => s.subjects.map((x) => x.result));
    expect(results.some((r) => /^прогноз: [2-5]$|выставлена/.test(r))).toBe(true);
    const withMarks = model.students[0]!.subjects.find((x) => x.marks.length > 0)!;
    expect(withMarks.average).toMatch(/^\d,\d\d$/);
    // A date range has no period mark: only forecasts.
    const ranged = buildExtractModel(school, {
      classKey: '5А',
      issuedOn,
      from: '2026-11-01',
      to: '2026-12-10',
    });
    const r = ranged.students.flatMap((s) => s.subjects.map((x) => x.result));
    expect(r.some((x) => x.includes('выставлена'))).toBe(false);
    expect(ranged.students[0]!.periodLabel).toBe('с 01.11.2026 по 10.12.2026');
    // The forecast's calculation is printed, without the arrow the embedded font lacks.
    const explanations = ranged.students.flatMap((s) => s.subjects.map((x) => x.explanation));
    expect(explanations.some((e) => /≥ \d,\d+: [2-5]$/.test(e))).toBe(true);
    expect(explanations.some((e) => e.includes('→'))).toBe(false);
  });

  it('"only paper" selects the families who refused, withdrew or chose paper', () => {
    const model = buildExtractModel(school, { classKey: '5А', issuedOn, onlyPaper: true });
    const cls = school.classes.find((c) => c.name === '5А')!;
    const expected = school.students
      .filter(
        (s) =>
          s.classId === cls.id &&
          s.status === 'active' &&
          school.consents.some((c) => c.studentId === s.id && effectiveChannel(c) === 'paper'),
      )
      .map((s) => s.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(model.students.map((s) => s.studentId).sort()).toEqual(expected);
    const decisions = new Set(
      school.consents
        .filter((c) => expected.includes(c.studentId))
        .map((c) => `${c.decision}/${c.channel}`),
    );
    expect(
      [...decisions].some(
        (d) => d.startsWith('refusal') || d.startsWith('withdrawal') || d.endsWith('paper'),
      ),
    ).toBe(true);
  });

  it('prints a 2,000-character topic of the coming week and a 60-character name entirely', async () => {
    const model = buildExtractModel(school, {
      classKey: '5А',
      issuedOn,
      studentIds: [longStudentId],
    });
    const s = model.students[0]!;
    expect(s.studentName).toHaveLength(60);
    expect(s.upcoming.some((u) => u.topic === LONG_TOPIC)).toBe(true);
    const path = savePdf(await renderExtract(model, loadDocumentFonts()), 'extract-long');
    checkPdf(path);
    const flat = squash(
      withoutFurniture(pdfText(path, 'raw'), ['Дата Предмет Тема урока Домашнее задание']),
    );
    expect(LONG_TOPIC.length).toBe(2000);
    assertHas(flat, LONG_TOPIC);
    assertHas(flat, s.studentName);
  });
});
