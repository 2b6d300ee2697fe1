// «Школа → Архив» (#/school/archive): a school year's book of movements (this year's from the local
// data, a finished year's with its classes from the archive), and a finished year's year-end journal
// and summary sheet printed from the server's archive (online only).
import { useMemo, useState } from 'react';
import type { School } from '../../../shared/school';
import { ARCHIVE_OFFLINE, archiveReader } from '../../archive/archive-client';
import { useSyncClient } from '../../sync/sync-context';
import { ArchivePapers } from './ArchivePapers';
import { MovementBookPanel } from './MovementBookPanel';

export function ArchiveTab({ school }: { school: School }) {
  const session = useSyncClient()?.session ?? null;
  const archive = useMemo(() => archiveReader(session), [session]);
  const past = useMemo(() => [...(school.pastYears ?? [])].reverse(), [school]);
  const [yearId, setYearId] = useState(past[0]?.year.id ?? school.year.id);
  const pastYear = past.find((p) => p.year.id === yearId);
  const year = pastYear?.year ?? school.year;
  return (
    <div className="school-tab archive-tab">
      <div className="school-actions">
        <label>
          Учебный год{' '}
          <select value={year.id} onChange={(e) => setYearId(e.target.value)}>
            <option value={school.year.id}>{school.year.name} (текущий)</option>
            {past.map((p) => (
              <option key={p.year.id} value={p.year.id}>
                {p.year.name} (завершён)
              </option>
            ))}
          </select>
        </label>
      </div>
      {pastYear && (
        <p className="keys-help">
          Год закрыт {pastYear.order.date.split('-').reverse().join('.')} приказом №{' '}
          {pastYear.order.number}.
        </p>
      )}
      <MovementBookPanel school={school} year={year} archive={archive} />
      {pastYear &&
        (session ? (
          <ArchivePapers
            key={pastYear.year.id}
            pastYear={pastYear}
            schoolShortName={school.shortName}
            archive={archive}
          />
        ) : (
          <p className="timetable-offline">{ARCHIVE_OFFLINE}</p>
        ))}
      {past.length === 0 && (
        <p className="keys-help">
          Завершённых учебных лет пока нет: журналы и ведомости текущего года печатаются в разделе
          «Сводная ведомость».
        </p>
      )}
    </div>
  );
}
