// Generates the demo school in a worker and stores it in the local database with a progress bar.
import { useEffect, useRef, useState } from 'react';
import { writeSetup } from '../db/device';
import { importSnapshot, type ImportProgress } from '../db/import-snapshot';
import type { JournalDatabase } from '../db/types';
import { todayIso } from '../../shared/dates';
import { generateInWorker } from './demo-messages';

export const DEMO_STUDENTS = 300;
export const DEMO_SEED = 42;

type Phase =
  | { name: 'generating' }
  | { name: 'saving'; progress: ImportProgress }
  | { name: 'failed'; message: string };

/** Generates and stores the demo school; shared by the screen and the benchmark hook. */
export async function loadDemoSchool(
  db: JournalDatabase,
  onSaving: (p: ImportProgress) => void,
  options: { students?: number; seed?: number; asOf?: string } = {},
): Promise<void> {
  const snapshot = await generateInWorker({
    students: options.students ?? DEMO_STUDENTS,
    seed: options.seed ?? DEMO_SEED,
    asOf: options.asOf ?? todayIso(),
  });
  await importSnapshot(db, snapshot, onSaving);
  await writeSetup(db, { source: 'demo', completedAt: new Date().toISOString() });
}

export function DemoSchoolLoader(props: {
  db: JournalDatabase;
  onBack: () => void;
  onLoaded: () => void;
}) {
  const { db, onLoaded } = props;
  const [phase, setPhase] = useState<Phase>({ name: 'generating' });
  const started = useRef(false);

  useEffect(() => {
    // Strict mode mounts twice in development; the school must be generated once.
    if (started.current) return;
    started.current = true;
    loadDemoSchool(db, (progress) => setPhase({ name: 'saving', progress }))
      .then(onLoaded)
      .catch((error: unknown) => {
        console.error(error);
        setPhase({
          name: 'failed',
          message: `Не удалось создать демо-школу: ${error instanceof Error ? error.message : String(error)}`,
        });
      });
  }, [db, onLoaded]);

  if (phase.name === 'failed') {
    return (
      <section className="demo-loader">
        <p role="alert">{phase.message}</p>
        <button type="button" onClick={props.onBack}>
          Назад
        </button>
      </section>
    );
  }
  const { done, total } = phase.name === 'saving' ? phase.progress : { done: 0, total: 0 };
  return (
    <section className="demo-loader" aria-busy="true">
      <h2>Демо-школа</h2>
      <p>
        {phase.name === 'generating'
          ? 'Создаём вымышленную школу: классы, учителей, расписание, отметки…'
          : `Сохраняем на этом компьютере: ${done} из ${total} записей`}
      </p>
      <progress
        aria-label="Загрузка демо-школы"
        max={total || 1}
        value={phase.name === 'saving' ? done : undefined}
      />
    </section>
  );
}
