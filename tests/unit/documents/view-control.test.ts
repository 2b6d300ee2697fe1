// The view-control sheet and the rows behind it: each guardian's state from the registry and the
// server's view record, «просмотрено сегодня», the families due a paper extract after N days, and
// a valid landscape PDF/A whose text carries them.
import { describe, expect, it } from 'vitest';
import { buildViewControlModel, renderViewControl } from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import { familyViewRows, studentsNeedingPaper } from '../../../shared/family-view-rows';
import type { Consent } from '../../../shared/consent';
import type { FamilyAccessRow } from '../../../shared/family-access';
import type { Student } from '../../../shared/student';
import { assertHas, checkPdf, pdfInfo, pdfText, savePdf, squash } from './helpers';

const TODAY = '2026-12-04';

function student(id: string, lastName: string, guardians: string[]): Student {
  return {
    id,
    stamps: {},
    lastName,
    firstName: 'Иван',
    middleName: '',
    gender: 'male',
    classId: 'c5a',
    status: 'active',
    birthDate: '',
    guardians: Object.fromEntries(
      guardians.map((g, i) => [
        `${id}-g${i}`,
        {
          lastName,
          firstName: g,
          middleName: '',
          kind: i === 0 ? 'mother' : 'father',
          phone: '',
          email: '',
          address: '',
        },
      ]),
    ),
  } as Student;
}

function consent(
  s: Student,
  i: number,
  decision: Consent['decision'],
  channel: Consent['channel'] = 'electronic',
): Consent {
  return {
    id: `${s.id}:${s.id}-g${i}`,
    stamps: {},
    studentId: s.id,
    guardianId: `${s.id}-g${i}`,
    classId: 'c5a',
    decision,
    date: '2026-09-10',
    channel,
    registeredBy: 'staff-ct',
    loginIssued: decision === 'consent',
    note: '',
  };
}

function access(
  s: Student,
  i: number | null,
  lastViewAt: string | null,
  state: FamilyAccessRow['state'] = 'active',
): FamilyAccessRow {
  return {
    studentId: s.id,
    guardianId: i === null ? null : `${s.id}-g${i}`,
    login: `${s.id}-login${i ?? 'self'}`,
    state,
    closedReason: state === 'closed' ? 'закрыт' : null,
    locked: false,
    lastViewAt,
    viewsInRange: lastViewAt ? 3 : 0,
  };
}

// Local moments (the rows read local days, as the class teacher's desktop does).
const at = (day: string, time = '19:30:00') => new Date(`${day}T${time}`).toISOString();

const a = student('st-a', 'Алиев', ['Галина', 'Глеб']); // mother looked today
const b = student('st-b', 'Борисов', ['Ольга']); // looked 20 days ago → paper
const c = student('st-c', 'Волков', ['Анна']); // chose paper
const d = student('st-d', 'Громов', ['Вера']); // no answer
const e = student('st-e', 'Дронов', ['Нина', 'Пётр']); // mother stale, father fresh → the family looks
const f = student('st-f', 'Ежов', ['Зоя']); // login issued, never opened → paper

const rows = familyViewRows({
  students: [f, e, d, c, b, a],
  consents: [
    consent(a, 0, 'consent'),
    consent(b, 0, 'consent'),
    consent(c, 0, 'consent', 'paper'),
    consent(e, 0, 'consent'),
    consent(e, 1, 'consent'),
    consent(f, 0, 'consent'),
  ],
  access: [
    access(a, 0, at(TODAY)),
    access(a, null, at('2026-12-03')),
    access(b, 0, at('2026-11-14')),
    access(e, 0, at('2026-11-01')),
    access(e, 1, at('2026-12-02')),
    { ...access(f, 0, null), state: 'issued' },
  ],
  today: TODAY,
  paperAfterDays: 14,
});

