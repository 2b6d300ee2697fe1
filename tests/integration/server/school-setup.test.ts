// A real school from an empty server over HTTP: set-up documents pushed and refused in Russian, roster and staff imports all or nothing, a timetable import whose lessons reach a connected desktop live, a timetable change from next Monday that keeps marked lessons, and a substitute who reads and writes the lessons assigned to them and nothing more.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/auth/roles';
import { createDomainRegistry } from '../../../server/domain/registry';
import { localToday } from '../../../server/domain/setup/setup-rules';
import type { DocState } from '../../../server/sync/collections';
import { createClock } from '../../../shared/hlc';
import { addDays, isoWeekday } from '../../../shared/dates';
import type { Lesson } from '../../../shared/lesson';
import { setPart } from '../../../shared/merge';
import type { ImportResult, LessonsChanged } from '../../../shared/school-setup-api';
import type { SubstitutionReport } from '../../../shared/reports/substitutions';
import type { Timetable } from '../../../shared/timetable';
import { timetableId } from '../../../shared/lesson-id';
import {
  FIXTURES,
  FIXTURE_CLASSES,
  FIXTURE_STAFF,
  fixturePeriods,
  fixtureSchool,
  fixtureYear,
} from '../../fixtures/school';
import { openDesktop, type Desktop } from './desktop';
import { asNew, stampEveryPart, storedOrNull } from './domain-fixture';
import {
  api,
  pull,
  push,
  pullAll,
  refusalReasons,
  signInAs,
  startServer,
  type TestServer,
} from './helpers';

const today = localToday();
let nextMonday = addDays(today, 1);
while (isoWeekday(nextMonday) !== 1) nextMonday = addDays(nextMonday, 1);

let server: TestServer;
const tokens: Record<string, string> = {};
const clock = createClock('tests');

const login = (name: string, staffId: string | null, roles: Role[]) =>
  signInAs(server, name, staffId, roles, 'Учительская');

const stamped = <T extends object>(doc: T, by: string, identity: string[] = []) =>
  stampEveryPart(clock, doc, by, identity);

const stored = (collection: string, id: string) => storedOrNull(server, collection, id);

async function lessons(filter = ''): Promise<(Lesson & { _deleted: boolean })[]> {
  const r = await server.db.query(
    `SELECT doc, deleted FROM documents WHERE collection = 'lessons' ${filter}`,
  );
  return r.rows.map((row) => ({ ...(row.doc as Lesson), _deleted: row.deleted === true }));
}

async function upload(
  kind: string,
  bytes: Uint8Array,
  query: string,
  token = tokens.deputy!,
): Promise<{ status: number; body: ImportResult }> {
  const res = await fetch(`${server.url}/api/v1/school/import/${kind}?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  return { status: res.status, body: (await res.json()) as ImportResult };
}

const refusalsOf = (token: string) => refusalReasons(server, token);

async function waitFor(what: string, predicate: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Not reached: ${what}`);
}

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

