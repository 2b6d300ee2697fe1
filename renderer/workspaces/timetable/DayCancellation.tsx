// Cancelling (or bringing back) a day's lessons of a class or of the whole school with a reason
// (карантин, актированный день), confirmed first with what it touches.
import { useMemo, useState } from 'react';
import { formatDate, todayIso } from '../../../shared/dates';
import { compareClasses } from '../../../shared/school-class';
import type { SchoolData } from '../../data/use-school-data';
import { useLessonsBetween } from '../../data/use-timetables';
import { ClassSelect } from '../../ui/ClassSelect';
import { checkRuDate } from '../class/ru-date';
import { requestErrorText, type ScheduleApi } from './api';
import {
  cancellationText,
  dayCancellationScope,
  dayRestoreScope,
  restoreText,
} from './change-summary';
import { ConfirmBox } from './ConfirmBox';
import { resultText, TypedDateField } from './change-fields';

const CANCEL_REASONS = ['карантин', 'актированный день', 'болезнь учителя'];

export function DayCancellation({ api, data }: { api: ScheduleApi; data: SchoolData }) {
  const classes = useMemo(() => [...data.classes.values()].sort(compareClasses), [data]);
  const [dateText, setDateText] = useState(formatDate(todayIso()));
  const [classId, setClassId] = useState('');
  const [reasonChoice, setReasonChoice] = useState(CANCEL_REASONS[0]!);
  const [otherReason, setOtherReason] = useState('');
  const [confirming, setConfirming] = useState<'cancel' | 'restore' | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const date = checkRuDate(dateText, { required: true });
  const reason = reasonChoice === '' ? otherReason.trim() : reasonChoice;

  const send = async (cancel: boolean) => {
    if (!date.ok) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.cancelDay({
        date: date.iso,
        classIds: classId ? [classId] : undefined,
        reason: reason || 'возвращены',
        cancel,
      });
      setMessage({
        text: resultText(cancel ? 'Отменено' : 'Возвращено', result),
        error: false,
      });
    } catch (e) {
      setMessage({ text: requestErrorText(e), error: true });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  return (
    <section className="change-panel">
      <h2>Отмена уроков на день</h2>
      <div className="school-actions">
        <TypedDateField
          label="Дата"
          value={dateText}
          onChange={(t) => {
            setDateText(t);
            setConfirming(null);
          }}
        />
        <ClassSelect
          classes={classes}
          value={classId}
          onChange={(id) => {
            setClassId(id);
            setConfirming(null);
          }}
          allLabel="Вся школа"
        />
        <label>
          Причина{' '}
          <select value={reasonChoice} onChange={(e) => setReasonChoice(e.target.value)}>
            {CANCEL_REASONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
            <option value="">другая…</option>
          </select>
        </label>
        {reasonChoice === '' && (
          <input
            aria-label="Другая причина"
            value={otherReason}
            onChange={(e) => setOtherReason(e.target.value)}
            maxLength={200}
          />
        )}
        {confirming === null && (
          <>
            <button
              type="button"
              disabled={busy || !date.ok || !reason}
              onClick={() => setConfirming('cancel')}
            >
              Отменить уроки…
            </button>
            <button
              type="button"
              disabled={busy || !date.ok}
              onClick={() => setConfirming('restore')}
            >
              Вернуть отменённые…
            </button>
          </>
        )}
      </div>
      {confirming && date.ok && (
        <DayConfirm
          key={`${date.iso}|${confirming}`}
          date={date.iso}
          classIds={classId ? [classId] : null}
          where={classId ? `${data.classes.get(classId)?.name ?? ''} класса` : 'всей школы'}
          restore={confirming === 'restore'}
          busy={busy}
          onConfirm={() => void send(confirming === 'cancel')}
          onCancel={() => setConfirming(null)}
        />
      )}
      {message && (
        <p className={message.error ? 'timetable-problems' : 'timetable-notice'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}

function DayConfirm({
  date,
  classIds,
  where,
  restore,
  busy,
  onConfirm,
  onCancel,
}: {
  date: string;
  classIds: string[] | null;
  where: string;
  restore: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const lessons = useLessonsBetween(date, date);
  if (!lessons) return <p className="loading">Считаем уроки…</p>;
  const scope = restore
    ? dayRestoreScope(lessons, date, classIds)
    : dayCancellationScope(lessons, date, classIds);
  return (
    <ConfirmBox
      text={restore ? restoreText(scope, date, where) : cancellationText(scope, date, where)}
      confirmLabel={restore ? 'Вернуть уроки' : 'Отменить уроки'}
      empty={scope.lessons.length === 0}
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
