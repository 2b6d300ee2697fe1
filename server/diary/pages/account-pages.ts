// The diary's account pages: sign in, choose a new password (forced after a one-time password),
// the notification settings, a plain message page.
import { html, type Html } from '../html';
import { formBox, page, type PageFrame } from './layout';

export function loginPage(schoolName: string, notice: string | null): string {
  const fields = html`<label for="login">Логин</label
    ><input
      id="login"
      name="login"
      type="text"
      autocomplete="username"
      autocapitalize="none"
      spellcheck="false"
      required
      maxlength="100"
    /><label for="password">Пароль</label
    ><input
      id="password"
      name="password"
      type="password"
      autocomplete="current-password"
      required
      maxlength="200"
    />`;
  return page(
    { title: 'Вход', schoolName, holder: null, children: [], current: null, section: null },
    html`<h1>Вход в электронный дневник</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${formBox('/diary/login', 'Вход', fields, 'Войти')}
      <p class="note">
        Логин и пароль выдаёт классный руководитель после согласия родителя (законного
        представителя) на обработку персональных данных. Если пароль забыт или стал известен другим,
        сообщите классному руководителю не позже следующего рабочего дня: он выдаст новый.
      </p>`,
  );
}

export function passwordPage(frame: PageFrame, temporary: boolean): string {
  const current = temporary
    ? ''
    : html`<label for="current">Нынешний пароль</label
        ><input
          id="current"
          name="current"
          type="password"
          autocomplete="current-password"
          required
          maxlength="200"
        />`;
  const fields = html`${current}<label for="password">Новый пароль</label
    ><input
      id="password"
      name="password"
      type="password"
      autocomplete="new-password"
      required
      minlength="8"
      maxlength="200"
    /><label for="repeat">Новый пароль ещё раз</label
    ><input
      id="repeat"
      name="repeat"
      type="password"
      autocomplete="new-password"
      required
      minlength="8"
      maxlength="200"
    />`;
  return page(
    { ...frame, title: 'Новый пароль' },
    html`<h1>${temporary ? 'Придумайте свой пароль' : 'Сменить пароль'}</h1>
      ${temporary ? html`<p class="notice" role="status">Вы вошли с временным паролем из листка, выданного в школе. Чтобы открыть дневник, придумайте свой пароль: не короче 8 знаков, не совпадающий с логином. Временный пароль после этого перестанет действовать.</p>` : ''}${formBox('/diary/password', 'Новый пароль', fields, 'Сохранить пароль')}`,
  );
}

export interface NotificationView {
  email: string;
  dailyDigest: boolean;
  periodMarks: boolean;
  /** False: the school offers no e-mail (no SMTP server, or the channel is off). */
  available: boolean;
}

export function settingsPage(frame: PageFrame, view: NotificationView, saved: boolean): string {
  const check = (name: string, on: boolean, text: string) =>
    html`<label class="check"
      ><input type="checkbox" name="${name}" ${on ? html` checked` : ''} /> ${text}</label
    >`;
  const notifications = view.available
    ? formBox(
        '/diary/settings',
        'Уведомления',
        html`<p class="note">
            Письма приходят, только если вы сами их включили. Отключить можно здесь же в любой
            момент.
          </p>
          <label for="email">Адрес электронной почты</label
          ><input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            maxlength="120"
            value="${view.email}"
          />${check('dailyDigest', view.dailyDigest, 'Каждый день — отметки и пропуски за день (если они были)')}${check('periodMarks', view.periodMarks, 'Сразу — когда выставлена отметка за четверть (полугодие), год или итоговая')}`,
        'Сохранить',
      )
    : html`<p class="notice">
        Школа пока не настроила отправку писем: уведомления по электронной почте не приходят. Все
        сведения есть в дневнике.
      </p>`;
  return page(
    { ...frame, title: 'Настройки', section: 'settings' },
    html`<h1>Настройки</h1>
      ${saved ? html`<p class="notice" role="status">Сохранено.</p>` : ''}
      <h2>Уведомления</h2>
      ${notifications}
      <h2>Пароль</h2>
      <p><a href="/diary/password">Сменить пароль</a></p>
      <p class="note">SMS-уведомления школа не рассылает.</p>`,
  );
}

export function messagePage(frame: PageFrame, title: string, body: Html | string): string {
  return page(
    { ...frame, title },
    html`<h1>${title}</h1>
      <p>${body}</p>
      <p><a href="/diary">Вернуться в дневник</a></p>`,
  );
}
