// The diary's HTTP plumbing, apart from its pages: the session cookie (HttpOnly, /diary only), the
// check that a form was posted by the diary's own script on this origin (CSRF), the redirect a
// page handler throws, and how a page is sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { FAMILY_SESSION_LIFETIME } from '../family/sessions';

export const SESSION_COOKIE = 'diary_session';
/** Only the diary's own script sends it; a form on another site cannot (no CORS for /diary). */
export const FORM_HEADER = 'x-diary-form';

export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const pair of header.split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}

export function sessionCookie(request: FastifyRequest, token: string | null): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const life = token
    ? `; Max-Age=${Math.floor(FAMILY_SESSION_LIFETIME.absoluteMs / 1000)}`
    : '; Max-Age=0';
  return `${SESSION_COOKIE}=${token ?? ''}; Path=/diary; HttpOnly; SameSite=Lax${life}${secure}`;
}

/** A POST must come from the diary's own script on this origin. */
export function checkForm(request: FastifyRequest): void {
  const refuse = () => {
    throw new ApiError(
      403,
      'FORBIDDEN',
      'Форма отправлена не со страницы дневника. Откройте дневник заново.',
    );
  };
  if (request.headers[FORM_HEADER] !== '1') refuse();
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin') refuse();
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== `${request.protocol}://${request.headers.host}`) {
    refuse();
  }
}

/** Thrown by page handlers: a redirect (session ended, password to change). */
export class Redirect extends Error {
  constructor(readonly location: string) {
    super(location);
  }
}

/** An HTML page; the week page may be kept by the phone (`private, no-cache`), others never. */
export function sendPage(
  reply: FastifyReply,
  body: string,
  status = 200,
  cache = 'no-store',
): FastifyReply {
  return reply
    .code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', cache)
    .send(body);
}
