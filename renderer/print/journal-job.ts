// The print job of the year-end paper journal: for one class or the whole school, streamed to the PDF
// worker class by class (from the local database, or a finished year's from the archive), with the
// dialog's progress bar.
import { plural } from './print-job';
import type { StreamJob } from './print-job';
import { buildJournalInWorker } from './build-pdf';
import { compareClasses, type SchoolClass } from '../../shared/school-class';
import type { DocumentSource } from '../../shared/documents/source';
import { todayIso } from '../../shared/dates';

/** `gather` reads one class's documents when the previous class is drawn. */
export function yearJournalJob(
  gather: (classId: string) => Promise<DocumentSource>,
  classes: readonly SchoolClass[],
  school: { shortName: string; yearName: string },
): StreamJob {
  const ordered = [...classes].sort(compareClasses);
  const one = ordered.length === 1 ? ordered[0] : undefined;
  const what = one ? `${one.name} класс` : 'вся школа';
  return {
    title: `Классный журнал за ${school.yearName} учебный год — ${what}`,
    fileName: `Классный журнал ${school.yearName.replace('/', '-')} ${one ? one.name : 'вся школа'}`,
    build: async (onProgress, cancelled) => {
      if (ordered.length === 0) return { bytes: new Uint8Array(), summary: '', empty: true };
      const { bytes, sheets } = await buildJournalInWorker(
        {
          schoolShortName: school.shortName,
          yearName: school.yearName,
          classes: one ? one.name : 'все классы',
        },
        ordered.map((c) => ({ id: c.id, name: c.name })),
        gather,
        todayIso(),
        (p) =>
          onProgress({
            done: p.done,
            total: p.total,
            text: p.current
              ? `Готовим журнал ${p.current} класса; листов уже напечатано: ${p.sheets}`
              : 'Собираем файл',
          }),
        cancelled,
      );
      const n = ordered.length;
      return {
        bytes,
        empty: false,
        summary: `${n} ${plural(n, ['журнал', 'журнала', 'журналов'])}, ${sheets} ${plural(sheets, ['лист', 'листа', 'листов'])}`,
      };
    },
  };
}
