// «Книга движения обучающихся» of the chosen year: PDF through the print dialog, XLSX as a download.
import { useState } from 'react';
import { todayIso } from '../../../shared/dates';
import { buildMovementBookModel } from '../../../shared/documents/movement-book-render';
import { movementBookTable } from '../../../shared/reports/movement-book';
import type { School } from '../../../shared/school';
import type { ArchiveReader } from '../../archive/archive-client';
import { useSession } from '../../data/session';
import { PrintDialog } from '../../print/PrintDialog';
import { printErrorText, type PrintJob } from '../../print/print-job';
import { downloadReportXlsx } from '../school/export';
import { readMovementBook } from './movement-book-data';

interface Props {
  school: School;
  year: { id: string; name: string };
  archive: ArchiveReader;
}

export function MovementBookPanel({ school, year, archive }: Props) {
  const { db } = useSession();
  const [job, setJob] = useState<PrintJob | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const read = () => readMovementBook(db, school, year.id, archive);
  const title = `Книга движения обучающихся за ${year.name} учебный год`;
  return (
    <section className="archive-panel" aria-label="Книга движения обучающихся">
      <h3>Книга движения обучающихся</h3>
      <div className="school-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            setJob({
              title,
              fileName: `Книга движения обучающихся ${year.name.replace('/', '-')}`,
              model: async () => buildMovementBookModel(await read(), school, todayIso()),
            })
          }
        >
          Напечатать книгу движения
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setMessage('Готовим файл…');
            read()
              .then((book) => downloadReportXlsx(movementBookTable(book)))
              .then(setMessage, (error: unknown) => setMessage(printErrorText(error)))
              .finally(() => setBusy(false));
          }}
        >
          Сохранить XLSX
        </button>
        <span className="export-status" role="status">
          {message ?? ''}
        </span>
      </div>
      <p className="keys-help">
        По каждому классу этого года: прибывшие из других школ и классов, выбывшие, переведённые (в
        том числе условно, с предметами академической задолженности), оставленные на повторное
        обучение и окончившие обучение — с номером и датой приказа; итоги по классам и по школе.
      </p>
      {job && <PrintDialog job={job} onClose={() => setJob(null)} />}
    </section>
  );
}
