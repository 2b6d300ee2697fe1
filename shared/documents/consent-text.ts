// The wording of the consent application, the refusal and the withdrawal (seeds 000 and 004, 152-ФЗ art. 9 part 4).
// Where the registry holds no value the text gets a line of underscores to fill by hand.
import type { GuardianKind } from '../student';
import type {
  ConsentApplication,
  ConsentGuardian,
  ConsentModel,
  ConsentSchool,
} from './consent-model';
import { formatDate } from './source';

export interface ConsentParagraph {
  /** Bold lead-in ("Цель обработки: "), printed before the text. */
  label?: string;
  text: string;
}

export interface ConsentText {
  title: string;
  subtitle: string;
  paragraphs: ConsentParagraph[];
  /** A ticked-by-hand request for paper extracts (refusal, withdrawal). */
  paperRequest?: string;
  /** Receipt of the login and password, signed separately (consent). */
  receipt?: string;
  /** The pupil's own line (14–17 years old), signed separately. */
  pupilConsent?: string;
}

/** No-break space: a blank date or "№ ____" never breaks across lines. */
const NB = '\u00a0';

/** Lines to fill by hand, by how much they usually hold. */
export const BLANK = {
  short: '__________',
  medium: '______________________',
  long: '____________________________________________',
  date: `«____»${NB}______________${NB}20____${NB}г.`,
} as const;

const or = (value: string, blank: string) => (value.trim() ? value.trim() : blank);

function operator(s: ConsentSchool): string {
  const ids = [s.operatorInn && `ИНН ${s.operatorInn}`, s.operatorOgrn && `ОГРН ${s.operatorOgrn}`]
    .filter(Boolean)
    .join(', ');
  return `${s.operatorName} (адрес: ${s.operatorAddress}${ids ? `; ${ids}` : ''})`;
}

/** 152-ФЗ art. 9 part 4 item 6: who processes the data on the operator's behalf, if anyone. */
export function processorStatement(s: ConsentSchool): string {
  if (!s.processorName.trim()) {
    return 'обработка персональных данных по поручению оператора третьим лицам не поручается.';
  }
  const address = s.processorAddress.trim() ? ` (адрес: ${s.processorAddress.trim()})` : '';
  return `обработку персональных данных по поручению оператора осуществляет ${s.processorName.trim()}${address}.`;
}

const KIND_INSTRUMENTAL: Record<GuardianKind, string> = {
  mother: 'матерью',
  father: 'отцом',
  guardian: 'опекуном (попечителем)',
  other: 'законным представителем',
};

function agree(female: boolean | null, male: string, fem: string, both: string): string {
  return female === null ? both : female ? fem : male;
}

/** "паспорт гражданина Российской Федерации серия 45 12 № 654321, выдан 03.04.2012 ОУФМС …" */
export function identityText(g: ConsentGuardian | null): string {
  const d = g?.identityDocument;
  const date = d?.issuedOn ? formatDate(d.issuedOn) : BLANK.date;
  return (
    `${or(d?.kind ?? '', 'документ, удостоверяющий личность, ' + BLANK.medium)} ` +
    `серия${NB}${or(d?.series ?? '', BLANK.short)} №${NB}${or(d?.number ?? '', BLANK.short)}, ` +
    `выдан${NB}${date} ${or(d?.issuedBy ?? '', BLANK.long)}`
  );
}

/** The document confirming the authority to act for the child; a blank birth certificate line when unknown. */
function authorityText(g: ConsentGuardian | null): string {
  if (g?.authorityDocument.trim()) return g.authorityDocument.trim();
  if (g && (g.kind === 'guardian' || g.kind === 'other')) {
    return `документ, подтверждающий полномочия: ${BLANK.long}`;
  }
  return `свидетельство о рождении ребёнка серия${NB}${BLANK.short} №${NB}${BLANK.short} от${NB}${BLANK.date}`;
}

