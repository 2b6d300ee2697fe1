// A finished year's papers for the archive: the year-end journal and the year summary sheet of a
// class, built from the server's archive (fetched when asked, online only).
import { useEffect, useMemo, useState } from 'react';
import { todayIso } from '../../../shared/dates';
import { buildSummaryModel } from '../../../shared/documents/summary-model';
import { compareClasses, type SchoolClass } from '../../../shared/school-class';
import type { PastYear } from '../../../shared/school-years';
import type { ArchiveReader } from '../../archive/archive-client';
import { readArchivedClass } from '../../archive/read-archived-class';
import { useSession } from '../../data/session';
import { yearJournalJob } from '../../print/journal-job';
import { PrintDialog } from '../../print/PrintDialog';
import { printErrorText, type PrintJob } from '../../print/print-job';

interface Props {
  pastYear: PastYear;
  schoolShortName: string;
  archive: ArchiveReader;
}

export function ArchivePapers({ pastYear, schoolShortName, archive }: Props) {
  const { db } = useSession();
  const [classes, setClasses] = useState<SchoolClass[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [classId, setClassId] = useState('');
  const [job, setJob] = useState<PrintJob | null>(null);
  const year = pastYear.year;

  useEffect(() => {
    let gone = false;
    setClasses(null);
    setProblem(null);
    archive.classes(year.id).then(
      (list) => !gone && setClasses([...list].sort(compareClasses)),
      (error: unknown) => !gone && setProblem(printErrorText(error)),
    );
    return () => {
      gone = true;
    };
  }, [archive, year.id]);

  const byId = useMemo(() => new Map((classes ?? []).map((c) => [c.id, c])), [classes]);
  if (problem) return <p className="timetable-offline">{problem}</p>;
  if (!classes) return <p className="loading">Открываем архив {year.name} учебного года…</p>;
  const cls = byId.get(classId);
  const gather = (id: string) => readArchivedClass(db, archive, pastYear, byId.get(id)!);
  return (
    <section className="archive-panel" aria-label="Журнал и ведомость из архива">
      <h3>Классный журнал и сводная ведомость за {year.name} учебный год</h3>
      <div className="school-actions">
        <label>
          Класс{' '}
          <select
            aria-label="Класс архива"
            value={classId}
            onChange={(e) => setClassId(e.target.value)}
          >
            <option value="">Все классы (только журнал)</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() =>
            setJob(
              yearJournalJob(gather, cls ? [cls] : classes, {
                shortName: schoolShortName,
                yearName: year.name,
              }),
            )
          }
        >
          Напечатать журнал за год
        </button>
        <button
          type="button"
          disabled={!cls}
          title={cls ? undefined : 'Выберите класс'}
          onClick={() => {
            if (!cls) return;
            setJob({
              title: `Сводная ведомость за ${year.name} учебный год — ${cls.name} класс`,
              fileName: `Сводная ведомость ${year.name.replace('/', '-')} ${cls.name}`,
              model: async () =>
                buildSummaryModel(await gather(cls.id), {
                  classes: [cls.id],
                  year: true,
                  asOf: year.end,
                  issuedOn: todayIso(),
                }),
            });
          }}
        >
          Напечатать сводную ведомость за год
        </button>
      </div>
      <p className="keys-help">
        Документы завершённого года собираются из архива на сервере школы, как они были при закрытии
        года; изменить их нельзя.
      </p>
      {job && <PrintDialog job={job} onClose={() => setJob(null)} />}
    </section>
  );
}
