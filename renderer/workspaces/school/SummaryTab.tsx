// "Сводная ведомость": the term summary sheet for one class or the whole school for a chosen period
// (or the year-end variant), built in the PDF worker, previewed and saved through the print dialog.
import { useMemo, useState } from 'react';
import { buildSummaryModel } from '../../../shared/documents/summary-model';
import type { Period } from '../../../shared/period';
import { compareClasses } from '../../../shared/school-class';
import { readDocumentSource } from '../../data/document-source';
import { useSession } from '../../data/session';
import type { SchoolData } from '../../data/use-school-data';
import { todayIso } from '../../../shared/dates';
import { PrintDialog } from '../../print/PrintDialog';
import { ClassSelect } from '../../ui/ClassSelect';
import { YearJournalPanel } from '../../print/YearJournalPanel';
import type { PrintJob } from '../../print/print-job';
import { checkRuDate, RU_DATE_PLACEHOLDER } from '../class/ru-date';

const YEAR = 'year';

interface Props {
  data: SchoolData;
  /** The reporting periods the deputy can choose (every scheme the school uses). */
  periods: readonly Period[];
  period: Period;
}

export function SummaryTab({ data, periods, period }: Props) {
  const { db } = useSession();
  const classes = useMemo(() => [...data.classes.values()].sort(compareClasses), [data]);
  const [classId, setClassId] = useState<string>('');
  const [periodId, setPeriodId] = useState<string>(period.id);
  const [job, setJob] = useState<PrintJob | null>(null);
  const [councilNumber, setCouncilNumber] = useState('');
  const [councilDate, setCouncilDate] = useState('');
  const [councilError, setCouncilError] = useState<string | null>(null);

  const make = () => {
    const date = checkRuDate(councilDate, { required: false });
    if (!date.ok) {
      setCouncilError(`Дата протокола: ${date.error.toLowerCase()}`);
      return;
    }
    setCouncilError(null);
    const cls = classId ? data.classes.get(classId) : undefined;
    const year = periodId === YEAR;
    const chosen = periods.find((p) => p.id === periodId);
    const what = `${cls ? `${cls.name} класс` : 'вся школа'}, ${year ? 'год' : (chosen?.name ?? '')}`;
    setJob({
      title: `Сводная ведомость — ${what}`,
      fileName: `Сводная ведомость — ${what}`,
      model: async () => {
        const source = await readDocumentSource(db, classId || null);
        const today = todayIso();
        return buildSummaryModel(source, {
          classes: classId ? [classId] : undefined,
          periodId: year ? undefined : periodId,
          year,
          asOf: today,
          issuedOn: today,
          council: { number: councilNumber.trim(), date: date.iso },
        });
      },
    });
  };

  return (
    <div className="school-tab summary-tab">
      <form
        className="school-actions"
        onSubmit={(e) => {
          e.preventDefault();
          make();
        }}
      >
        <ClassSelect
          classes={classes}
          value={classId}
          onChange={setClassId}
          allLabel="Вся школа (каждый класс с новой страницы)"
        />
        <label>
          Период{' '}
          <select value={periodId} onChange={(e) => setPeriodId(e.target.value)}>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value={YEAR}>Год (годовая ведомость)</option>
          </select>
        </label>
        {periodId === YEAR && (
          <>
            <label className="inline-field">
              Протокол педсовета №{' '}
              <input
                className="council-number"
                value={councilNumber}
                maxLength={20}
                onChange={(e) => setCouncilNumber(e.target.value)}
              />
            </label>
            <label className="inline-field">
              от{' '}
              <input
                className="date-input"
                inputMode="numeric"
                placeholder={RU_DATE_PLACEHOLDER}
                value={councilDate}
                aria-invalid={councilError ? true : undefined}
                onChange={(e) => {
                  setCouncilDate(e.target.value);
                  setCouncilError(null);
                }}
              />
            </label>
          </>
        )}
        <button type="submit" className="primary">
          Сформировать ведомость
        </button>
        {councilError && (
          <small className="field-error" role="alert">
            {councilError}
          </small>
        )}
      </form>
      <p className="keys-help">
        Для класса, который учится по другим периодам (полугодия), берётся его период, в который
        попадает конец выбранного. Отсроченные отметки печатаются как «отср.». Для всей школы в
        конце печатаются итоги по классам. Номер и дата протокола педсовета попадают в годовую
        ведомость; если их нет, остаются строки для записи от руки.
      </p>
      {job && <PrintDialog job={job} onClose={() => setJob(null)} />}
      <YearJournalPanel
        classes={classes}
        school={{ shortName: data.school.shortName, yearName: data.school.year.name }}
      />
    </div>
  );
}
