// "Классный журнал за год": the year-end paper journal of one class or of every class, for the archive
// (printed, numbered and bound; the director certifies the sheet count). Built in the PDF worker.
import { useMemo, useState } from 'react';
import { compareClasses, type SchoolClass } from '../../shared/school-class';
import { readDocumentSource } from '../data/document-source';
import { useSession } from '../data/session';
import { yearJournalJob } from './journal-job';
import type { PrintJob } from './print-job';
import { PrintDialog } from './PrintDialog';

interface Props {
  classes: readonly SchoolClass[];
  school: { shortName: string; yearName: string };
}

export function YearJournalPanel({ classes, school }: Props) {
  const { db } = useSession();
  const ordered = useMemo(() => [...classes].sort(compareClasses), [classes]);
  const [classId, setClassId] = useState('');
  const [job, setJob] = useState<PrintJob | null>(null);
  return (
    <section className="year-journal" aria-label="Классный журнал за год">
      <h3>Классный журнал за год</h3>
      <form
        className="school-actions"
        onSubmit={(e) => {
          e.preventDefault();
          const chosen = classId ? ordered.filter((c) => c.id === classId) : ordered;
          setJob(yearJournalJob((id) => readDocumentSource(db, id), chosen, school));
        }}
      >
        <label>
          Класс{' '}
          <select
            aria-label="Класс журнала"
            value={classId}
            onChange={(e) => setClassId(e.target.value)}
          >
            <option value="">Все классы (каждый журнал со своей нумерацией листов)</option>
            {ordered.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Напечатать журнал за год</button>
      </form>
      <p className="keys-help">
        Для архива: титульный лист с содержанием, по каждому предмету страницы отметок и
        посещаемости и страницы тем и домашних заданий, учёт проведённых уроков, сводная ведомость и
        лист заверения («пронумеровано и прошнуровано … листов», подпись директора, М.П.). Журнал
        собирается из данных на этом компьютере, без сервера; работу можно продолжать, пока он
        готовится.
      </p>
      {job && <PrintDialog job={job} onClose={() => setJob(null)} />}
    </section>
  );
}
