// Term summary sheets: landscape, marks per subject, deferred marks, statistics rows; year variant; the whole school.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSummaryModel, DocumentError, renderSummary } from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import type { Snapshot } from '../../../shared/snapshot';
import {
  assertHas,
  checkPdf,
  LONG_NAME,
  pdfInfo,
  pdfText,
  savePdf,
  squash,
  testSchool,
} from './helpers';

let school: Snapshot;
let q2: string;

beforeAll(() => {
  school = testSchool().school;
  q2 = school.periods.find((p) => p.kind === 'quarter' && p.number === 2)!.id;
  // A deferred mark (отсрочка) for the first student of 5А in the first course with marks.
  const cls = school.classes.find((c) => c.name === '5А')!;
  const pm = school.periodMarks.find((m) => m.classId === cls.id && m.periodId === q2)!;
  const [studentId, entry] = Object.entries(pm.marks)[0]!;
  pm.marks[studentId] = {
    ...entry,
    value: null,
    deferral: { reason: 'болезнь', due: '2027-01-20' },
  };
});

describe('term summary sheet', () => {
  it('one class, one period: landscape PDF/A-2b with names, marks, absences and statistics', async () => {
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
    const text = pdfText(path);
    const flat = squash(text);
    assertHas(flat, 'Сводная ведомость учёта успеваемости обучающихся 5А класса за II четверть');
    const raw = squash(pdfText(path, 'raw'));
    for (const r of cls.rows) assertHas(raw, r.name);
    assertHas(raw, `${LONG_NAME.lastName} ${LONG_NAME.firstName} ${LONG_NAME.middleName}`);
    for (const s of cls.subjects) assertHas(flat, s.short);
    for (const label of ['«5»', '«4»', '«3»', '«2»', 'н/а', 'Успеваемость, %', 'Качество, %'])
      assertHas(flat, label);
    assertHas(flat, 'отср.');
    assertHas(flat, cls.totals);
    // The first row as printed: number, name, then its marks in order.
    const first = cls.rows[0]!;
    const line = text.split('\n').find((l) => l.includes(first.name))!;
    expect(squash(line)).toContain(
      squash([first.no, first.name, ...first.marks.filter(Boolean)].join(' ')),
    );
  });

  it('statistics rows count the marks of each subject', () => {
    const model = buildSummaryModel(school, {
      classes: ['5А'],
      periodId: q2,
      asOf: '2026-12-28',
      issuedOn: '2026-12-28',
    });
    const cls = model.classes[0]!;
    cls.subjects.forEach((s, i) => {
      for (const [label, mark] of [
        ['«5»', '5'],
        ['«4»', '4'],
        ['«3»', '3'],
        ['«2»', '2'],
      ] as const) {
        const n = cls.rows.filter((r) => r.marks[i] === mark).length;
        expect(cls.stats.find((x) => x.label === label)!.values[i]).toBe(n ? String(n) : '');
      }
    });
  });

  it('year variant: period columns, year (exam, final) per subject', async () => {
    const model = buildSummaryModel(school, {
      classes: ['7А'],
      year: true,
      asOf: '2027-05-31',
      issuedOn: '2027-05-31',
    });
    const cls = model.classes[0]!;
    expect(cls.subjects[0]!.columns).toEqual(['I', 'II', 'III', 'IV', 'год']);
    const path = savePdf(await renderSummary(model, loadDocumentFonts()), 'summary-year');
    checkPdf(path);
    const flat = squash(pdfText(path, 'raw'));
    assertHas(flat, 'за 2026/2027 учебный год');
    for (const r of cls.rows) assertHas(flat, r.name);
  });

  it('the whole school: each class from a new page, numbered pages', async () => {
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
    }
    expect(text).toContain(`из ${pages})`);
  });

  it('names a missing period in Russian', () => {
    expect(() =>
      buildSummaryModel(school, { periodId: 'нет', asOf: '2026-12-28', issuedOn: '2026-12-28' }),
    ).toThrow(DocumentError);
  });
});
