// The server's security edges on the journal's domain: no token, revoked devices, hostile
// bodies, and personal parts kept out of the cell history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signInDemoStaff,
  startDomainServer,
  type DomainLogins,
  type DomainServer,
} from './domain-fixture';
import { api, push } from './helpers';

let server: DomainServer;
let teacher: DomainLogins['teacher'];
let classTeacher: DomainLogins['classTeacher'];
let deputy: DomainLogins['deputy'];
let admin: DomainLogins['admin'];

const q = (p: string) => encodeURIComponent(p);

beforeAll(async () => {
  server = await startDomainServer();
  ({ teacher, classTeacher, deputy, admin } = await signInDemoStaff(server));
});

afterAll(async () => {
  await server?.close();
});

describe('security edges', () => {
  it('answers 401 without a token on every route', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/sync/lessons/pull'],
      ['POST', '/api/v1/sync/lessons/push'],
      ['GET', '/api/v1/sync/lessons/stream'],
      ['GET', '/api/v1/history/lessons/x'],
      ['GET', '/api/v1/refusals/mine'],
    ] as const) {
      const res = await api(server, method, path, method === 'POST' ? [] : undefined);
      expect(res.status, path).toBe(401);
    }
  });

  it('refuses a revoked device on its next request', async () => {
    const device = await server.login('teacher', 'staff-teacher', ['teacher'], 'Ноутбук');
    expect(
      (await api(server, 'GET', '/api/v1/sync/lessons/pull', undefined, device.token)).status,
    ).toBe(200);
    expect(
      (
        await api(
          server,
          'POST',
          `/api/v1/admin/devices/${device.deviceId}/revoke`,
          {},
          admin.token,
        )
      ).status,
    ).toBe(200);
    expect(
      (await api(server, 'GET', '/api/v1/sync/lessons/pull', undefined, device.token)).status,
    ).toBe(401);
  });

  it('answers oversized and malformed bodies with 413 and 400, nothing stored', async () => {
    const big = JSON.stringify([{ newDocumentState: { id: 'x', topic: 'я'.repeat(3_000_000) } }]);
    expect(
      (await api(server, 'POST', '/api/v1/sync/lessons/push', big, teacher.token)).status,
    ).toBe(413);
    expect(
      (
        await api(
          server,
          'POST',
          '/api/v1/sync/lessons/push',
          '[{"newDocumentState":',
          teacher.token,
        )
      ).status,
    ).toBe(400);
    expect(
      (await api(server, 'POST', '/api/v1/sync/lessons/push', { not: 'an array' }, teacher.token))
        .status,
    ).toBe(400);
    const invalid = await push(server, teacher.token, 'lessons', [
      { newDocumentState: { id: 'les-bad', _deleted: false, date: 'вчера' } },
    ]);
    expect(invalid).toEqual([{ id: 'les-bad', date: 'вчера', _deleted: true }]);
    const refusal = await server.db.query(`SELECT reason FROM refusals WHERE doc_id = 'les-bad'`);
    expect(String(refusal.rows[0]!.reason)).toMatch(/^Документ не прошёл проверку/);
  });

  it('hides a teacher’s unreadable documents from history, and personal parts from non-class-teachers', async () => {
    const other = server.school.classes.find((c) => c.classTeacherId !== 'staff-class-teacher')!;
    const student = server.school.students.find((s) => s.classId === other.id)!;
    const guardian = Object.keys(student.guardians)[0]!;
    const res = await api(
      server,
      'GET',
      `/api/v1/history/students/${student.id}?path=${q(`guardians.${guardian}`)}`,
      undefined,
      classTeacher.token,
    );
    expect(res.status).toBe(403);
    const whole = await api(
      server,
      'GET',
      `/api/v1/history/students/${student.id}`,
      undefined,
      classTeacher.token,
    );
    expect(JSON.stringify(whole.body)).not.toContain(student.guardians[guardian]!.phone || '@@');
    const deputyView = await api(
      server,
      'GET',
      `/api/v1/history/students/${student.id}?path=${q(`guardians.${guardian}`)}`,
      undefined,
      deputy.token,
    );
    expect(deputyView.status).toBe(200);
  });
});
