// Where a notification goes out: a channel per kind of address. E-mail through the school's SMTP
// server (nodemailer) is the only one built; an SMS gateway would be a second NotificationChannel
// named 'sms' (docs/DIARY.md, «SMS»), chosen by the outbox row's `channel`.
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../diary/settings';

export interface OutgoingMessage {
  recipient: string;
  subject: string;
  body: string;
}

export interface NotificationChannel {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/** E-mail through the school's SMTP server; fails fast (10 s) so a dead server only delays. */
export function emailChannel(smtp: SmtpSettings): NotificationChannel {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    name: 'email',
    async send(message) {
      await transport.sendMail({
        from: smtp.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
      });
    },
    close() {
      transport.close();
    },
  };
}

/** An SMTP error as the administrator may read it: no credentials, one line, bounded. */
export function deliveryError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const parts = [e.code, e.responseCode, e.message].filter((p) => p !== undefined && p !== null);
  return parts.map(String).join(' ').replace(/\s+/g, ' ').slice(0, 300) || 'неизвестная ошибка';
}
