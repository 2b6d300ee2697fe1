// Renders login slips: one per page, the login and the one-time password large, the rules of the
// school's regulation (seed 004) on keeping them, and the receipt signed by the holder.
import type { LoginSlip, LoginSlipModel } from './login-slip-model';
import type { PdfWriter } from './pdf';
import { FONT, PdfWriter as Writer } from './pdf';
import type { DocumentFonts } from './source';
import { formatDate } from './source';

const BODY = 10;

export async function renderLoginSlips(
  model: LoginSlipModel,
  fonts: DocumentFonts,
): Promise<Uint8Array> {
  const w = new Writer(
    fonts,
    {
      title: 'Листок доступа к электронному дневнику',
      subject: `${model.schoolName}; листков: ${model.slips.length}`,
      author: model.schoolName,
      keywords: 'электронный дневник, логин, пароль',
    },
    {
      layout: 'portrait',
      margins: { top: 42, bottom: 40, left: 56, right: 42 },
      footerLabel: `${model.schoolName}. Листок доступа к электронному дневнику. Хранить в тайне`,
    },
  );
  if (model.slips.length === 0) {
    w.section('');
    w.font(FONT.regular, BODY);
    w.doc.text('Нет выданных логинов.', w.left, w.top);
  }
  for (const slip of model.slips) renderSlip(w, model, slip);
  return w.finish();
}

function row(w: PdfWriter, label: string, value: string, size = BODY): void {
  const doc = w.doc;
  const y = doc.y;
  w.font(FONT.regular, BODY);
  doc.text(label, w.left, y + (size - BODY) * 0.6, { width: 150 });
  w.font(FONT.bold, size);
  doc.text(value, w.left + 150, y, {
    width: w.width - 150,
    // Neither letter spacing nor kerning: both opened gaps between «vv», «yy» that read as a space
    // on paper and in the text layer, and a parent would type the space into the password.
    characterSpacing: 0,
    features: [],
  });
  doc.y = Math.max(doc.y, y + size * 1.25) + 4;
}

function renderSlip(w: PdfWriter, model: LoginSlipModel, s: LoginSlip): void {
  const doc = w.doc;
  w.section(s.holderName);
  w.font(FONT.regular, BODY);
  doc.text(model.schoolName, w.left, w.top, { width: w.width, align: 'center' });
  w.font(FONT.bold, 14);
  doc.text('ЛИСТОК ДОСТУПА К ЭЛЕКТРОННОМУ ДНЕВНИКУ', w.left, doc.y + 6, {
    width: w.width,
    align: 'center',
  });
  w.font(FONT.italic, 9);
  doc.text('выдаётся лично; логин и пароль не передавайте другим лицам', {
    width: w.width,
    align: 'center',
  });
  doc.y += 14;

  row(w, 'Владелец', `${s.holderName} — ${s.holderRole}`);
  row(w, 'Обучающийся', `${s.studentName}, ${s.className} класс`);
  row(w, 'Адрес дневника', s.diaryUrl);
  doc.y += 4;
  const boxTop = doc.y;
  doc.y += 10;
  row(w, 'Логин', s.login, 18);
  if (s.password) {
    row(w, 'Временный пароль', s.password, 18);
  } else {
    row(w, 'Пароль', 'прежний — тот, что вы придумали сами');
  }
  const boxBottom = doc.y + 4;
  doc
    .save()
    .lineWidth(1)
    .rect(w.left - 6, boxTop, w.width + 12, boxBottom - boxTop)
    .stroke()
    .restore();
  doc.y = boxBottom + 10;

  w.font(FONT.regular, BODY);
  const para = (text: string) => {
    doc.text(text, w.left, doc.y, { width: w.width, align: 'justify', lineGap: 1 });
    doc.y += 4;
  };
  if (s.password) {
    para(
      `Временный пароль действует только для первого входа${s.passwordValidUntil ? ` и до ${s.passwordValidUntil}` : ''}. ` +
        'После входа дневник попросит придумать свой пароль — не короче 8 знаков; временный пароль после этого перестанет действовать.',
    );
  } else {
    para(
      'Этот логин уже открывает дневник другого вашего ребёнка в нашей школе: теперь в нём есть и этот ребёнок. ' +
        'Входите с прежним паролем. Если пароль забыт, попросите у классного руководителя новый.',
    );
  }
  w.font(FONT.bold, BODY);
  doc.text('Как войти', w.left, doc.y + 4, { width: w.width });
  w.font(FONT.regular, BODY);
  const steps = [
    `1. Откройте в браузере телефона или компьютера адрес ${s.diaryUrl}.`,
    '2. Введите логин и пароль с этого листка (буквы латинские, строчные; без пробелов).',
    '3. В дневнике: отметки и пропуски по дням, темы и домашние задания, предложение отметки за четверть и как оно получено, расписание контрольных работ, каникулы, учителя; в разделе «Настройки» можно включить письма об отметках.',
  ];
  for (const step of steps) para(step);
  w.font(FONT.bold, BODY);
  doc.text('Обязательства владельца', w.left, doc.y + 4, { width: w.width });
  w.font(FONT.regular, BODY);
  para(
    'Логин и пароль персональные: их нельзя передавать другим лицам. Если пароль стал известен посторонним, ' +
      'сообщите классному руководителю или руководителю школы не позднее одного рабочего дня со дня, когда это стало известно: ' +
      'учётную запись заблокируют и выдадут новый пароль; все операции с ней после сообщения признаются недействительными. ' +
      'После передачи логина и пароля другому лицу школа не несёт ответственности за разглашение персональных данных.',
  );
  para(
    'Согласие на обработку персональных данных можно отозвать письменным заявлением: доступ к дневнику закроется сразу, ' +
      'сведения об успеваемости будут выдаваться на бумаге.',
  );

  const y = Math.min(doc.y + 34, w.bottom - 60);
  w.font(FONT.regular, BODY);
  doc.text('Логин и пароль получил(а)', w.left, y - 12, { lineBreak: false });
  w.fillLine(w.left + 140, y, 100, '(подпись)');
  w.fillLine(w.left + 255, y, w.width - 255 - 110, '(расшифровка подписи)', s.holderName);
  w.fillLine(w.right - 95, y, 95, '(дата)');
  const y2 = y + 36;
  w.font(FONT.regular, BODY);
  doc.text('Выдал(а) классный руководитель', w.left, y2 - 12, { lineBreak: false });
  w.fillLine(w.left + 170, y2, 100, '(подпись)');
  w.fillLine(w.left + 285, y2, w.width - 285, '(расшифровка подписи)');
  w.font(FONT.regular, 8);
  doc.text(`Листок напечатан ${formatDate(model.issuedOn)}.`, w.left, y2 + 18, { width: w.width });
}