beforeAll(async () => {
  server = await startServer({ registry: createDomainRegistry() });
  tokens.admin = await login('admin', null, ['admin']);
  tokens.deputy = await login('gus', 'st-gus', ['deputy']);
  tokens.petrov = await login('pet', 'st-pet', ['teacher']);
  tokens.substitute = await login('sub', 'st-sub', ['teacher']);
  // Staff as the administrator enters them (and a teacher with no courses yet: the substitute).
  const staff = [
    ...FIXTURE_STAFF,
    {
      ...FIXTURE_STAFF[0]!,
      id: 'st-sub',
      lastName: 'Громова',
      firstName: 'Алла',
      middleName: 'Ивановна',
    },
  ];
  await push(
    server,
    tokens.admin,
    'staff',
    staff.map((s) => asNew(stamped(s, 'account:admin'))),
  );
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('set-up documents pushed by the deputy', () => {
  it('refuses an invalid school card with the Russian message and keeps nothing of it', async () => {
    const school = fixtureSchool(today);
    const bad = stamped(
      {
        ...school,
        year: {
          ...school.year,
          holidays: [
            {
              name: 'Летние каникулы',
              start: addDays(school.year.end, 1),
              end: addDays(school.year.end, 60),
            },
          ],
        },
      },
      'st-gus',
    );
    const answer = await push(server, tokens.deputy!, 'school', [asNew(bad)]);
    expect(answer).toEqual([expect.objectContaining({ id: 'school', _deleted: true })]);
    expect(await stored('school', 'school')).toBeNull();
    const [reason] = await refusalsOf(tokens.deputy!);
    expect(reason).toMatch(
      /^Не сохранено: year\.holidays\.0\.start: Каникулы «Летние каникулы» выходят за пределы учебного года \(\d{2}\.\d{2}\.\d{4}–\d{2}\.\d{2}\.\d{4}\)$/,
    );
    const bell = stamped(
      { ...school, bells: [{ slot: 1, start: '09:15', end: '08:30' }] },
      'st-gus',
    );
    await push(server, tokens.deputy!, 'school', [asNew(bell)]);
    expect((await refusalsOf(tokens.deputy!))[0]).toBe(
      'Не сохранено: bells.0.end: 1-й урок заканчивается не позже, чем начинается',
    );
  });

  it('accepts the valid card, periods and classes, and refuses overlapping periods', async () => {
    expect(
      await push(server, tokens.deputy!, 'school', [
        asNew(stamped(fixtureSchool(today), 'st-gus')),
      ]),
    ).toEqual([]);
    const periods = fixturePeriods(today).map((p) =>
      stamped(p, 'st-gus', ['yearId', 'kind', 'scheme', 'number']),
    );
    expect(await push(server, tokens.deputy!, 'periods', periods.map(asNew))).toEqual([]);
    const overlapping = stamped(
      { ...periods[1]!, id: 'p-h3', number: 3, start: periods[0]!.end },
      'st-gus',
      ['yearId', 'kind', 'scheme', 'number'],
    );
    await push(server, tokens.deputy!, 'periods', [asNew(overlapping)]);
    expect((await refusalsOf(tokens.deputy!))[0]).toMatch(
      /^Не сохранено: number: В этой схеме не больше 2 периодов; start: Период «II полугодие» пересекается с периодом «I полугодие»/,
    );
    const classes = FIXTURE_CLASSES.map((c) => stamped(c, 'st-gus', ['yearId', 'grade']));
    expect(await push(server, tokens.deputy!, 'classes', classes.map(asNew))).toEqual([]);
    // A teacher may not touch the set-up.
    await push(server, tokens.petrov!, 'classes', [
      asNew(
        stamped({ ...FIXTURE_CLASSES[0]!, id: 'cl-7a', grade: 7, name: '7А' }, 'st-pet', [
          'yearId',
          'grade',
        ]),
      ),
    ]);
    expect((await refusalsOf(tokens.petrov!))[0]).toBe(
      'Изменять настройки школы могут администратор и заместитель директора',
    );
  });
});

describe('imports through HTTP', () => {
  it('staff from XLSX and the roster from a windows-1251 CSV: bad rows listed, nothing written until the file is right', async () => {
    const staff = await upload('staff', fixture('staff.xlsx'), 'mode=preview');
    expect(staff.status).toBe(200);
    expect(staff.body.format).toBe('XLSX');
    expect(staff.body.errors.slice(0, 2)).toEqual([
      'Строка 2: не указано имя',
      'Строка 3: неизвестная роль «директор»',
    ]);
    expect(staff.body.errors).toContain('Строка 4: такой сотрудник уже есть');

    const roster = fixture('roster-cp1251.csv');
    const preview = await upload('roster', roster, 'mode=preview');
    expect(preview.body.encoding).toBe('windows-1251');
    expect(preview.body.errors).toEqual([
      'Строка 2: не указано имя',
      'Строка 3: неверная дата рождения «31.02.2015» (ожидается ДД.ММ.ГГГГ)',
      'Строка 4: класса «7А» нет в школе',
      'Строка 5: пол должен быть «М» или «Ж»',
    ]);
    const refused = await upload('roster', roster, 'mode=commit');
    expect(refused.body.committed).toBe(false);
    expect(
      (
        await server.db.query(
          `SELECT count(*)::int AS n FROM documents WHERE collection = 'students'`,
        )
      ).rows[0]!.n,
    ).toBe(0);
    // The secretary fixes the file (drops the four bad rows) and loads it again.
    const lines = new TextDecoder('windows-1251').decode(roster).split('\r\n');
    const fixed = new TextEncoder().encode([lines[0], ...lines.slice(5)].join('\r\n'));
    const done = await upload('roster', fixed, 'mode=commit');
    expect(done.body).toMatchObject({ committed: true, errors: [], documents: { students: 24 } });
    expect(done.body.names[0]).toBe('Смирнов Алексей Дмитриевич');
    // A teacher may not import.
    expect((await upload('roster', fixed, 'mode=preview', tokens.petrov)).status).toBe(403);
  });

  let desktop: Desktop;

  it('imports the aSc timetable: the preview writes nothing, the commit generates lessons a connected desktop receives live', async () => {
    desktop = await openDesktop('petrov', ['lessons']);
    await desktop.connect(server.url, tokens.petrov!);
    expect(await desktop.collections.lessons!.find().exec()).toEqual([]);

    const xml = fixture('asc-2012-cp1251.xml');
    const preview = await upload('timetable', xml, 'mode=preview');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      format: 'aSc Timetables 2012 XML',
      encoding: 'windows-1251',
      committed: false,
      errors: [],
    });
    expect(preview.body.timetable).toMatchObject({
      validFrom: fixtureYear(today).start,
      timetables: 3,
      lessonsPerWeek: { '5А': 29, '5Б': 29, '6А': 31 },
    });
    expect(preview.body.lessons?.created).toBeGreaterThan(1000);
    expect(await lessons()).toEqual([]);

    const commit = await upload('timetable', xml, 'mode=commit');
    expect(commit.body.committed).toBe(true);
    expect(commit.body.lessons).toEqual(preview.body.lessons);
    const all = await lessons();
    expect(all.length).toBe(commit.body.lessons!.created);
    // Петров teaches maths in all three classes: his desktop gets his lessons over the live
    // stream, and no other teacher's (he leads no class).
    const mine = all.filter((l) => l.teacherId === 'st-pet');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    await waitFor(
      'lessons on the desktop',
      async () => (await desktop.collections.lessons!.find().exec()).length === mine.length,
    );
    expect(
      (await desktop.collections.lessons!.find().exec()).map((l) => l.id as string).sort(),
    ).toEqual(mine.map((l) => l.id).sort());
    expect(
      mine.every((l) => l.courseId.includes('cl-') && l.id === `${l.courseId}:${l.date}:${l.slot}`),
    ).toBe(true);
    // Importing the same file again writes no second lesson.
    const again = await upload('timetable', xml, 'mode=commit');
    expect(again.body.lessons).toMatchObject({ created: 0, removed: 0, flagged: 0 });
    expect((await lessons()).length).toBe(all.length);
  });

  it('a change from next Monday keeps the marked lessons, flagged, and moves the rest', async () => {
    const version = (await stored(
      'timetables',
      timetableId('cl-5a', fixtureYear(today).start),
    )) as unknown as Timetable;
    const maths = version.cells.filter((c) => c.courseId.endsWith('-math'));
    const mathCourse = maths[0]!.courseId;
    const future = (await lessons())
      .filter((l) => l.courseId === mathCourse && l.date >= nextMonday)
      .sort((a, b) => (a.date < b.date ? -1 : 1));
    // Петров marks the first two maths lessons from next Monday on (one through his desktop).
    const [marked, withTopic] = future;
    const doc = await desktop.collections.lessons!.findOne(marked!.id).exec();
    await doc!.incrementalModify(
      (d: unknown) =>
        setPart(
          d as Lesson,
          'entries.st-x',
          { marks: [{ value: '5', workTypeId: 'oral', comment: '' }], attendance: null },
          { at: clock.tick(), by: 'st-pet' },
        ) as never,
    );
    await waitFor(
      'the mark on the server',
      async () =>
        Object.keys(((await stored('lessons', marked!.id)) as unknown as Lesson).entries).length ===
        1,
    );
    const topicDoc = (await stored('lessons', withTopic!.id))!;
    await push(server, tokens.petrov!, 'lessons', [
      {
        assumedMasterState: topicDoc,
        newDocumentState: {
          ...setPart(topicDoc as unknown as Lesson, 'topic', 'Делимость', {
            at: clock.tick(),
            by: 'st-pet',
          }),
          _deleted: false,
        } as unknown as DocState,
      },
    ]);

    // From next Monday maths is the 7th lesson of the same days.
    const next = stamped(
      {
        ...version,
        id: timetableId('cl-5a', nextMonday),
        validFrom: nextMonday,
        name: 'С понедельника',
        source: 'manual' as const,
        cells: version.cells.map((c) => (c.courseId === mathCourse ? { ...c, slot: 7 } : c)),
      },
      'st-gus',
      ['yearId', 'classId', 'validFrom'],
    );
    expect(await push(server, tokens.deputy!, 'timetables', [asNew(next)])).toEqual([]);

    const after = await lessons(`AND doc->>'courseId' = '${mathCourse}'`);
    const byId = new Map(after.map((l) => [l.id, l]));
    for (const kept of [marked!, withTopic!]) {
      expect(byId.get(kept.id)).toMatchObject({
        _deleted: false,
        offTimetable: { since: nextMonday },
      });
    }
    expect(byId.get(marked!.id)!.entries['st-x']?.marks[0]?.value).toBe('5');
    expect(byId.get(withTopic!.id)!.topic).toBe('Делимость');
    for (const l of future.slice(2)) {
      expect(byId.get(l.id)?._deleted).toBe(true);
      expect(byId.get(`${mathCourse}:${l.date}:7`)?._deleted).toBe(false);
    }
    // Lessons before next Monday are as they were.
    const before = after.filter((l) => l.date < nextMonday);
    expect(before.every((l) => !l._deleted && l.slot !== 7 && l.offTimetable === undefined)).toBe(
      true,
    );
    // The desktop follows live: the removed lessons are gone, the kept one is flagged.
    await waitFor(
      'removals on the desktop',
      async () => (await desktop.lesson(future[2]!.id)) === null,
    );
    await waitFor(
      'the flag on the desktop',
      async () => (await desktop.lesson(marked!.id))?.offTimetable !== undefined,
    );

    // Петров was offline and marks a lesson the change removed: it comes back with the mark, flagged.
    const removed = future[2]!;
    const { _deleted: _gone, ...offline } = removed;
    const late = setPart(
      offline as unknown as Lesson,
      'entries.st-z',
      { marks: [], attendance: 'н' },
      { at: clock.tick(), by: 'st-pet' },
    );
    await push(server, tokens.petrov!, 'lessons', [
      {
        assumedMasterState: { ...offline, _deleted: false } as unknown as DocState,
        newDocumentState: { ...late, _deleted: false } as unknown as DocState,
      },
    ]);
    expect(await stored('lessons', removed.id)).toMatchObject({
      _deleted: false,
      entries: { 'st-z': { attendance: 'н' } },
      offTimetable: { since: nextMonday },
    });

    // A conflicting change is refused: Петров's maths in 5Б at the same 7th lessons.
    const other = (await stored(
      'timetables',
      timetableId('cl-5b', fixtureYear(today).start),
    )) as unknown as Timetable;
    const mathsB = other.cells.find((c) => c.courseId.endsWith('-math'))!;
    const clash = stamped(
      {
        ...other,
        id: timetableId('cl-5b', nextMonday),
        validFrom: nextMonday,
        cells: other.cells.map((c) =>
          c === mathsB ? { ...c, weekday: maths[0]!.weekday, slot: 7 } : c,
        ),
      },
      'st-gus',
      ['yearId', 'classId', 'validFrom'],
    );
    await push(server, tokens.deputy!, 'timetables', [asNew(clash)]);
    expect((await refusalsOf(tokens.deputy!))[0]).toMatch(
      /^Не сохранено: cells: Учитель Петров А\. Н\. в .+ на 7-м уроке ведёт сразу несколько уроков/,
    );
    expect(await stored('timetables', clash.id)).toBeNull();
    await desktop.close();
  }, 60_000);
});

