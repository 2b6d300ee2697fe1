// Push answers are reads: a push naming a document the user may not read is answered exactly as
// if the document did not exist (a tombstone of what was sent), so neither its content nor its
// existence leaks — through the answer, the refusal's reason, or the cell history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import type { Snapshot } from '../../../shared/snapshot';
import {
  signInDemoStaff,
  startDomainServer,
  storedState,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { api, push } from './helpers';

let server: DomainServer;
let teacher: Login;
let classTeacher: Login;

/**
 * A staff member signed in as a subject teacher who does not see every class, chosen from the
 * school itself: the one who sees the fewest classes but some, or (where substitutions spread
 * every teacher over every class) one who teaches and holds nothing.
 */
let TEACHER = '';

beforeAll(async () => {
  server = await startDomainServer();
  ({ classTeacher } = await signInDemoStaff(server));
  const classCount = server.school.classes.length;
  const candidates = server.school.staff
    .map((s) => ({ id: s.id, seen: classesSeenBy(server.school, s.id).size }))
    .filter((t) => t.seen < classCount)
    // Some classes seen beats none; fewer beats more.
    .sort((a, b) => Number(a.seen === 0) - Number(b.seen === 0) || a.seen - b.seen);
  if (candidates.length === 0) throw new Error('every staff member sees every class');
  TEACHER = candidates[0]!.id;
  teacher = await server.login('teacher-narrow', TEACHER, ['teacher']);
});

afterAll(async () => {
  await server?.close();
});

/** The classes a subject teacher sees, computed from the school itself: taught or substituted in. */
function classesSeenBy(school: Snapshot, staffId: string): Set<string> {
  return new Set([
    ...school.courses.filter((c) => c.teacherId === staffId).map((c) => c.classId),
    ...school.lessons.filter((l) => l.teacherId === staffId).map((l) => l.classId),
  ]);
}

function unseenClass(): string {
  const seen = classesSeenBy(server.school, TEACHER);
  const other = server.school.classes.find((c) => !seen.has(c.id));
  if (!other) throw new Error('every class is seen');
  return other.id;
}

const stored = (collection: string, id: string) => storedState(server, collection, id);

async function lastReason(login: Login, id: string): Promise<string> {
  const mine = await api(server, 'GET', '/api/v1/refusals/mine?limit=5', undefined, login.token);
  const list = (mine.body as { refusals: { docId: string; reason: string }[] }).refusals;
  return list.find((r) => r.docId === id)!.reason;
}

describe('a push answer never shows what the user may not read', () => {
  it('answers a bare id of another class’s documents with a tombstone of the id', async () => {
    const classId = unseenClass();
    const targets: [string, string][] = [
      ['periodMarks', server.school.periodMarks.find((m) => m.classId === classId)!.id],
      ['lessons', server.school.lessons.find((l) => l.classId === classId)!.id],
      ['students', server.school.students.find((s) => s.classId === classId)!.id],
      // A subject teacher reads no consents at all.
      ['consents', server.school.consents[0]!.id],
    ];
    for (const [collection, id] of targets) {
      const before = await stored(collection, id);
      const answer = await push(server, teacher.token, collection, [
        { newDocumentState: { id, _deleted: false } },
      ]);
      expect(answer, collection).toEqual([{ id, _deleted: true }]);
      expect(await stored(collection, id), collection).toEqual(before);
      // The reason is the one a document that does not exist gets.
      const ghost = `${id}-нет`.replace(/[^A-Za-z0-9_:.-]/g, 'x');
      await push(server, teacher.token, collection, [
        { newDocumentState: { id: ghost, _deleted: false } },
      ]);
      expect(await lastReason(teacher, id), collection).toBe(await lastReason(teacher, ghost));
    }
  });

  it('answers a full forged copy with the copy as a tombstone, never the stored content', async () => {
    const classId = unseenClass();
    const lesson = server.school.lessons.find(
      (l) => l.classId === classId && Object.keys(l.entries).length > 0,
    )!;
    const before = await stored('lessons', lesson.id);
    // What the attacker knows: the id and a made-up content in the lesson's shape.
    const sent: DocState = {
      ...before,
      topic: 'подбор',
      entries: {},
      stamps: {},
      _deleted: false,
    };
    const answer = await push(server, teacher.token, 'lessons', [
      { assumedMasterState: sent, newDocumentState: sent },
    ]);
    expect(answer).toEqual([{ ...sent, _deleted: true }]);
    const text = JSON.stringify(answer);
    for (const studentId of Object.keys(lesson.entries)) expect(text).not.toContain(studentId);
    expect(await stored('lessons', lesson.id)).toEqual(before);
  });

  it('strips personal parts from the answer for a student the class teacher does not lead', async () => {
    const led = new Set(
      server.school.classes
        .filter((c) => c.classTeacherId === 'staff-class-teacher')
        .map((c) => c.id),
    );
    const taught = classesSeenBy(server.school, 'staff-class-teacher');
    const student = server.school.students.find(
      (s) => taught.has(s.classId) && !led.has(s.classId) && Object.keys(s.guardians).length > 0,
    )!;
    const answer = await push(server, classTeacher.token, 'students', [
      { newDocumentState: { id: student.id, _deleted: false } },
    ]);
    expect(answer).toHaveLength(1);
    const text = JSON.stringify(answer);
    for (const guardian of Object.values(student.guardians)) {
      for (const personal of [guardian.phone, guardian.email, guardian.address]) {
        if (personal) expect(text).not.toContain(personal);
      }
    }
    expect(answer[0]!.birthDate).toBe('');
  });

  it('says "not found" for the history of a document the user may not read', async () => {
    const classId = unseenClass();
    const marks = server.school.periodMarks.find((m) => m.classId === classId)!;
    const hidden = await api(
      server,
      'GET',
      `/api/v1/history/periodMarks/${marks.id}`,
      undefined,
      teacher.token,
    );
    const missing = await api(
      server,
      'GET',
      `/api/v1/history/periodMarks/no-such-marks`,
      undefined,
      teacher.token,
    );
    expect(missing.status).toBe(404);
    expect(hidden.status).toBe(missing.status);
    expect(hidden.body).toEqual(missing.body);
  });
});
