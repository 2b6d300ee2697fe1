// Consent applications, refusals and withdrawals: PDF/A with embedded fonts, one form per guardian, the
// elements of 152-ФЗ art. 9 part 4, declined names, blank lines for missing data, the registration block.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildConsentModel,
  CONSENT_VARIANTS,
  DocumentError,
  renderConsent,
} from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import type { Snapshot } from '../../../shared/snapshot';
import type { Student } from '../../../shared/student';
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

const ISSUED = '2026-12-10';
let school: Snapshot;
let classId: string;
/** Two students with names whose declension is known: Алиев Марк Глебович, Иванова-Петрова Анна Сергеевна. */
let alievId: string;
let ivanovaId: string;

const active = (s: Snapshot) =>
  s.students.filter((x) => x.classId === classId && x.status === 'active');

beforeAll(() => {
  school = testSchool().school;
  classId = school.classes.find((c) => c.name === '5А')!.id;
  const [a, b] = active(school).slice(1, 3) as [Student, Student];
  Object.assign(a, {
    lastName: 'Алиев',
    firstName: 'Марк',
    middleName: 'Глебович',
    gender: 'male',
    birthDate: '2011-05-01', // 15 on the date of issue: signs the consent too
    address: 'г. Кимры, ул. Мира, д. 5, кв. 1',
  });
  Object.assign(b, {
    lastName: 'Иванова-Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    gender: 'female',
    birthDate: '2016-02-01',
    address: '',
  });
  b.guardians = {
    'gd-ip-1': {
      lastName: 'Иванова-Петрова',
      firstName: 'Мария',
      middleName: 'Ивановна',
      kind: 'mother',
      phone: '+7 912 000-00-01',
      email: 'ivanova@example.ru',
      address: 'г. Кимры, ул. Ленина, д. 2',
      identityDocument: {
        kind: 'паспорт гражданина Российской Федерации',
        series: '45 12',
        number: '654321',
        issuedOn: '2012-04-03',
        issuedBy: 'ОУФМС России по району',
      },
      authorityDocument: 'свидетельство о рождении II-МЮ № 123456 от 01.02.2016',
    },
    'gd-ip-2': {
      lastName: 'Петров',
      firstName: 'Сергей',
      middleName: 'Олегович',
      kind: 'father',
      phone: '',
      email: '',
      address: '',
      identityDocument: { kind: '', series: '', number: '', issuedOn: '', issuedBy: '' },
      authorityDocument: '',
    },
  };
  school.consents = school.consents.filter((c) => c.studentId !== b.id);
  for (const gid of ['gd-ip-1', 'gd-ip-2']) {
    school.consents.push({
      id: `${b.id}:${gid}`,
      stamps: {},
      studentId: b.id,
      guardianId: gid,
      classId,
      decision: 'consent',
      date: '2026-09-03',
      channel: 'electronic',
      registeredBy: 'staff-deputy',
      loginIssued: true,
      note: '',
    });
  }
  alievId = a.id;
  ivanovaId = b.id;
});

/** Forms the registry calls for, counted from the data: one per guardian (or one blank). */
function expectedForms(s: Snapshot, variant: string): number {
  const students = active(s);
  if (variant === 'withdrawal') {
    return s.consents.filter(
      (c) =>
        c.decision === 'consent' &&
        students.some((st) => st.id === c.studentId && c.guardianId in st.guardians),
    ).length;
  }
  return students.reduce((n, st) => n + Math.max(1, Object.keys(st.guardians).length), 0);
}

async function render(variant: (typeof CONSENT_VARIANTS)[number], s = school) {
  const model = buildConsentModel(s, { classKey: '5А', variant, issuedOn: ISSUED });
  const path = savePdf(await renderConsent(model, loadDocumentFonts()), `consent-${variant}`);
  return { model, path, pages: pdfText(path).split('\f') };
}

