// «Школа → Новый учебный год» (#/school/year-end): the deputy's year-transition wizard — calendar,
// classes, movements per student, curriculum and timetable, review, then the transition on the
// server (online only), which closes the finished year. The plan is proposed once from the local
// data and edited step by step; nothing is written before the last step. While the new year has
// not started, the last transition can be undone (UndoPanel); the wizard then starts afresh.
import { useEffect, useMemo, useState } from 'react';
import { todayIso } from '../../../shared/dates';
import { checkPlan } from '../../../shared/year-end/plan-checks';
import type { YearTransitionPlan, YearUndoResult } from '../../../shared/year-end/plan';
import { proposePlan } from '../../../shared/year-end/propose-plan';
import type { SchoolData } from '../../data/use-school-data';
import { useYearEndData, type YearEndData } from '../../data/use-year-end-data';
import { useSyncClient } from '../../sync/sync-context';
import { yearEndApi } from './api';
import { CalendarStep } from './CalendarStep';
import { ClassesStep } from './ClassesStep';
import { CopyStep } from './CopyStep';
import { STEPS } from './labels';
import { MovementsStep } from './MovementsStep';
import { ReviewStep } from './ReviewStep';
import { UndoPanel } from './UndoPanel';
import './year-end.css';

export function YearEndScreen({ data }: { data: SchoolData }) {
  const records = useYearEndData();
  const session = useSyncClient()?.session ?? null;
  if (!session) {
    return (
      <section className="school-tab">
        <h2>Новый учебный год</h2>
        <p className="timetable-offline">
          Переход на новый учебный год выполняется только при подключении к серверу школы.
        </p>
      </section>
    );
  }
  if (!records) return <p className="loading">Собираем итоги года…</p>;
  return <WithUndo data={data} records={records} api={yearEndApi(session)} />;
}

function WithUndo(props: {
  data: SchoolData;
  records: YearEndData;
  api: ReturnType<typeof yearEndApi>;
}) {
  const { data, api } = props;
  const [round, setRound] = useState(0);
  // After an undo: the reopened year's name until this computer has the school card back.
  const [undone, setUndone] = useState<YearUndoResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const waiting = undone !== null && data.school.year.name !== undone.reopened;
  useEffect(() => {
    if (undone && !waiting) {
      setUndone(null);
      setRound((n) => n + 1);
    }
  }, [undone, waiting]);
  const past = data.school.pastYears?.at(-1);
  const undoable = past !== undefined && todayIso() < data.school.year.start;
  return (
    <>
      {notice && (
        <p className="timetable-notice" role="status">
          {notice}
        </p>
      )}
      {undoable && !undone && (
        <UndoPanel
          past={past}
          yearName={data.school.year.name}
          api={api}
          onUndone={(r) => {
            setNotice(`Переход отменён: текущий учебный год — снова ${r.reopened}.`);
            setUndone(r);
          }}
        />
      )}
      {waiting ? (
        <p className="loading">Получаем данные {undone.reopened} с сервера школы…</p>
      ) : (
        <Wizard key={round} {...props} />
      )}
    </>
  );
}

function Wizard({
  data,
  records,
  api,
}: {
  data: SchoolData;
  records: YearEndData;
  api: ReturnType<typeof yearEndApi>;
}) {
  // The year being finished: after the transition the school card already names the new one.
  const [yearName] = useState(data.school.year.name);
  // Proposed once, when the wizard opens; the deputy's edits are kept while it stays open.
  const [plan, setPlan] = useState<YearTransitionPlan>(() =>
    proposePlan({
      school: data.school,
      periods: data.periods,
      classes: [...data.classes.values()],
      courses: records.courses,
      periodMarks: records.periodMarks,
      students: records.students,
      order: { number: '', date: todayIso() },
    }),
  );
  const [step, setStep] = useState(0);
  const problems = useMemo(
    () =>
      checkPlan(plan, {
        school: data.school,
        classes: [...data.classes.values()],
        students: records.students,
        periods: data.periods,
      }),
    [plan, data, records],
  );
  const active = data.staffList.filter((s) => s.active !== false);
  return (
    <div className="year-end">
      <h2 className="year-end-title">
        Завершение {yearName} и переход на {plan.nextYear.name}
      </h2>
      <ol className="year-end-steps" aria-label="Шаги перехода">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined}>
            <button type="button" onClick={() => setStep(i)}>
              {i + 1}. {label}
            </button>
          </li>
        ))}
      </ol>
      {step === 0 && <CalendarStep plan={plan} onChange={setPlan} />}
      {step === 1 && (
        <ClassesStep plan={plan} classes={data.classes} staff={active} onChange={setPlan} />
      )}
      {step === 2 && (
        <MovementsStep
          plan={plan}
          school={data.school}
          classes={data.classes}
          students={records.students}
          courses={records.courses}
          onChange={setPlan}
        />
      )}
      {step === 3 && <CopyStep plan={plan} onChange={setPlan} />}
      {step === 4 && <ReviewStep plan={plan} problems={problems} yearName={yearName} api={api} />}
      <div className="school-actions year-end-nav">
        <button type="button" disabled={step === 0} onClick={() => setStep(step - 1)}>
          Назад
        </button>
        {step < STEPS.length - 1 && (
          <button type="button" className="primary" onClick={() => setStep(step + 1)}>
            Далее
          </button>
        )}
      </div>
    </div>
  );
}
