// Login slips of the e-diary: valid PDF/A with embedded fonts, one page per slip, the login and the
// one-time password readable by pdftotext, the keeping rules and the receipt; a shared login says
// the password stays.
import { describe, expect, it } from 'vitest';
import { buildLoginSlipModel, renderLoginSlips } from '../../../shared/documents';
import { loadDocumentFonts } from '../../../shared/documents/fonts.node.js';
import type { IssuedLogin } from '../../../shared/family-access';
import { assertHas, checkPdf, LONG_NAME, pdfInfo, pdfText, savePdf, squash } from './helpers';

const issued = (over: Partial<IssuedLogin> = {}): IssuedLogin => ({
  accountKind: 'guardian',
  login: 'alieva-4821',
  password: 'k7qm-4vzp-x2hd',
  passwordValidUntil: '2026-12-31T09:00:00.000Z',
  holderName: 'Алиева Галина Васильевна',
  studentId: 'st-1',
  studentName: 'Алиев Марк Глебович',
  className: '5А',
  schoolName: 'МБОУ СОШ № 7',
  diaryUrl: null,
  sharedWithOtherChildren: false,
  ...over,
});

describe('login slip', () => {
  it('prints the login, the one-time password, the address, the rules and the receipt', async () => {
    const model = buildLoginSlipModel(
      [
        issued(),
        issued({
          accountKind: 'student',
          login: 'preobrazhenskaia-0042',
          holderName: `${LONG_NAME.lastName} ${LONG_NAME.firstName} ${LONG_NAME.middleName}`,
          studentName: `${LONG_NAME.lastName} ${LONG_NAME.firstName} ${LONG_NAME.middleName}`,
          diaryUrl: 'https://diary.school7.ru/',
        }),
      ],
      { serverUrl: 'https://192.168.1.10:8443', issuedOn: '2026-12-01' },
    );
    const path = savePdf(await renderLoginSlips(model, loadDocumentFonts()), 'login-slip');
    checkPdf(path);
    expect(pdfInfo(path).pages).toBe(2);
    const text = pdfText(path, 'raw');
    // The login and the password survive text extraction exactly (what the family types).
    expect(text).toContain('alieva-4821');
    expect(text).toContain('k7qm-4vzp-x2hd');
    expect(text).toContain('preobrazhenskaia-0042');
    const flat = squash(text);
    assertHas(flat, 'https://192.168.1.10:8443/diary');
    assertHas(flat, 'https://diary.school7.ru/diary');
    assertHas(flat, 'Алиев Марк Глебович, 5А класс');
    assertHas(flat, 'родитель (законный представитель)');
    assertHas(flat, 'обучающийся');
    assertHas(flat, 'до 31.12.2026');
    assertHas(flat, 'не позднее одного рабочего дня');
    assertHas(flat, 'признаются недействительными');
    assertHas(flat, 'Логин и пароль получил(а)');
    assertHas(flat, LONG_NAME.lastName);
  });

  it('a login shared with another child keeps the password and says so', async () => {
    const model = buildLoginSlipModel(
      [issued({ password: null, passwordValidUntil: null, sharedWithOtherChildren: true })],
      {
        serverUrl: 'http://127.0.0.1:8080',
        issuedOn: '2026-12-01',
      },
    );
    const path = savePdf(await renderLoginSlips(model, loadDocumentFonts()), 'login-slip-shared');
    checkPdf(path);
    const flat = squash(pdfText(path));
    assertHas(flat, 'прежний — тот, что вы придумали сами');
    assertHas(flat, 'Входите с прежним паролем');
    expect(flat).not.toContain('Временныйпароль');
  });

  it('prints a password as one word: no gap a parent would type as a space', async () => {
    // Passwords whose letter pairs («vv», «yy», «vy») were printed with a visible gap.
    const passwords = ['afvv-bk7f-2vxz', 'y96b-xsyy-2xcp', 'h3m6-tvhv-vy2r', 'efyc-wc86-5zyy'];
    const model = buildLoginSlipModel(
      passwords.map((password, i) => issued({ password, login: `alieva-000${i}` })),
      { serverUrl: 'http://127.0.0.1:8080', issuedOn: '2026-12-01' },
    );
    const path = savePdf(await renderLoginSlips(model, loadDocumentFonts()), 'login-slip-gaps');
    const printed = [...pdfText(path).matchAll(/Временный пароль {2,}(\S.*)/g)].map((m) =>
      m[1]!.trim(),
    );
    expect(printed).toEqual(passwords);
  });
});
