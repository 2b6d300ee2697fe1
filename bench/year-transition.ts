// The year transition on the server (PGlite in memory, the 1,000-student demo school with its whole
// year filled in): the plan the wizard proposes, checked and built without writing (the preview) and
// applied in one transaction (the commit) — time and documents written, against loading the same
// school's documents in bulk (the baseline, same run). `npx tsx bench/year-transition.ts`
import type { AuthUser } from '../server/auth/roles';
import { openDb } from '../server/db/open';
import { loadSnapshot } from '../server/domain/load-snapshot';
import { createDefaultRegistry } from '../server/domain/registry';
import { runSchoolOperation } from '../server/domain/school/write';
import { applyTransition, planTransition, resultOf } from '../server/domain/school/year-transition';
import { SyncEngine } from '../server/sync/engine';
import { generateSchool } from '../shared/demo';
import { proposePlan } from '../shared/year-end/propose-plan';

const ACTOR = { accountId: null, deviceId: null };
const DEPUTY: AuthUser = {
  accountId: 'acc-deputy',
  login: 'deputy',
  displayName: 'Завуч',
  staffId: 'staff-deputy',
  roles: ['deputy'],
  deviceId: 'dev-bench',
  deviceName: 'Замер',
};

async function main(): Promise<void> {
  const db = await openDb();
  const school = generateSchool({ students: 1000, seed: 42 });
  const engine = new SyncEngine(db, createDefaultRegistry());
  const loaded = await loadSnapshot(engine, school);
  const baseline = loaded.ms / loaded.documents;
  const plan = proposePlan({ ...school, order: { number: '112-о', date: '2027-06-20' } });
  // The deputy's review: the new first classes get the class teachers of the graduating classes.
  const kept = new Set(plan.classes.filter((c) => c.fromClassId).map((c) => c.classTeacherId));
  const free = school.classes.map((c) => c.classTeacherId).filter((t) => !kept.has(t));
  for (const c of plan.classes) if (!c.fromClassId) c.classTeacherId = free.shift()!;

  const t0 = performance.now();
  const preview = await planTransition(db, plan, DEPUTY, new Date());
  const previewMs = performance.now() - t0;
  const built =
    preview.periods.length +
    preview.classes.length +
    preview.courses.length +
    preview.timetables.length +
    preview.periodMarks.length +
    preview.students.length +
    1;

  const t1 = performance.now();
  let written = 0;
  await runSchoolOperation(engine, ACTOR, 'year-transition', async (writer) => {
    const docs = await planTransition(writer.tx, plan, DEPUTY, new Date());
    await applyTransition(writer, docs, DEPUTY);
    written = writer.count();
  });
  const commitMs = performance.now() - t1;
  await db.close();

  const row = (name: string, ms: number, docs: number) =>
    console.log(
      `${name.padEnd(44)} ${String(docs).padStart(7)} ${ms.toFixed(0).padStart(8)} ms ${(ms / docs).toFixed(3).padStart(8)} ms/doc ${(ms / docs / baseline).toFixed(2).padStart(6)}×`,
    );
  console.log(
    `${'operation'.padEnd(44)} ${'docs'.padStart(7)} ${'time'.padStart(11)} ${'per doc'.padStart(15)} ${'ratio'.padStart(6)}`,
  );
  row('baseline: load the school (bulk insert)', loaded.ms, loaded.documents);
  row('preview: check and build (nothing written)', previewMs, built);
  row('commit: the transition in one transaction', commitMs, written);
  console.log(
    `students ${plan.movements.length}; commit ${(commitMs / previewMs).toFixed(2)}× the preview`,
  );
  console.log('written:', JSON.stringify(resultOf('commit', preview).counts));
}

await main();
