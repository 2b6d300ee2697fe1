// Step 5: the plan checked (the same checks as the server's), the server's preview of what will be
// written, and the transition itself after a confirmation: the finished year becomes read-only;
// then next year's draft timetables can be put in force here (their lessons reach the teachers).
import { useState } from 'react';
import type { PublishTimetablesResult } from '../../../shared/school-setup-api';
import type { YearTransitionPlan, YearTransitionResult } from '../../../shared/year-end/plan';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { requestErrorText } from '../timetable/api';
import type { yearEndApi } from './api';

interface Props {
  plan: YearTransitionPlan;
  problems: readonly string[];
  yearName: string;
  api: ReturnType<typeof yearEndApi>;
}

function Counts({ result }: { result: YearTransitionResult }) {
  const c = result.counts;
  return (
    <ul>
      <li>классов: {c.classes}</li>
      <li>учебных периодов: {c.periods}</li>
      <li>предметов учебного плана (курсов): {c.courses}</li>
      <li>черновиков расписания: {c.timetables}</li>
      <li>учеников с записью о движении: {c.students}</li>
      <li>отсрочек по задолженностям: {c.periodMarks}</li>
    </ul>
  );
}

export function ReviewStep({ plan, problems, yearName, api }: Props) {
  const [preview, setPreview] = useState<YearTransitionResult | null>(null);
  const [done, setDone] = useState<YearTransitionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [published, setPublished] = useState<PublishTimetablesResult | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      setPublished(await api.publishTimetables());
    } catch (e) {
      setError(requestErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const run = async (mode: 'preview' | 'commit') => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.transition(plan, mode);
      if (mode === 'preview') setPreview(result);
      else setDone(result);
    } catch (e) {
      setError(requestErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    return (
      <section className="school-tab year-end-step">
        <h2>Переход выполнен</h2>
        <p className="timetable-notice" role="status">
          Учебный год {yearName} закрыт, открыт {plan.nextYear.name}. Записано:
        </p>
        <Counts result={done} />
        {done.counts.timetables > 0 && !published && (
          <>
            <p>
              Расписание {plan.nextYear.name} скопировано как черновик: уроков по нему пока нет.
              Проверьте его в разделе «Расписание» или введите в действие сразу для всех классов.
            </p>
            <div className="school-actions">
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void publish()}
              >
                Ввести расписание в действие
              </button>
            </div>
          </>
        )}
        {published && (
          <p className="timetable-notice" role="status">
            Расписание введено в действие: {published.classes.join(', ')}. Создано уроков:{' '}
            {published.lessons.created}.
          </p>
        )}
        {error && (
          <p className="timetable-problems" role="alert">
            {error}
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="school-tab year-end-step">
      <h2>Проверка и переход</h2>
      {problems.length > 0 ? (
        <div className="timetable-problems" role="alert">
          <p>Исправьте, прежде чем переходить:</p>
          <ul>
            {problems.slice(0, 20).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="timetable-notice">Замечаний нет.</p>
      )}
      <div className="school-actions">
        <button
          type="button"
          disabled={busy || problems.length > 0}
          onClick={() => void run('preview')}
        >
          Проверить на сервере
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || problems.length > 0 || preview === null}
          onClick={() => setConfirming(true)}
        >
          Перейти на {plan.nextYear.name}
        </button>
      </div>
      {preview && (
        <div>
          <p>Будет записано:</p>
          <Counts result={preview} />
          {preview.unplacedDebts.length > 0 && (
            <p className="timetable-warnings">
              Задолженностей без предмета в новом учебном плане: {preview.unplacedDebts.length}
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="timetable-problems" role="alert">
          {error}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Закрыть учебный год ${yearName}?`}
          confirmLabel="Закрыть год и перейти"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run('commit');
          }}
        >
          После перехода журнал {yearName} доступен только для чтения: отметки, темы и движение
          учащихся этого года больше не изменяются.
        </ConfirmDialog>
      )}
    </section>
  );
}
