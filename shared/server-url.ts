// Which school-server addresses the desktop may connect to: https:// anywhere; http:// only to this
// computer (localhost, 127.x, ::1) unless the school's administrator allowed unencrypted
// connections in the desktop's settings — a password and pupils' data sent over http:// can be
// read by anyone on the school network.

// WHATWG URL exists wherever shared/ runs; shared/ is compiled without DOM or Node types.
declare const URL: new (input: string) => {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
  hash: string;
  search: string;
  href: string;
};

export interface ServerUrlPolicy {
  /** Set by the administrator (desktop settings): allow http:// to other computers. */
  allowInsecureHttp: boolean;
}

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; message: string };

export const INSECURE_HTTP_MESSAGE =
  'Адрес начинается с http://: соединение с сервером не шифруется, и пароль вместе с данными ' +
  'учеников можно перехватить в сети школы. Укажите адрес, начинающийся с https:// (его ' +
  'показывает сервер школы при запуске). Подключение без шифрования к другому компьютеру ' +
  'возможно, только если его разрешил администратор в настройках программы.';

/** localhost, 127.0.0.0/8, ::1 — this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * "journal.school7.ru" → "https://journal.school7.ru", "localhost:8080" → "http://localhost:8080";
 * trailing slashes removed.
 */
export function normalizeServerUrl(input: string): string {
  let url = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const host = url.split(/[/:]/)[0] ?? '';
    url = `${isLoopbackHost(host) ? 'http' : 'https'}://${url}`;
  }
  return url.replace(/\/+$/, '');
}

/** Checks a typed or configured address against the policy; the URL comes back normalized. */
export function checkServerUrl(input: string, policy: ServerUrlPolicy): ServerUrlCheck {
  const normalized = normalizeServerUrl(input);
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(normalized);
  } catch {
    return {
      ok: false,
      message: 'Адрес сервера записан неверно. Пример: https://journal.school7.ru:8080',
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'Адрес сервера должен начинаться с https://' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'В адресе сервера не должно быть логина и пароля' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !policy.allowInsecureHttp) {
    return { ok: false, message: INSECURE_HTTP_MESSAGE };
  }
  return { ok: true, url: normalized };
}
