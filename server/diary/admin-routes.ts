// The administrator's e-diary settings over HTTP (the console has the same commands):
//   GET  /api/v1/admin/diary-settings             the settings (the SMTP password never leaves)
//   POST /api/v1/admin/diary-settings             change some of them
//   POST /api/v1/admin/diary-settings/test-mail   {to}: one letter through the SMTP server now
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Db } from '../db/db';
import { ApiError } from '../errors';
import { parseBody } from '../validation';
import { deliveryError, emailChannel } from '../notify/channels';
import { outboxCounts } from '../notify/outbox';
import {
  DiarySettingsSchema,
  publicSettings,
  readDiarySettings,
  SmtpSettingsSchema,
  writeDiarySettings,
} from './settings';

const patchBody = DiarySettingsSchema.partial().extend({
  // The password is kept when a form sends the SMTP settings back without it.
  smtp: SmtpSettingsSchema.extend({ password: z.string().max(200).optional() })
    .nullable()
    .optional(),
});
const testBody = z.object({
  to: z.string().trim().email('Неверный адрес электронной почты').max(120),
});

export function registerDiaryAdminRoutes(app: FastifyInstance, options: { db: Db }): void {
  const { db } = options;
  const auth = authenticate(db);

  app.get('/api/v1/admin/diary-settings', { onRequest: auth }, async (request) => {
    requireRole(request, 'admin');
    const settings = await readDiarySettings(db);
    return { settings: publicSettings(settings), outbox: await outboxCounts(db) };
  });

  app.post('/api/v1/admin/diary-settings', { onRequest: auth }, async (request) => {
    const user = requireRole(request, 'admin');
    const patch = parseBody(patchBody, request.body);
    const current = await readDiarySettings(db);
    const smtp =
      patch.smtp === undefined
        ? current.smtp
        : patch.smtp === null
          ? null
          : { ...patch.smtp, password: patch.smtp.password ?? current.smtp?.password ?? '' };
    const next = parseBody(DiarySettingsSchema, { ...current, ...patch, smtp });
    const stored = await writeDiarySettings(db, next, user.login);
    request.log.warn({ by: user.login }, 'diary settings changed');
    return { settings: publicSettings(stored) };
  });

  app.post('/api/v1/admin/diary-settings/test-mail', { onRequest: auth }, async (request) => {
    requireRole(request, 'admin');
    const body = parseBody(testBody, request.body);
    const settings = await readDiarySettings(db);
    if (!settings.smtp) {
      throw new ApiError(
        409,
        'CONFLICT',
        'Почтовый сервер (SMTP) не настроен: письма не отправляются',
      );
    }
    const channel = emailChannel(settings.smtp);
    try {
      await channel.send({
        recipient: body.to,
        subject: 'Проверка почты электронного дневника',
        body: 'Это проверочное письмо сервера электронного журнала. Если вы его получили, уведомления семьям будут доставляться.',
      });
    } catch (error) {
      throw new ApiError(
        502 as number,
        'CONFLICT',
        `Почтовый сервер не принял письмо: ${deliveryError(error)}`,
      );
    } finally {
      channel.close();
    }
    return { ok: true };
  });
}