describe('day-to-day changes', () => {
  it('a substitute reads and writes the lessons assigned to them and nothing more', async () => {
    const from = addDays(nextMonday, 1);
    const to = addDays(nextMonday, 2);
    const res = await api(
      server,
      'POST',
      '/api/v1/school/substitutions',
      { teacherId: 'st-pet', from, to, substituteId: 'st-sub', reason: 'болезнь' },
      tokens.deputy,
    );
    expect(res.status).toBe(200);
    const result = res.body as LessonsChanged;
    const expected = (await lessons(`AND doc->>'date' BETWEEN '${from}' AND '${to}'`)).filter(
      (l) => !l._deleted && l.status === 'held' && l.courseId.endsWith('-math'),
    );
    expect(result.changed.sort()).toEqual(expected.map((l) => l.id).sort());
    expect(result.changed.length).toBeGreaterThan(0);

    // What the substitute's desktop downloads: exactly those lessons, no period marks, the students' names only.
    const seen = await pullAll(server, tokens.substitute!, 'lessons', 500);
    expect(seen.map((l) => l.id).sort()).toEqual([...result.changed].sort());
    expect(seen.every((l) => l.teacherId === 'st-sub')).toBe(true);
    expect((await pull(server, tokens.substitute!, 'periodMarks', null)).documents).toEqual([]);
    const students = await pullAll(server, tokens.substitute!, 'students', 500);
    expect(students.length).toBeGreaterThan(0);
    expect(
      students.every((s) => s.birthDate === '' && Object.keys(s.guardians as object).length === 0),
    ).toBe(true);

    // They write a mark into an assigned lesson; another lesson of the class is refused.
    const mine = seen[0]!;
    const marked = setPart(
      mine as never,
      'entries.st-y',
      { marks: [{ value: '4', workTypeId: 'oral', comment: '' }], attendance: null },
      { at: clock.tick(), by: 'st-sub' },
    ) as DocState;
    expect(
      await push(server, tokens.substitute!, 'lessons', [
        { assumedMasterState: mine, newDocumentState: marked },
      ]),
    ).toEqual([]);
    const notMine = (
      await lessons(`AND doc->>'classId' = '${mine.classId}' AND doc->>'teacherId' <> 'st-sub'`)
    ).find((l) => !l._deleted)!;
    const theirs = (await stored('lessons', notMine.id))!;
    const attempt = setPart(theirs as never, 'topic', 'Чужой урок', {
      at: clock.tick(),
      by: 'st-sub',
    }) as DocState;
    const answer = await push(server, tokens.substitute!, 'lessons', [
      { assumedMasterState: theirs, newDocumentState: attempt },
    ]);
    expect(answer).toHaveLength(1);
    expect(((await stored('lessons', notMine.id)) as unknown as Lesson).topic).toBe(theirs.topic);
    // A lesson the substitute may not read is, for them, one that does not exist: the push is
    // judged as an insert of it (signed by its teachers, not by them), revealing nothing of it.
    expect((await refusalsOf(tokens.substitute!))[0]).toMatch(
      /^Изменение подписано другим сотрудником/,
    );

    // A lesson of last week held by the substitute: the month's report lists it for the payroll.
    const past = (
      await lessons(
        `AND doc->>'teacherId' = 'st-pet' AND doc->>'date' BETWEEN '${addDays(today, -9)}' AND '${addDays(today, -1)}'`,
      )
    ).find((l) => !l._deleted)!;
    const one = await api(
      server,
      'POST',
      '/api/v1/school/substitutions',
      { lessonIds: [past.id], substituteId: 'st-sub', reason: 'курсы' },
      tokens.deputy,
    );
    expect((one.body as LessonsChanged).changed).toEqual([past.id]);
    const month = past.date.slice(0, 7);
    const report = await api(
      server,
      'GET',
      `/api/v1/school/reports/substitutions?month=${month}`,
      undefined,
      tokens.deputy,
    );
    const rows = (report.body as SubstitutionReport).rows.filter((r) => r.kind === 'replaced');
    expect(rows.map((r) => [r.lessonId, r.teacher, r.substitute, r.reason])).toEqual([
      [past.id, 'Петров А. Н.', 'Громова А. И.', 'курсы'],
    ]);
    const sub = (report.body as SubstitutionReport).teachers.find((t) => t.teacherId === 'st-sub');
    expect(sub).toMatchObject({ heldForOthers: 1, heldOwn: 0 });
    // Given back: the lesson is Петров's again, and the substitute no longer reads it.
    await api(
      server,
      'POST',
      '/api/v1/school/substitutions',
      { lessonIds: [past.id], substituteId: null },
      tokens.deputy,
    );
    expect(await stored('lessons', past.id)).toMatchObject({
      teacherId: 'st-pet',
      substitution: null,
    });
    expect(
      (await pullAll(server, tokens.substitute!, 'lessons', 500)).map((l) => l.id),
    ).not.toContain(past.id);
    expect(
      (
        await api(
          server,
          'GET',
          `/api/v1/school/reports/substitutions?month=${month}`,
          undefined,
          tokens.petrov,
        )
      ).status,
    ).toBe(403);
  });

  it('cancels a class’s day with a reason, brings it back, and moves a lesson to another slot', async () => {
    const day = addDays(nextMonday, 3);
    const cancel = await api(
      server,
      'POST',
      '/api/v1/school/lessons/cancel-day',
      { date: day, classIds: ['cl-6a'], reason: 'Карантин' },
      tokens.deputy,
    );
    const ids = (cancel.body as LessonsChanged).changed;
    const expected = (
      await lessons(`AND doc->>'date' = '${day}' AND doc->>'classId' = 'cl-6a'`)
    ).filter((l) => !l._deleted);
    expect(ids.sort()).toEqual(expected.map((l) => l.id).sort());
    expect(expected.every((l) => l.status === 'cancelled' && l.cancelReason === 'Карантин')).toBe(
      true,
    );
    const back = await api(
      server,
      'POST',
      '/api/v1/school/lessons/cancel-day',
      { date: day, classIds: ['cl-6a'], reason: 'ошибка', cancel: false },
      tokens.deputy,
    );
    expect((back.body as LessonsChanged).changed.length).toBe(ids.length);
    const missing = await api(
      server,
      'POST',
      '/api/v1/school/lessons/cancel-day',
      { date: day, reason: '' },
      tokens.deputy,
    );
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('Укажите причину');

    // Перенос of a 6А lesson to the free 7th lesson of the same day.
    const lesson = expected.find((l) => l.slot === 1)!;
    const move = await api(
      server,
      'POST',
      '/api/v1/school/lessons/move',
      { lessonId: lesson.id, date: day, slot: 7 },
      tokens.deputy,
    );
    expect(move.status).toBe(200);
    const movedTo = (move.body as { movedTo: string }).movedTo;
    expect(await stored('lessons', movedTo)).toMatchObject({
      movedFrom: lesson.id,
      status: 'held',
      slot: 7,
      _deleted: false,
    });
    expect(await stored('lessons', lesson.id)).toMatchObject({ status: 'cancelled', movedTo });
    const twice = await api(
      server,
      'POST',
      '/api/v1/school/lessons/move',
      { lessonId: lesson.id, date: day, slot: 7 },
      tokens.deputy,
    );
    expect(twice.status).toBe(409);
    expect((twice.body as { error: { message: string } }).error.message).toBe(
      'Отменённый урок не переносится',
    );
  });
});
