// The year transition on the server (PGlite in memory, the 1,000-student demo school with its whole
// year filled in): the plan the wizard proposes, checked and built without writing (the preview) and
// applied in one transaction (the commit) — time and documents written, against loading the same
// school's documents in bulk (the baseline, same run). Then the catch-up of a desktop that was in
// sync before it (the deputy's, a subject teacher's): what each pulls from its checkpoints after
// the commit — documents, JSON bytes, the server's time — against its own first download (pulled
// from nothing just before the transition, same run). `npx tsx bench/year-transition.ts`
import type { AuthUser } from '../server/auth/roles';
import { openDb } from '../server/db/open';
import { loadSnapshot } from '../server/domain/load-snapshot';
import { createDefaultRegistry } from '../server/domain/registry';
import { runSchoolOperation } from '../server/domain/school/write';
import { applyTransition, planTransition, resultOf } from '../server/domain/school/year-transition';
import { SyncEngine } from '../server/sync/engine';
import type { CollectionRegistry } from '../server/sync/collections';
import { COLLECTION_NAMES } from '../shared/collections';
import type { Checkpoint } from '../shared/sync-wire';
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

const TEACHER: AuthUser = {
  ...DEPUTY,
  accountId: 'acc-teacher',
  login: 'teacher',
  displayName: 'Учитель',
  staffId: 'staff-teacher',
  roles: ['teacher'],
};

interface Pulled {
  ms: number;
  docs: number;
  bytes: number;
  checkpoints: Map<string, Checkpoint | null>;
}

/** Every collection pulled in pages of 1,000 from the given checkpoints (none: from nothing). */
async function pullAll(
  engine: SyncEngine,
  registry: CollectionRegistry,
  user: AuthUser,
  from: Map<string, Checkpoint | null> = new Map(),
): Promise<Pulled> {
  const t = performance.now();
  let docs = 0;
  let bytes = 0;
  const checkpoints = new Map<string, Checkpoint | null>();
  for (const name of COLLECTION_NAMES) {
    const descriptor = registry.get(name)!;
    let checkpoint = from.get(name) ?? null;
    for (;;) {
      const page = await engine.pull(descriptor, user, checkpoint, 1000);
      docs += page.documents.length;
      bytes += JSON.stringify(page.documents).length;
      checkpoint = page.checkpoint;
      if (page.documents.length < 1000) break;
    }
    checkpoints.set(name, checkpoint);
  }
  return { ms: performance.now() - t, docs, bytes, checkpoints };
}

async function main(): Promise<void> {
  const db = await openDb();
  const school = generateSchool({ students: 1000, seed: 42 });
  const registry = createDefaultRegistry();
  const engine = new SyncEngine(db, registry);
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

  // Two desktops in sync before the transition: their first downloads are the catch-up's baseline.
  const first = {
    deputy: await pullAll(engine, registry, DEPUTY),
    teacher: await pullAll(engine, registry, TEACHER),
  };

  const t1 = performance.now();
  let written = 0;
  await runSchoolOperation(engine, ACTOR, 'year-transition', async (writer) => {
    const docs = await planTransition(writer.tx, plan, DEPUTY, new Date());
    await applyTransition(writer, docs, DEPUTY);
    written = writer.count();
  });
  const commitMs = performance.now() - t1;
  const after = {
    deputy: await pullAll(engine, registry, DEPUTY, first.deputy.checkpoints),
    teacher: await pullAll(engine, registry, TEACHER, first.teacher.checkpoints),
  };
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
  console.log(
    `${'catch-up pull (server side, JSON)'.padEnd(44)} ${'docs'.padStart(7)} ${'MB'.padStart(7)} ${'time'.padStart(11)} ${'per doc ÷ first download'.padStart(26)}`,
  );
  for (const who of ['deputy', 'teacher'] as const) {
    for (const [label, p] of [
      [`${who}: first download (baseline)`, first[who]],
      [`${who}: catch-up after the transition`, after[who]],
    ] as const) {
      const ratio = p.ms / Math.max(1, p.docs) / (first[who].ms / first[who].docs);
      console.log(
        `${label.padEnd(44)} ${String(p.docs).padStart(7)} ${(p.bytes / 1e6).toFixed(2).padStart(7)} ${p.ms.toFixed(0).padStart(8)} ms ${ratio.toFixed(2).padStart(25)}×`,
      );
    }
  }
}

await main();