describe('view-control rows', () => {
  it('names each guardian and the student’s own account, in class-list order', () => {
    expect(rows.map((r) => `${r.number}:${r.holderName}`)).toEqual([
      '1:Алиев Галина',
      '1:Алиев Глеб',
      '1:Алиев Иван',
      '2:Борисов Ольга',
      '3:Волков Анна',
      '4:Громов Вера',
      '5:Дронов Нина',
      '5:Дронов Пётр',
      '6:Ежов Зоя',
    ]);
  });

  it('says when the diary was last opened and who needs paper', () => {
    const status = Object.fromEntries(rows.map((r) => [r.holderName, r.status]));
    expect(status['Алиев Галина']).toBe('просмотрено сегодня');
    expect(status['Алиев Иван']).toBe('просмотрено вчера');
    expect(status['Алиев Глеб']).toBe('нет ответа');
    expect(status['Борисов Ольга']).toBe('не открывали с 14.11.2026');
    expect(status['Дронов Нина']).toBe('не открывали с 01.11.2026');
    expect(status['Волков Анна']).toBe('бумажные выписки');
    expect(status['Ежов Зоя']).toBe('ещё не открывали');
    // Дронов: the father looked two days ago, so the family needs no paper though the mother is stale.
    expect(studentsNeedingPaper(rows)).toEqual(['st-b', 'st-c', 'st-f']);
  });

  it('the 14-day boundary: a view 13 days ago is fresh, 14 days ago is not', () => {
    const probe = (day: string) =>
      familyViewRows({
        students: [b],
        consents: [consent(b, 0, 'consent')],
        access: [access(b, 0, at(day, '08:00:00'))],
        today: TODAY,
        paperAfterDays: 14,
      })[0]!.needsPaper;
    expect(probe('2026-11-21')).toBe(false); // 13 days before 04.12
    expect(probe('2026-11-20')).toBe(true); // 14 days before
  });

  it('offers an unlock only for an open login the server reports locked', () => {
    const locked = (state: FamilyAccessRow['state']) =>
      familyViewRows({
        students: [b],
        consents: [consent(b, 0, 'consent')],
        access: [{ ...access(b, 0, at(TODAY), state), locked: true }],
        today: TODAY,
        paperAfterDays: 14,
      })[0]!.locked;
    expect(locked('active')).toBe(true);
    expect(locked('issued')).toBe(true);
    expect(locked('closed')).toBe(false);
    expect(rows.some((r) => r.locked)).toBe(false);
  });
});

describe('view-control sheet', () => {
  it('is a landscape PDF/A with every row, the paper marks and the signature line', async () => {
    const model = buildViewControlModel({
      schoolName: 'МБОУ СОШ № 7',
      className: '5А',
      classTeacher: 'Потапова Надежда Руслановна',
      from: '2026-11-21',
      to: TODAY,
      paperAfterDays: 14,
      issuedOn: TODAY,
      rows,
    });
    expect(model.paperCount).toBe(3);
    const path = savePdf(await renderViewControl(model, loadDocumentFonts()), 'view-control');
    checkPdf(path);
    const info = pdfInfo(path);
    expect(info.pages).toBe(1);
    expect(info.pageSize).toMatch(/841\.89 x 595\.28/);
    // Raw order: a cell's wrapped lines stay together.
    const flat = squash(pdfText(path, 'raw'));
    assertHas(flat, 'ЛИСТ КОНТРОЛЯ ЗА ПРОСМОТРОМ ЭЛЕКТРОННОГО ДНЕВНИКА');
    assertHas(flat, 'с 21.11.2026 по 04.12.2026');
    assertHas(flat, 'просмотрено сегодня');
    assertHas(flat, 'st-b-login0');
    assertHas(flat, 'Таких семей: 3');
    assertHas(flat, 'Классный руководитель');
    assertHas(flat, 'Потапова Надежда Руслановна');
    assertHas(flat, 'Алиев Иван (сам обучающийся): собственный логин');
    for (const r of rows) assertHas(flat, r.holderName);
  });
});
