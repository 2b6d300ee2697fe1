// Every document kind printed from the stress class (40 students, 60-character hyphenated surnames,
// 300-character addresses, 16 subjects with long names, 2,000-character topics): no name cut, no text
// printed over text (word boxes from pdftotext -bbox), pages that render, valid PDF/A with embedded fonts.
import { existsSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildClassJournal,
  buildConsentModel,
  buildExtractModel,
  buildSummaryModel,
  CONSENT_VARIANTS,
  renderConsent,
  renderExtract,
  renderJournal,
  renderSummary,
} from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import { FONT, PdfWriter } from '../../../shared/documents/pdf';
import type { Snapshot } from '../../../shared/snapshot';
import type { Student } from '../../../shared/student';
import {
  assertHas,
  checkPdf,
  overlappingWords,
  pdfInfo,
  pdfText,
  renderPng,
  savePdf,
  squash,
  wordBoxes,
} from './helpers';
import { stressSchool } from './stress';

let school: Snapshot;
let classId: string;
let students: Student[];

beforeAll(() => {
  ({ school, classId, students } = stressSchool());
});

const fullNameOf = (p: { lastName: string; firstName: string; middleName: string }) =>
  `${p.lastName} ${p.firstName} ${p.middleName}`.trim();

/**
 * A hyphenated surname in any case form: every part present, in order, joined by hyphens (a name
 * cut at its first hyphen fails). Each part may change its last two letters.
 */
function surnameForms(lastName: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    lastName
      .split('-')
      .map((p) => `${esc(p.slice(0, -2))}[а-яё]{0,4}`)
      .join('-'),
  );
}

/** The common checks: valid file, nothing over anything, the first and last pages render to PNG. */
function checkAll(path: string): void {
  checkPdf(path);
  expect(overlappingWords(wordBoxes(path))).toEqual([]);
  const last = pdfInfo(path).pages;
  for (const png of [...renderPng(path, 1), ...renderPng(path, last)]) {
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(5_000);
  }
}

// Each test renders a full PDF and runs poppler and qpdf over it: minutes on a busy machine.
describe('stress class: every document kind', { timeout: 180_000 }, () => {
  it('the fixture is what it claims', () => {
    expect(students).toHaveLength(40);
    for (const s of students) expect(s.lastName).toHaveLength(60);
    expect(students.every((s) => s.address.length === 300)).toBe(true);
    const subjects = new Set(
      school.courses.filter((c) => c.classId === classId).map((c) => c.subjectId),
    );
    expect(subjects.size).toBe(16);
    for (const id of subjects) {
      expect(school.school.subjects.find((s) => s.id === id)!.name.length).toBeGreaterThan(70);
    }
  });

  it('the overlap check finds text printed over text', async () => {
    const w = new PdfWriter(
      loadDocumentFonts(),
      { title: 't', subject: 't', author: 't' },
      {
        layout: 'portrait',
        margins: { top: 30, bottom: 30, left: 30, right: 30 },
      },
    );
    w.section('');
    w.font(FONT.regular, 10);
    w.doc.text('Преображенская', 100, 100, { lineBreak: false });
    w.doc.text('Корсакова', 110, 102, { lineBreak: false });
    w.doc.text('отдельно', 100, 140, { lineBreak: false });
    const path = savePdf(await w.finish(), 'overlap');
    expect(overlappingWords(wordBoxes(path))).toEqual([
      'page 1: «Преображенская» over «Корсакова»',
    ]);
  });

  for (const variant of CONSENT_VARIANTS) {
    it(`${variant} forms: guardians' and children's hyphenated names whole, 300-character addresses`, async () => {
      // The first 14 families (every guardian of theirs) keep the run short; each form is as hard.
      const model = buildConsentModel(school, {
        classKey: classId,
        variant,
        studentIds: students.slice(0, 14).map((s) => s.id),
        issuedOn: '2026-12-10',
      });
      expect(model.applications.length).toBeGreaterThan(variant === 'withdrawal' ? 0 : 14);
      const path = savePdf(await renderConsent(model, loadDocumentFonts()), `stress-${variant}`);
      checkAll(path);
      const raw = squash(pdfText(path, 'raw'));
      for (const a of model.applications) {
        const g = a.guardian!;
        assertHas(raw, `Фамилия ${g.lastName}`);
        assertHas(raw, `Я, ${g.fullName},`);
        assertHas(raw, g.address);
        const child = students.find((s) => s.id === a.studentId)!;
        expect(raw).toMatch(surnameForms(child.lastName));
        if (variant === 'consent') assertHas(raw, child.address);
      }
      // A form per guardian, on its own page or two (the long data), never more.
      expect(pdfInfo(path).pages).toBeLessThanOrEqual(2 * model.applications.length);
    });
  }

  it('extracts: names and long subject names whole', async () => {
    const model = buildExtractModel(school, { classKey: classId, issuedOn: '2026-12-10' });
    expect(model.students).toHaveLength(40);
    const path = savePdf(await renderExtract(model, loadDocumentFonts()), 'stress-extract');
    checkAll(path);
    const raw = squash(pdfText(path, 'raw'));
    for (const s of students)
      assertHas(raw, `${fullNameOf(s)}, ${model.students[0]!.className} класс`);
    for (const sub of model.students[0]!.subjects) assertHas(raw, sub.name);
  });

  it('term summary sheet: every name whole, nothing over anything', async () => {
    const model = buildSummaryModel(school, {
      classes: [classId],
      asOf: '2026-12-28',
      issuedOn: '2026-12-28',
    });
    const path = savePdf(await renderSummary(model, loadDocumentFonts()), 'stress-summary');
    checkAll(path);
    const raw = squash(pdfText(path, 'raw'));
    for (const s of students) assertHas(raw, fullNameOf(s));
  });

  it('year-end journal: every name whole on the left pages, long topics whole on the right pages', async () => {
    // Three courses (one of them a group's) keep the file small; every kind of page is there.
    const courses = [
      ...school.courses.filter((c) => c.classId === classId && c.groupId === null).slice(0, 2),
      school.courses.find((c) => c.classId === classId && c.groupId !== null)!,
    ];
    const ids = new Set(courses.map((c) => c.id));
    const source = {
      ...school,
      courses,
      lessons: school.lessons.filter((l) => ids.has(l.courseId)),
    };
    const journal = buildClassJournal(source, { classKey: classId, issuedOn: '2027-05-31' });
    const path = savePdf(
      await renderJournal(
        {
          kind: 'journal',
          schoolShortName: 'МБОУ',
          yearName: '2026/2027',
          issuedOn: '2027-05-31',
          classes: [journal],
        },
        loadDocumentFonts(),
      ),
      'stress-journal',
    );
    checkAll(path);
    const raw = squash(pdfText(path, 'raw'));
    const wholeClass = courses[0]!;
    expect(wholeClass.groupId).toBeNull();
    for (const s of students) assertHas(raw, fullNameOf(s));
    const long = school.lessons.find(
      (l) => l.courseId === wholeClass.id && l.topic.length === 2000,
    )!;
    assertHas(raw, long.topic);
  });
});
