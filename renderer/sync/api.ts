// HTTP calls to the school server (docs/SYNC.md): the protocol header, the Bearer token, the
// server's errors turned into SyncError with a Russian message and a kind the client acts on, and
// the server's time compared with this computer's; answers parsed with the shared wire schemas.
import { z } from 'zod';
import { ErrorBodySchema, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync-wire';
import { clockSkewOf } from './server-clock';

/** The wire protocol this client speaks (X-Journal-Protocol). */
export const CLIENT_PROTOCOL = PROTOCOL_VERSION;

export type SyncErrorKind =
  /** The server cannot be reached (network down, wrong address, server stopped). */
  | 'offline'
  /** 401: the token is unknown, revoked or the password changed — log in again. */
  | 'unauthorized'
  /** 426: this app is too old for the server. */
  | 'upgrade'
  /** 429 on login: wait `retryAfterSeconds`. */
  | 'throttled'
  /** Wrong login or password. */
  | 'credentials'
  /** The right one-time password: the owner must choose a new one (POST /api/v1/auth/password). */
  | 'passwordChange'
  /** Anything else the server answered (4xx/5xx). */
  | 'server';

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterSeconds: number | null = null,
    /** The server's error code (`{error: {code}}`), when it sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

const ErrorMessageOnly = z.object({
  error: ErrorBodySchema.shape.error.pick({ message: true }),
});

export const MESSAGES = {
  offline: 'Сервер школы недоступен: проверьте адрес и сеть',
  credentials: 'Неверный логин или пароль',
  sessionEnded: 'Сеанс завершён: войдите снова',
  upgrade: 'Обновите программу: сервер школы работает с более новой версией журнала',
  throttled: (s: number) => `Слишком много попыток входа, подождите ${s} с`,
  passwordChange: 'Это временный пароль: придумайте свой новый пароль, чтобы войти',
  badAnswer: 'Сервер школы ответил непонятно. Проверьте адрес сервера',
} as const;

export { normalizeServerUrl } from '../../shared/server-url';

interface RequestOptions<T = unknown> {
  /** The answer's schema (shared/sync-wire.ts): an answer of another shape is a SyncError. */
  answer?: z.ZodType<T>;
  token?: string | null;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** A file's bytes as the body (application/octet-stream) instead of JSON. */
  bytes?: Uint8Array;
  signal?: AbortSignal;
  /** Told this computer's clock minus the server's (ms) whenever an answer says the time. */
  onClockSkew?: (skewMs: number) => void;
}

/** Turns a non-OK response into a SyncError (reads the JSON error body when there is one). */
export async function responseError(res: Response): Promise<SyncError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: keep the status only
  }
  // A body of another shape (a proxy's page): the status only; a code this build does not know
  // (a newer server) is no code, but its Russian message is still shown.
  const parsed = ErrorBodySchema.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : null;
  const said = parsed.success ? parsed.data : ErrorMessageOnly.safeParse(body).data;
  const message = said?.error.message || null;
  if (res.status === 401 && code === 'INVALID_CREDENTIALS') {
    return new SyncError('credentials', MESSAGES.credentials, 401);
  }
  // The server says why the session ended (revoked device, compromised password): show its words.
  if (res.status === 401) {
    return new SyncError('unauthorized', message ?? MESSAGES.sessionEnded, 401);
  }
  if (res.status === 403 && code === 'PASSWORD_CHANGE_REQUIRED') {
    return new SyncError('passwordChange', message ?? MESSAGES.passwordChange, 403);
  }
  if (res.status === 426) return new SyncError('upgrade', MESSAGES.upgrade, 426);
  if (res.status === 429) {
    const seconds = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
    const wait = Number.isFinite(seconds) && seconds > 0 ? seconds : 30;
    return new SyncError('throttled', MESSAGES.throttled(wait), 429, wait);
  }
  return new SyncError(
    'server',
    message ?? `Ошибка сервера школы (${res.status})`,
    res.status,
    null,
    code,
  );
}

/** One request to the server (a JSON or a file body), answered with JSON. Throws SyncError. */
export async function apiRequest<T>(
  baseUrl: string,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    [PROTOCOL_HEADER]: String(CLIENT_PROTOCOL),
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.bytes) headers['content-type'] = 'application/octet-stream';
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  const sentAt = Date.now();
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.bytes
        ? new Blob([options.bytes as Uint8Array<ArrayBuffer>])
        : options.body === undefined
          ? null
          : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new SyncError('offline', MESSAGES.offline);
  }
  const skew = clockSkewOf(res, sentAt, Date.now());
  if (skew !== null) options.onClockSkew?.(skew);
  if (!res.ok) throw await responseError(res);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new SyncError('server', MESSAGES.badAnswer, res.status);
  }
  if (!options.answer) return body as T;
  const parsed = options.answer.safeParse(body);
  if (!parsed.success) {
    console.warn(`unexpected answer to ${path}`, parsed.error.issues.slice(0, 5));
    throw new SyncError('server', MESSAGES.badAnswer, res.status);
  }
  return parsed.data;
}
