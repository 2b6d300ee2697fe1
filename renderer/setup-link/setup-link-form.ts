// The set-up link's form (`/?setup=<code>`): the typed fields checked with the shared request schema,
// and the server's answer mapped back onto the fields, every message in Russian.
import { SETUP_PARAM, SetupRequestSchema, type SetupRequest } from '../../shared/setup';
import { parseProblems } from '../../shared/setup/problems';

/** Where the sign-in form finds the login just created (sessionStorage: this tab only). */
export const SETUP_LOGIN_KEY = 'journal.setup-login';

export interface SetupLinkFields {
  login: string;
  displayName: string;
  password: string;
  passwordAgain: string;
}
export type SetupLinkField = keyof SetupLinkFields;
export type SetupLinkErrors = Partial<Record<SetupLinkField | 'form', string>>;

/** The set-up code of the page's query string, or null when the page is not a set-up link. */
export function setupCodeOf(search: string): string | null {
  const code = new URLSearchParams(search).get(SETUP_PARAM);
  return code === null ? null : code.trim();
}

const FIELD_OF: Record<string, SetupLinkField | 'form'> = {
  login: 'login',
  displayName: 'displayName',
  password: 'password',
  code: 'form',
};

/** The request to send, or the messages to show next to the fields. */
export function checkSetupLinkForm(
  code: string,
  fields: SetupLinkFields,
): { ok: true; request: SetupRequest } | { ok: false; errors: SetupLinkErrors } {
  const errors: SetupLinkErrors = {};
  const parsed = parseProblems(SetupRequestSchema, {
    code,
    login: fields.login,
    password: fields.password,
    displayName: fields.displayName,
  });
  for (const p of parsed.problems) {
    const field = FIELD_OF[p.path.split('.')[0] ?? ''] ?? 'form';
    errors[field] ??= p.message;
  }
  if (!fields.displayName.trim()) errors.displayName ??= 'Введите фамилию, имя и отчество';
  if (fields.password !== fields.passwordAgain)
    errors.passwordAgain = 'Пароли не совпадают: введите пароль ещё раз так же';
  if (parsed.data === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: parsed.data };
}

/** The server's refusal ({error: {message, details: [{path, message}]}}) as field messages. */
export function serverErrors(status: number, body: unknown): SetupLinkErrors {
  const error = (body as { error?: { message?: unknown; details?: unknown } } | null)?.error;
  const out: SetupLinkErrors = {};
  if (Array.isArray(error?.details)) {
    for (const d of error.details as { path?: unknown; message?: unknown }[]) {
      const first = Array.isArray(d.path) ? String(d.path[0] ?? '') : '';
      const field = FIELD_OF[first] ?? 'form';
      if (typeof d.message === 'string') out[field] ??= d.message;
    }
  }
  if (Object.keys(out).length === 0) {
    out.form =
      typeof error?.message === 'string' && error.message
        ? error.message
        : `Сервер школы не создал учётную запись (ошибка ${status})`;
  }
  return out;
}