/** "Я, Иванова Мария Петровна, паспорт …, зарегистрированная по адресу …, являясь матерью …" */
function representative(a: ConsentApplication): string {
  const g = a.guardian;
  const female = g?.female ?? null;
  const birth = a.child.birthDate ? `, ${formatDate(a.child.birthDate)} года рождения` : '';
  return (
    `Я, ${g ? g.fullName : BLANK.long}, ${identityText(g)}, ` +
    `${agree(female, 'зарегистрированный', 'зарегистрированная', 'зарегистрированный(-ая)')} по адресу: ` +
    `${or(g?.address ?? '', BLANK.long)}, являясь ${g ? KIND_INSTRUMENTAL[g.kind] : 'родителем (законным представителем)'} ` +
    `${a.child.genitive}${birth}, ${a.child.female ? 'проживающей' : 'проживающего'} по адресу: ` +
    `${or(a.child.address, BLANK.long)}, на основании: ${authorityText(g)}`
  );
}

function pupil(a: ConsentApplication, s: ConsentSchool, dative: boolean): string {
  const word = dative
    ? a.child.female
      ? 'обучающейся'
      : 'обучающемуся'
    : a.child.female
      ? 'обучающейся'
      : 'обучающегося';
  return `${word} ${a.className} класса ${s.shortName}`;
}

const PAPER_REQUEST =
  'Прошу предоставлять мне сведения о текущей успеваемости и посещаемости ребёнка в виде выписок ' +
  'из электронного журнала на бумаге (выдаёт классный руководитель).';

