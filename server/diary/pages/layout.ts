// The frame of every diary page: the school and the child at the top, the child switcher, the
// sections, one small script (forms only: the CSP forbids plain form submission).
import { html, raw, type Html } from '../html';
import { DIARY_CSS } from './style';

export const DIARY_SCRIPT_PATH = '/diary/diary.js?v=1';

export type DiarySection = 'week' | 'marks' | 'results' | 'schedule' | 'changes' | 'settings';

const SECTIONS: { id: Exclude<DiarySection, 'settings'>; label: string; path: string }[] = [
  { id: 'week', label: 'Неделя', path: '' },
  { id: 'marks', label: 'Отметки', path: '/marks' },
  { id: 'results', label: 'Итоги', path: '/results' },
  { id: 'schedule', label: 'Расписание', path: '/schedule' },
  { id: 'changes', label: 'Изменения', path: '/changes' },
];

export interface PageChild {
  studentId: string;
  name: string;
  className: string;
}

export interface PageFrame {
  title: string;
  schoolName: string;
  /** The signed-in account's name; null on the login page. */
  holder: string | null;
  children: readonly PageChild[];
  /** The child shown (null: a page of the account, such as settings). */
  current: PageChild | null;
  section: DiarySection | null;
}

export function childPath(studentId: string, section: DiarySection = 'week'): string {
  const s = SECTIONS.find((x) => x.id === section);
  return `/diary/c/${encodeURIComponent(studentId)}${s?.path ?? ''}`;
}

function head(title: string, schoolName: string): Html {
  return html`<!doctype html>
    <html lang="ru">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} — ${schoolName || 'Электронный дневник'}</title>
        <style>
          ${raw(DIARY_CSS)}
        </style>
        <script src="${DIARY_SCRIPT_PATH}" defer></script>
      </head>
    </html>`;
}

export function page(frame: PageFrame, body: Html): string {
  const current = frame.current;
  const sections = current
    ? SECTIONS.map(
        (s) =>
          html`<a
            href="${childPath(current.studentId, s.id)}"
            ${frame.section === s.id ? raw(' aria-current="page"') : ''}
            >${s.label}</a
          >`,
      )
    : [];
  const kids =
    frame.children.length > 1
      ? html`<p class="kids">
          ${frame.children.map(
            (c) =>
              html`<a
                href="${childPath(c.studentId, frame.section && frame.section !== 'settings' ? frame.section : 'week')}"
                ${c.studentId === current?.studentId ? raw(' aria-current="true"') : ''}
                >${c.name}</a
              >`,
          )}
        </p>`
      : '';
  const top = frame.holder
    ? html`<header class="top">
          <div class="wrap">
            <div class="school">Электронный дневник · ${frame.schoolName}</div>
            <div class="who">
              ${current ? html`${current.name}, ${current.className}` : frame.holder}
            </div>
            ${kids}
          </div>
        </header>
        <nav class="tabs" aria-label="Разделы дневника">
          ${sections}<a
            href="/diary/settings"
            ${frame.section === 'settings' ? raw(' aria-current="page"') : ''}
            >Настройки</a
          >
          <form action="/diary/logout" method="post" data-diary>
            <button type="submit">Выйти</button>
          </form>
        </nav>`
    : html`<header class="top">
        <div class="wrap">
          <div class="school">${frame.schoolName}</div>
          <div class="who">Электронный дневник</div>
        </div>
      </header>`;
  return html`${head(frame.title, frame.schoolName)}<body>${top}<main class="wrap">${body}<footer>${frame.holder ? html`Вы вошли как ${frame.holder}. ` : ''}Сведения об успеваемости предоставляются по согласию родителя (законного представителя). Не сообщайте логин и пароль другим людям.</footer></main></body></html>`
    .text;
}

/** A form the diary's script submits with fetch; `error` is where its Russian message appears. */
export function formBox(action: string, label: string, fields: Html, submit: string): Html {
  return html`<form class="box" action="${action}" method="post" data-diary aria-label="${label}">
    ${fields}
    <p class="error" role="alert" data-error></p>
    <noscript><p class="error">Для отправки формы включите JavaScript в браузере.</p></noscript
    ><button class="primary" type="submit">${submit}</button>
  </form>`;
}