describe('consent applications', () => {
  for (const variant of CONSENT_VARIANTS) {
    it(`${variant}: one page per guardian, PDF/A-2b, nothing printed over anything`, async () => {
      const { model, path, pages } = await render(variant);
      const forms = expectedForms(school, variant);
      expect(forms).toBeGreaterThanOrEqual(variant === 'withdrawal' ? 3 : 35);
      expect(model.applications).toHaveLength(forms);
      checkPdf(path);
      expect(pdfInfo(path).pages).toBe(forms);
      expect(overlappingWords(wordBoxes(path))).toEqual([]);
      // Each page names its own guardian (surname and name as the registry holds them).
      model.applications.forEach((a, i) => {
        const flat = squash(pages[i]!);
        if (a.guardian) assertHas(flat, `Фамилия ${a.guardian.lastName}`);
        if (a.guardian) assertHas(flat, `Имя ${a.guardian.firstName}`);
      });
      const flat = squash(pages.join(''));
      assertHas(flat, '152-ФЗ «О персональных данных»');
      assertHas(flat, school.school.informationSystem);
      assertHas(flat, 'Отметка о регистрации заявления (заполняет школа)');
      assertHas(flat, 'Вх. №');
      assertHas(flat, 'Принял(а)');
      if (variant !== 'refusal') assertHas(flat, school.school.operator.address);
    });
  }

  it('consent: every element of 152-ФЗ art. 9 part 4, the data filled in or lines to fill', async () => {
    const { model, pages } = await render('consent');
    const s = school.school;
    const ivanova = model.applications.findIndex((a) => a.guardianId === 'gd-ip-1');
    const father = model.applications.findIndex((a) => a.guardianId === 'gd-ip-2');
    const mother = squash(pages[ivanova]!);
    // The school's own genitive and the director's dative.
    assertHas(mother, `Директору ${s.fullNameGenitive}`);
    assertHas(mother, s.directorNameDative);
    // (1)(2) the representative: name, identity document, address; the authority document.
    assertHas(
      mother,
      'Я, Иванова-Петрова Мария Ивановна, паспорт гражданина Российской Федерации серия 45 12 № 654321, выдан 03.04.2012 ОУФМС России по району, зарегистрированная по адресу: г. Кимры, ул. Ленина, д. 2, являясь матерью Ивановой-Петровой Анны Сергеевны, 01.02.2016 года рождения',
    );
    assertHas(mother, 'на основании: свидетельство о рождении II-МЮ № 123456 от 01.02.2016');
    assertHas(mother, 'адрес электронной почты ivanova@example.ru');
    assertHas(mother, 'моему ребёнку Ивановой-Петровой Анне Сергеевне, обучающейся 5А класса');
    // The child's address is not on record: a line to fill.
    assertHas(mother, 'проживающей по адресу: ____');
    // (3) operator, (6) processing on its behalf, (4)(5)(7)(8) purpose, data, actions, term.
    assertHas(mother, `оператору — ${s.operator.name} (адрес: ${s.operator.address}`);
    assertHas(
      mother,
      'Обработка по поручению оператора: обработка персональных данных по поручению оператора третьим лицам не поручается.',
    );
    for (const phrase of [
      'Цель обработки:',
      'Перечень персональных данных:',
      'адрес электронной почты родителя; реквизиты документа, удостоверяющего личность родителя',
      'Действия с персональными данными:',
      'Срок действия согласия:',
      'Порядок отзыва:',
      'Обязуюсь не передавать логин и пароль иным лицам',
      'в течение одного рабочего дня',
      'признаются недействительными',
      'Персональный логин и пароль для доступа к электронному журналу (дневнику) получил(а).',
    ]) {
      assertHas(mother, phrase);
    }
    // The father has no documents on record: every one is a line to fill by hand.
    const dad = squash(pages[father]!);
    assertHas(dad, 'Я, Петров Сергей Олегович, документ, удостоверяющий личность, ____');
    assertHas(dad, 'серия __________ № __________, выдан «____» ______________ 20____ г.');
    assertHas(dad, 'зарегистрированный по адресу: ______');
    assertHas(dad, 'на основании: свидетельство о рождении ребёнка серия __________ №');
    assertHas(dad, 'являясь отцом Ивановой-Петровой Анны Сергеевны');
    // The 15-year-old signs too; the 10-year-old does not.
    const aliev = model.applications.findIndex((a) => a.studentId === alievId);
    assertHas(
      squash(pages[aliev]!),
      'моему ребёнку Алиеву Марку Глебовичу, обучающемуся 5А класса',
    );
    assertHas(squash(pages[aliev]!), '(подпись обучающегося)');
    assertHas(squash(pages[aliev]!), 'проживающего по адресу: г. Кимры, ул. Мира, д. 5, кв. 1');
    expect(pages[ivanova]).not.toContain('(подпись обучающегося)');
  });

  it('names the data processor when the school card has one; the genitive falls back to a rule', async () => {
    const s: Snapshot = structuredClone(school);
    s.school.dataProcessor = { name: 'МКУ «Центр обработки данных»', address: 'г. Кимры, д. 1' };
    s.school.fullNameGenitive = '';
    s.school.directorNameDative = '';
    s.school.directorName = 'Наумочкина Ирина Николаевна';
    const { pages } = await render('consent', s);
    const flat = squash(pages[0]!);
    assertHas(
      flat,
      'обработку персональных данных по поручению оператора осуществляет МКУ «Центр обработки данных» (адрес: г. Кимры, д. 1).',
    );
    const genitive = s.school.fullName.replace(
      'Муниципальное бюджетное общеобразовательное учреждение',
      'Муниципального бюджетного общеобразовательного учреждения',
    );
    expect(genitive).not.toBe(s.school.fullName);
    assertHas(flat, `Директору ${genitive}`);
    // The dative of the director, declined from the nominative (seed 000's director).
    assertHas(flat, 'Наумочкиной Ирине Николаевне');
  });

  it('refusal: the service was offered and is not needed; paper extracts offered', async () => {
    const { model, pages } = await render('refusal');
    const i = model.applications.findIndex((a) => a.guardianId === 'gd-ip-1');
    const flat = squash(pages[i]!);
    assertHas(flat, 'подтверждаю, что мне была предложена услуга');
    assertHas(flat, 'Услуга мне была предложена, но необходимости в ней у меня нет.');
    assertHas(flat, 'для меня и моего ребёнка Ивановой-Петровой Анны Сергеевны');
    assertHas(flat, 'в виде выписок из электронного журнала на бумаге');
    expect(pages.join('')).not.toContain('предоставлялась');
  });

  it('withdrawal: only guardians with a registered consent, each with its own date', async () => {
    const { model, pages } = await render('withdrawal');
    const consented = new Set(
      school.consents
        .filter((c) => c.decision === 'consent')
        .map((c) => `${c.studentId}|${c.guardianId}`),
    );
    for (const a of model.applications) {
      expect(consented.has(`${a.studentId}|${a.guardianId}`)).toBe(true);
      const c = school.consents.find(
        (x) => x.studentId === a.studentId && x.guardianId === a.guardianId,
      )!;
      expect(a.consentDate).toBe(c.date);
    }
    // Both parents of Иванова-Петрова consented: two forms, one per parent.
    const hers = model.applications.filter((a) => a.studentId === ivanovaId);
    expect(hers.map((a) => a.guardianId)).toEqual(['gd-ip-1', 'gd-ip-2']);
    const i = model.applications.indexOf(hers[0]!);
    assertHas(squash(pages[i]!), 'отзываю согласие на обработку');
    assertHas(squash(pages[i]!), 'данное 03.09.2026 оператору');
    assertHas(squash(pages[i]!), 'тридцати дней');
    // Families who refused or never answered get no withdrawal form.
    const refused = school.consents.find((c) => c.decision === 'refusal' && c.classId === classId)!;
    expect(
      model.applications.some(
        (a) => a.studentId === refused.studentId && a.guardianId === refused.guardianId,
      ),
    ).toBe(false);
  });

  it('"only unanswered" selects the guardians with no registered answer', () => {
    const model = buildConsentModel(school, {
      classKey: '5А',
      variant: 'consent',
      onlyUnanswered: true,
      issuedOn: ISSUED,
    });
    const answered = new Set(school.consents.map((c) => `${c.studentId}|${c.guardianId}`));
    const expected = active(school).flatMap((s) => {
      const ids = Object.keys(s.guardians);
      if (ids.length === 0) return [`${s.id}|`];
      return ids.filter((g) => !answered.has(`${s.id}|${g}`)).map((g) => `${s.id}|${g}`);
    });
    expect(model.applications.map((a) => `${a.studentId}|${a.guardianId ?? ''}`).sort()).toEqual(
      expected.sort(),
    );
    expect(expected.length).toBeGreaterThan(0);
  });

  it('a family without data gets a blank form', async () => {
    const s: Snapshot = structuredClone(school);
    const child = s.students.find((x) => x.id === alievId)!;
    child.guardians = {};
    const model = buildConsentModel(s, {
      classKey: '5А',
      variant: 'consent',
      studentIds: [child.id],
      issuedOn: ISSUED,
    });
    expect(model.applications).toHaveLength(1);
    expect(model.applications[0]!.guardian).toBeNull();
    const path = savePdf(await renderConsent(model, loadDocumentFonts()), 'consent-blank');
    checkPdf(path);
    expect(pdfInfo(path).pages).toBe(1);
    const flat = squash(pdfText(path));
    assertHas(
      flat,
      'Я, ____________________________________________, документ, удостоверяющий личность',
    );
    assertHas(flat, 'являясь родителем (законным представителем) Алиева Марка Глебовича');
  });

  it('names a missing class in Russian', () => {
    const options = { classKey: '9Я', variant: 'consent' as const, issuedOn: ISSUED };
    expect(() => buildConsentModel(school, options)).toThrow(DocumentError);
    expect(() => buildConsentModel(school, options)).toThrow(/Класс «9Я» не найден/);
  });
});
