// The school's settings of the e-diary (one row of diary_settings), set by the administrator
// through the console or the admin API: the public address, class averages, how long addresses
// and views are kept, the paper-extract rule, the notification channels and the SMTP server.
import { z } from 'zod';
import type { Queryable } from '../db/db';

export const SmtpSettingsSchema = z.object({
  host: z.string().trim().min(1).max(200),
  port: z.number().int().min(1).max(65_535),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().max(200).default(''),
  password: z.string().max(200).default(''),
  /** "Школа № 7 <diary@school7.ru>" */
  from: z.string().trim().min(3).max(200),
});
export type SmtpSettings = z.infer<typeof SmtpSettingsSchema>;

export const DiarySettingsSchema = z.object({
  /** The address families open (https://diary.school7.ru); null: the server's own address. */
  publicUrl: z.string().url().max(300).nullable().default(null),
  /** Show the class's average per subject beside the child's (never another child's marks). */
  classAverages: z.boolean().default(false),
  /** Days a viewer's IP address is kept with a diary view; 0 keeps none. */
  ipRetentionDays: z.number().int().min(0).max(365).default(30),
  /** Days the record of diary views is kept. */
  viewRetentionDays: z.number().int().min(30).max(3650).default(730),
  /** Families who have not opened the diary for this many days get a paper extract. */
  paperAfterDays: z.number().int().min(1).max(120).default(14),
  /** Which notification channels the school offers (SMS needs a gateway: docs/DIARY.md). */
  channels: z.object({ email: z.boolean().default(true) }).default({ email: true }),
  /** When the daily digest of marks and absences is made, server's local time "HH:MM". */
  digestTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время в формате ЧЧ:ММ')
    .default('18:00'),
  /** The school's mail server; null: nothing is sent. */
  smtp: SmtpSettingsSchema.nullable().default(null),
});
export type DiarySettings = z.infer<typeof DiarySettingsSchema>;

export const DEFAULT_DIARY_SETTINGS: DiarySettings = DiarySettingsSchema.parse({});

export async function readDiarySettings(db: Queryable): Promise<DiarySettings> {
  const r = await db.query('SELECT settings FROM diary_settings WHERE id = 1');
  const parsed = DiarySettingsSchema.safeParse(r.rows[0]?.settings ?? {});
  return parsed.success ? parsed.data : DEFAULT_DIARY_SETTINGS;
}

/** Stores the settings after a zod check (throws the ZodError on bad values). */
export async function writeDiarySettings(
  db: Queryable,
  settings: DiarySettings,
  by: string,
): Promise<DiarySettings> {
  const checked = DiarySettingsSchema.parse(settings);
  await db.query(
    `INSERT INTO diary_settings (id, settings, updated_by) VALUES (1, $1::jsonb, $2)
     ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(),
       updated_by = EXCLUDED.updated_by`,
    [JSON.stringify(checked), by],
  );
  return checked;
}

/** The settings as shown to an administrator: the SMTP password never leaves the server. */
export function publicSettings(settings: DiarySettings): Record<string, unknown> {
  const { smtp, ...rest } = settings;
  return {
    ...rest,
    smtp: smtp ? { ...smtp, password: undefined, passwordSet: smtp.password !== '' } : null,
    mailConfigured: smtp !== null,
  };
}

/** Whether e-mail can be sent at all: the channel is on and an SMTP server is configured. */
export function emailAvailable(settings: DiarySettings): boolean {
  return settings.channels.email && settings.smtp !== null;
}