export function consentText(model: ConsentModel, a: ConsentApplication): ConsentText {
  const s = model.school;
  const system = `«${s.informationSystem}»`;
  switch (model.variant) {
    case 'consent':
      return {
        title: 'ЗАЯВЛЕНИЕ',
        subtitle:
          'о предоставлении доступа к электронному журналу и электронному дневнику ' +
          'и согласие на обработку персональных данных',
        paragraphs: [
          {
            text:
              `Прошу предоставить мне и моему ребёнку ${a.child.dative}, ${pupil(a, s, true)}, ` +
              `доступ к информационной системе ${system} (электронный журнал и электронный дневник) ` +
              'для получения информации о текущей успеваемости и посещаемости ребёнка.',
          },
          {
            text:
              `${representative(a)}, в соответствии со статьёй 9 Федерального закона от 27.07.2006 ` +
              `№ 152-ФЗ «О персональных данных» даю согласие оператору — ${operator(s)} — на обработку ` +
              'моих персональных данных и персональных данных моего ребёнка на следующих условиях.',
          },
          {
            label: 'Цель обработки: ',
            text:
              'ведение электронного журнала успеваемости и посещаемости; предоставление мне и ребёнку сведений ' +
              'об успеваемости, посещаемости, расписании, темах уроков и домашних заданиях в электронном дневнике; ' +
              'выдача выписок из журнала.',
          },
          {
            label: 'Перечень персональных данных: ',
            text:
              'фамилия, имя, отчество ребёнка и родителя (законного представителя); дата рождения и адрес ребёнка; ' +
              'класс (группа); отметки текущего контроля и промежуточной аттестации; сведения о посещаемости; ' +
              'адрес регистрации, номер телефона и адрес электронной почты родителя; реквизиты документа, ' +
              'удостоверяющего личность родителя, и документа, подтверждающего его полномочия; логин учётной записи.',
          },
          { label: 'Обработка по поручению оператора: ', text: processorStatement(s) },
          {
            label: 'Действия с персональными данными: ',
            text:
              'сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, ' +
              'использование, передача (предоставление, доступ) в случаях, установленных законодательством, ' +
              'блокирование, удаление, уничтожение; обработка смешанная — с использованием средств автоматизации и без них.',
          },
          {
            label: 'Срок действия согласия: ',
            text: 'со дня подписания до окончания обучения ребёнка в образовательной организации или до его отзыва.',
          },
          {
            label: 'Порядок отзыва: ',
            text:
              'согласие может быть отозвано в любое время письменным заявлением на имя директора; после отзыва ' +
              'доступ к электронному дневнику прекращается, сведения об успеваемости выдаются на бумаге.',
          },
          {
            text:
              'Обязуюсь не передавать логин и пароль иным лицам. При их разглашении или компрометации обязуюсь ' +
              'в течение одного рабочего дня сообщить об этом директору или классному руководителю для блокировки ' +
              'и замены. Мне известно, что все операции, совершённые с моей учётной записью после такого сообщения, ' +
              `признаются недействительными, а в случае передачи логина и пароля иным лицам ${s.shortName} ` +
              'не несёт ответственности за разглашение персональных данных.',
          },
        ],
        receipt:
          'Персональный логин и пароль для доступа к электронному журналу (дневнику) получил(а).',
        ...(a.pupilSignature
          ? {
              pupilConsent:
                'С заявлением ознакомлен(а), на обработку моих персональных данных на указанных условиях ' +
                'согласен (согласна) — обучающийся (обучающаяся) в возрасте от 14 до 18 лет:',
            }
          : {}),
      };
    case 'refusal':
      return {
        title: 'ЗАЯВЛЕНИЕ',
        subtitle:
          'об отказе от предоставления информации в электронной форме (электронного дневника)',
        paragraphs: [
          {
            text:
              `${representative(a)}, подтверждаю, что мне была предложена услуга «Предоставление информации ` +
              'о текущей успеваемости обучающегося, ведение электронного дневника и электронного журнала ' +
              `успеваемости» — доступ к информационной системе ${system} для меня и моего ребёнка ` +
              `${a.child.genitive}, ${pupil(a, s, false)}. Услуга мне была предложена, но необходимости ` +
              'в ней у меня нет.',
          },
          {
            text:
              'Согласия на обработку моих персональных данных и персональных данных ребёнка для предоставления ' +
              'доступа к электронному дневнику (статья 9 Федерального закона от 27.07.2006 № 152-ФЗ ' +
              '«О персональных данных») не даю; логин и пароль мне не выдаются. Мне разъяснено, что учёт ' +
              'успеваемости и посещаемости ведётся школой в соответствии с законодательством об образовании, ' +
              'а сведения о текущей успеваемости и посещаемости ребёнка я могу получать в виде выписок из ' +
              'электронного журнала на бумаге.',
          },
          {
            text: 'Я вправе в любое время подать заявление о предоставлении доступа к электронному дневнику.',
          },
        ],
        paperRequest: PAPER_REQUEST,
      };
    case 'withdrawal':
      return {
        title: 'ЗАЯВЛЕНИЕ',
        subtitle: 'об отзыве согласия на обработку персональных данных',
        paragraphs: [
          {
            text:
              `${representative(a)}, в соответствии с частью 2 статьи 9 Федерального закона от 27.07.2006 ` +
              '№ 152-ФЗ «О персональных данных» отзываю согласие на обработку моих персональных данных и ' +
              `персональных данных моего ребёнка ${a.child.genitive}, ${pupil(a, s, false)}, данное ` +
              `${a.consentDate ? formatDate(a.consentDate) : BLANK.date} оператору — ${operator(s)} — ` +
              `для предоставления доступа к информационной системе ${system}.`,
          },
          {
            text:
              'Прошу прекратить обработку указанных персональных данных для электронного дневника, заблокировать ' +
              'выданные мне и ребёнку логины и пароли и уведомить меня о прекращении обработки. Мне известно, что ' +
              'оператор прекращает обработку в срок, не превышающий тридцати дней с даты поступления отзыва ' +
              '(часть 5 статьи 21 Федерального закона № 152-ФЗ), а учёт успеваемости и посещаемости ведётся ' +
              'школой в соответствии с законодательством об образовании.',
          },
        ],
        paperRequest: PAPER_REQUEST,
      };
  }
}
