// Renders the login sheet: one A4 page per person — name, position, the server's address, login
// and one-time password in large type, what to do at the first sign-in, and a receipt to sign.
import type { LoginSheetModel, LoginSheetPerson } from './login-sheet-model';
import { FONT, MM, PdfWriter } from './pdf';
import type { DocumentFonts } from './source';

const STEPS = [
  'Откройте программу «Классный журнал» на компьютере или адрес сервера в браузере.',
  'Введите логин и временный пароль с этого листа.',
  'Журнал попросит придумать свой пароль — не меньше 8 знаков. Временный пароль после этого не действует.',
  'Никому не сообщайте свой пароль. Если пароль стал известен другим, в течение рабочего дня сообщите администратору школы: он заблокирует учётную запись и выдаст новый временный пароль.',
];

export async function renderLoginSheet(
  model: LoginSheetModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const w = new PdfWriter(
    fonts,
    {
      // No names, logins or passwords in the metadata: only what the file is.
      title: 'Лист входа в электронный журнал',
      subject: `${model.school.shortName}; листов: ${model.people.length}`,
      author: model.school.shortName,
      keywords: 'логин, временный пароль',
    },
    {
      layout: 'portrait',
      margins: { top: 20 * MM, bottom: 16 * MM, left: 22 * MM, right: 18 * MM },
      footerLabel: `${model.school.shortName}. Лист входа в электронный журнал`,
    },
  );
  for (const person of model.people) page(w, model, person);
  return w.finish();
}

function page(w: PdfWriter, model: LoginSheetModel, p: LoginSheetPerson): void {
  w.section(p.name);
  const doc = w.doc;
  w.font(FONT.regular, 10);
  doc.text(model.school.shortName, w.left, w.top, { width: w.width });
  w.font(FONT.bold, 16);
  doc.text('Вход в электронный журнал', w.left, doc.y + 10, { width: w.width });
  w.font(FONT.bold, 14);
  doc.text(p.name, w.left, doc.y + 14, { width: w.width });
  if (p.position) {
    w.font(FONT.regular, 11);
    doc.text(p.position, w.left, doc.y + 2, { width: w.width });
  }

  let y = doc.y + 18;
  const labelWidth = 52 * MM;
  const row = (label: string, value: string, size: number) => {
    w.font(FONT.regular, 11);
    doc.text(label, w.left + 4 * MM, y + (size - 11) * 0.8, { lineBreak: false });
    const fitted = w.fitSize(value, w.width - labelWidth - 8 * MM, size, 9, FONT.bold) ?? 9;
    w.font(FONT.bold, fitted);
    // No kerning: a kerned pair can open a gap that reads as a space in a password.
    doc.text(value, w.left + labelWidth, y, { lineBreak: false, features: [] });
    y += size * 1.9;
  };
  const boxTop = y - 8;
  row('Адрес сервера', model.serverUrl || '—', 13);
  row('Логин', p.login, 18);
  row('Временный пароль', p.password, 18);
  doc
    .save()
    .lineWidth(0.8)
    .rect(w.left, boxTop, w.width, y - boxTop)
    .stroke()
    .restore();

  w.font(FONT.bold, 11);
  doc.text('При первом входе', w.left, y + 16, { width: w.width });
  w.font(FONT.regular, 10.5);
  STEPS.forEach((step, i) => {
    doc.text(`${i + 1}. ${step}`, w.left, doc.y + 5, { width: w.width, lineGap: 1.5 });
  });

  w.font(FONT.regular, 10.5);
  doc.text(`Выдано ${model.issuedOn}.`, w.left, doc.y + 24, { width: w.width });
  const lineY = doc.y + 30;
  const third = (w.width - 12 * MM) / 3;
  w.fillLine(w.left, lineY, third * 1.3, 'подпись получившего');
  w.fillLine(w.left + third * 1.3 + 6 * MM, lineY, third * 1.2, 'расшифровка подписи');
  w.fillLine(w.left + third * 2.5 + 12 * MM, lineY, third * 0.5, 'дата');
}
