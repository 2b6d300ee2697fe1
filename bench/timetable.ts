// Lesson generation on the server (PGlite in memory, the 1,000-student demo school filled to 1 December): the rest of the year's lessons generated from the timetable, and one class's timetable changed from a date — per lesson written, against loading the same school's documents in bulk (the baseline, same run). `npx tsx bench/timetable.ts`
import { openDb } from '../server/db/open';
import { loadSnapshot } from '../server/domain/load-snapshot';
import { regenerateLessons } from '../server/domain/school/generation';
import { readSetupContext } from '../server/domain/school/read';
import { createDefaultRegistry } from '../server/domain/registry';
import { runSchoolOperation, type SchoolWriter } from '../server/domain/school/write';
import type { ServerWriteKind } from '../server/sync/collections';
import { SyncEngine } from '../server/sync/engine';
import { generateSchool } from '../shared/demo';
import { timetableId } from '../shared/lesson-id';

const ACTOR = { accountId: null, deviceId: null };

async function main(): Promise<void> {
  const db = await openDb();
  const school = generateSchool({ students: 1000, seed: 42, asOf: '2026-12-01' });
  const engine = new SyncEngine(db, createDefaultRegistry());
  const loaded = await loadSnapshot(engine, school);
  const baseline = loaded.ms / loaded.documents;

  const timed = async (kind: ServerWriteKind, run: (writer: SchoolWriter) => Promise<unknown>) => {
    const t0 = performance.now();
    let written = 0;
    await runSchoolOperation(engine, ACTOR, kind, async (writer) => {
      await run(writer);
      written = writer.count();
    });
    return { ms: performance.now() - t0, written };
  };

  const rest = await timed('generate', async (writer) => {
    const ctx = await readSetupContext(writer.tx);
    await regenerateLessons(writer, {
      before: ctx,
      after: ctx,
      classIds: ctx.classes.map((c) => c.id),
      from: '2026-12-02',
      today: '2026-12-02',
    });
  });

  const change = await timed('generate', async (writer) => {
    const ctx = await readSetupContext(writer.tx);
    const cls = ctx.classes.find((c) => c.grade === 7)!;
    const base = ctx.timetables.find((t) => t.classId === cls.id)!;
    // From 12 January the class's Monday and Tuesday swap.
    const next = {
      ...base,
      id: timetableId(cls.id, '2027-01-12'),
      validFrom: '2027-01-12',
      cells: base.cells.map((c) => (c.weekday <= 2 ? { ...c, weekday: 3 - c.weekday } : c)),
    };
    await regenerateLessons(writer, {
      before: ctx,
      after: { ...ctx, timetables: [...ctx.timetables, next] },
      classIds: [cls.id],
      from: '2027-01-12',
      today: '2026-12-02',
    });
  });
  await db.close();

  const row = (name: string, ms: number, docs: number) =>
    console.log(
      `${name.padEnd(44)} ${String(docs).padStart(7)} ${ms.toFixed(0).padStart(8)} ms ${(ms / docs).toFixed(3).padStart(8)} ms/doc ${(ms / docs / baseline).toFixed(2).padStart(6)}×`,
    );
  console.log(
    `${'operation'.padEnd(44)} ${'docs'.padStart(7)} ${'time'.padStart(11)} ${'per doc'.padStart(15)} ${'ratio'.padStart(6)}`,
  );
  row('baseline: load the school (bulk insert)', loaded.ms, loaded.documents);
  row('generate the rest of the year (all classes)', rest.ms, rest.written);
  row('one class: new version from 12.01', change.ms, change.written);
}

await main();
