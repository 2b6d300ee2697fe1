// First start of an empty server: the one-time set-up link `…/?setup=<code>` and the wire types
// of GET/POST /api/v1/setup, through which the first administrator account is created.
import { z } from 'zod';
import { hasUnsafeText, UNSAFE_TEXT_MESSAGE } from './text-safety';

/** The query parameter of the set-up link. */
export const SETUP_PARAM = 'setup';
export const SETUP_PATH = '/api/v1/setup';

/** The administrator's password: longer than a teacher's, it opens every account. */
export const MIN_ADMIN_PASSWORD = 10;

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasUnsafeText(s), UNSAFE_TEXT_MESSAGE);

/** GET /api/v1/setup → whether the server still waits for its first administrator. */
export const SetupStatusSchema = z.object({ required: z.boolean() }).strict();
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

/** POST /api/v1/setup */
export const SetupRequestSchema = z
  .object({
    code: text(200).pipe(z.string().min(20, 'Ссылка для настройки неполная: откройте её целиком')),
    login: text(100).pipe(z.string().trim().min(1, 'Введите логин администратора')),
    password: text(200).pipe(
      z
        .string()
        .min(MIN_ADMIN_PASSWORD, `Пароль администратора — не короче ${MIN_ADMIN_PASSWORD} знаков`),
    ),
    displayName: text(200).pipe(z.string().trim()).optional(),
  })
  .strict();
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

/** 201 from POST /api/v1/setup: the account made (sign in with it as usual). */
export const SetupAnswerSchema = z
  .object({
    account: z
      .object({
        id: z.string(),
        login: z.string(),
        displayName: z.string(),
        roles: z.array(z.literal('admin')),
      })
      .strict(),
  })
  .strict();
export type SetupAnswer = z.infer<typeof SetupAnswerSchema>;

/** "https://192.168.1.10:8080/?setup=…" */
export function setupLink(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/?${SETUP_PARAM}=${encodeURIComponent(code)}`;
}
