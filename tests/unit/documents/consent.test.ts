// Consent applications, refusals and withdrawals: valid PDF/A with embedded fonts, one family per page, the legal text, the filters.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildConsentModel,
  CONSENT_VARIANTS,
  DocumentError,
  renderConsent,
} from '../../../shared/documents';
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
let classId: string;

beforeAll(() => {
  school = testSchool().school;
  classId = school.classes.find((c) => c.name === '5А')!.id;
});

describe('consent applications', () => {
  for (const variant of CONSENT_VARIANTS) {
    it(`${variant}: one page per family, PDF/A-2b, embedded fonts, the required text`, async () => {
      const model = buildConsentModel(school, { classKey: '5А', variant });
      const families = school.students.filter(
        (s) => s.classId === classId && s.status === 'active',
      );
      expect(model.applications).toHaveLength(families.length);
      expect(families.length).toBeGreaterThanOrEqual(30);
      const path = savePdf(await renderConsent(model, loadDocumentFonts()), `consent-${variant}`);
      checkPdf(path);
      expect(pdfInfo(path).pages).toBe(families.length);
      const text = pdfText(path);
      const flat = squash(text);
      assertHas(flat, school.school.directorNameDative || school.school.directorName);
      assertHas(flat, '152-ФЗ «О персональных данных»');
      assertHas(flat, school.school.informationSystem);
      for (const a of model.applications) assertHas(flat, a.childName);
      const g = model.applications.find((a) => a.guardian?.address)!.guardian!;
      assertHas(flat, g.address);
      assertHas(flat, g.phone);
      expect(text).toContain('Подпись');
      if (variant === 'consent') {
        assertHas(flat, school.school.operator.name);
        assertHas(flat, school.school.operator.address);
        for (const phrase of [
          'Цель обработки:',
          'Перечень персональных данных:',
          'Действия с персональными данными:',
          'Срок действия согласия:',
          'Порядок отзыва:',
          'Обязуюсь не передавать логин и пароль иным лицам',
          'в течение одного рабочего дня',
          'признаются недействительными',
          'не несёт ответственности за разглашение персональных данных',
          'Персональный логин и пароль для доступа к электронному журналу (дневнику) получил(а).',
        ]) {
          assertHas(flat, phrase);
        }
      }
      if (variant === 'refusal') {
        assertHas(flat, 'необходимости в ней у меня нет');
        assertHas(flat, 'в виде выписок из электронного журнала на бумаге');
      }
      if (variant === 'withdrawal') {
        assertHas(flat, 'отзываю согласие на обработку');
        assertHas(flat, 'тридцати дней');
      }
    });
  }

  it('prints a 60-character child name entirely and blank lines for a family without data', async () => {
    const s: Snapshot = structuredClone(school);
    const child = s.students.find((x) => x.lastName === LONG_NAME.lastName)!;
    child.guardians = {};
    const model = buildConsentModel(s, {
      classKey: '5А',
      variant: 'consent',
      studentIds: [child.id],
    });
    expect(model.applications[0]!.guardian).toBeNull();
    const path = savePdf(await renderConsent(model, loadDocumentFonts()), 'consent-long');
    checkPdf(path);
    expect(pdfInfo(path).pages).toBe(1);
    const name = `${LONG_NAME.lastName} ${LONG_NAME.firstName} ${LONG_NAME.middleName}`;
    expect(name).toHaveLength(60);
    assertHas(squash(pdfText(path, 'raw')), name);
  });

  it('"only unanswered" selects the families with no registered answer', () => {
    const answered = new Set(school.consents.map((c) => c.studentId));
    const model = buildConsentModel(school, {
      classKey: '5А',
      variant: 'consent',
      onlyUnanswered: true,
    });
    const expected = school.students
      .filter((s) => s.classId === classId && s.status === 'active' && !answered.has(s.id))
      .map((s) => s.id)
      .sort();
    expect(model.applications.map((a) => a.studentId).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);

    // Removing one family's answers puts it on the list.
    const s: Snapshot = structuredClone(school);
    const someone = s.consents.find((c) => c.classId === classId)!.studentId;
    s.consents = s.consents.filter((c) => c.studentId !== someone);
    const again = buildConsentModel(s, {
      classKey: '5А',
      variant: 'consent',
      onlyUnanswered: true,
    });
    expect(again.applications.map((a) => a.studentId)).toContain(someone);
    expect(again.applications).toHaveLength(expected.length + 1);
  });

  it('a withdrawal comes from the guardian who consented, with the consent date', () => {
    const model = buildConsentModel(school, { classKey: '5А', variant: 'withdrawal' });
    for (const a of model.applications) {
      const consent = school.consents.find(
        (c) => c.studentId === a.studentId && c.decision === 'consent',
      );
      if (consent) {
        expect(a.guardianId).toBe(consent.guardianId);
        expect(a.consentDate).toBe(consent.date);
      }
    }
  });

  it('names a missing class in Russian', () => {
    expect(() => buildConsentModel(school, { classKey: '9Я', variant: 'consent' })).toThrow(
      DocumentError,
    );
    expect(() => buildConsentModel(school, { classKey: '9Я', variant: 'consent' })).toThrow(
      /Класс «9Я» не найден/,
    );
  });
});
