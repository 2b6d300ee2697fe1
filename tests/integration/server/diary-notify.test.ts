// Notifications to a real SMTP server (smtp-server, started by the test on this machine): a family
// that opted in gets the evening digest with a mark a teacher typed that day; while the school's
// mail server is down the letter waits in the outbox with the error, and once it is back the next
// run after the retry delay delivers it, exactly once.
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesson } from '../../../shared/lesson';
import { setPart } from '../../../shared/merge';
import { createClock } from '../../../shared/hlc';
import type { Student } from '../../../shared/student';
import { api, push } from './helpers';
import {
  signInDemoStaff,
  storedState,
  type DomainLogins,
  type DomainServer,
} from './domain-fixture';
import {
  classStudents,
  consentDoc,
  DIARY_TODAY,
  familySignIn,
  issueLogin,
  startDiaryServer,
} from './diary-fixture';

interface Letter {
  to: string[];
  raw: string;
}

let server: DomainServer;
let staff: DomainLogins;
let child: Student;
let smtpPort: number;
let smtp: SMTPServer | null = null;
const letters: Letter[] = [];
/** The notifier's clock, moved by the test (the school's evening of DIARY_TODAY). */
let now = new Date(`${DIARY_TODAY}T19:00:00`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startSmtp(): Promise<void> {
  const s = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        letters.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => s.listen(smtpPort, '127.0.0.1', resolve));
  smtp = s;
}

/** The letter's text part decoded (quoted-printable or base64, UTF-8). */
function bodyText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => {
      return String.fromCharCode(parseInt(h, 16));
    });
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

beforeAll(async () => {
  smtpPort = await freePort();
  server = await startDiaryServer({
    diary: { notifyIntervalMs: null, clock: { now: () => now, today: () => DIARY_TODAY } },
  });
  staff = await signInDemoStaff(server);
  child = classStudents(server, 'staff-class-teacher')[0]!;
  const guardianId = Object.keys(child.guardians).sort()[0]!;
  const issued = await issueLogin(
    server,
    staff.classTeacher,
    consentDoc(child, guardianId, 'staff-class-teacher'),
  );
  const family = await familySignIn(server, issued);
  // The school's mail server is configured by the administrator (nothing listens there yet).
  const set = await api(
    server,
    'POST',
    '/api/v1/admin/diary-settings',
    {
      smtp: { host: '127.0.0.1', port: smtpPort, from: 'Школа <diary@school.test>' },
      channels: { email: true },
      digestTime: '18:00',
    },
    staff.admin.token,
  );
  expect(set.status).toBe(200);
  const opted = await family.post('/diary/settings', {
    email: 'mama@family.test',
    dailyDigest: true,
    periodMarks: false,
  });
  expect(opted.status).toBe(200);
}, 180_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await server?.close();
});

describe('the evening digest by e-mail', () => {
  it('waits in the outbox while the SMTP server is down, then is delivered once after the retry delay', async () => {
    // A teacher types a mark in today's lesson of the child's class.
    const lesson = server.school.lessons.find(
      (l) =>
        l.classId === child.classId &&
        l.status === 'held' &&
        l.teacherId === 'staff-teacher' &&
        l.date === DIARY_TODAY,
    );
    expect(lesson, 'a lesson of staff-teacher on DIARY_TODAY').toBeTruthy();
    const stored = (await storedState(server, 'lessons', lesson!.id)) as unknown as Lesson & {
      _deleted: boolean;
    };
    const clock = createClock('teacherpc');
    for (const s of Object.values(stored.stamps)) clock.receive(s.at);
    const next = setPart(
      stored,
      `entries.${child.id}`,
      {
        marks: [{ value: '5', workTypeId: 'test', comment: 'Отлично решил задачу' }],
        attendance: null,
      },
      { at: clock.tick(), by: 'staff-teacher' },
    );
    expect(
      await push(server, staff.teacher.token, 'lessons', [
        { assumedMasterState: stored, newDocumentState: next },
      ]),
    ).toEqual([]);

    const notifier = server.app.diaryNotifier;
    // Down: the digest is queued, the delivery fails and is kept with its error.
    const down = await notifier.runOnce();
    expect(down.digests).toBe(1);
    expect(down.delivery).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    const waiting = await server.db.query(
      'SELECT recipient, attempts, sent_at, last_error FROM outbox ORDER BY id',
    );
    expect(waiting.rows).toHaveLength(1);
    expect(waiting.rows[0]).toMatchObject({
      recipient: 'mama@family.test',
      attempts: 1,
      sent_at: null,
    });
    expect(String(waiting.rows[0]!.last_error)).not.toBe('');
    expect(letters).toHaveLength(0);

    // Back up, but before the retry delay (1 minute after the first failure): nothing is sent.
    await startSmtp();
    now = new Date(now.getTime() + 30_000);
    const early = await notifier.runOnce();
    expect(early.delivery).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(letters).toHaveLength(0);

    // After the delay: delivered, once; a later run sends nothing more and makes no new digest.
    now = new Date(now.getTime() + 11 * 60_000);
    const retried = await notifier.runOnce();
    expect(retried.delivery).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(retried.digests).toBe(0);
    now = new Date(now.getTime() + 60 * 60_000);
    const later = await notifier.runOnce();
    expect(later.delivery.sent).toBe(0);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.to).toEqual(['mama@family.test']);
    const text = bodyText(letters[0]!.raw);
    expect(text).toContain(child.lastName);
    // The digest lists each lesson's marks: this lesson's subject with the new mark and work type.
    const course = server.school.courses.find((c) => c.id === lesson!.courseId)!;
    const subject = server.school.school.subjects.find((x) => x.id === course.subjectId)!.name;
    expect(text).toContain(`${subject}: 5 (контрольная работа)`);
    const sent = await server.db.query('SELECT attempts, sent_at FROM outbox');
    expect(sent.rows[0]!.attempts).toBe(2);
    expect(sent.rows[0]!.sent_at).not.toBeNull();
  }, 120_000);
});
