// «Замены» for a teacher's lessons of some days (illness): the substitute for each, confirmed first
// with how many lessons and how many of them hold marks.
import { useState } from 'react';
import type { Course } from '../../../shared/course';
import { formatDate, todayIso } from '../../../shared/dates';
import type { StaffMember } from '../../../shared/staff';
import { useLessonsBetween } from '../../data/use-timetables';
import { checkRuDate } from '../class/ru-date';
import { requestErrorText, type ScheduleApi } from './api';
import { substitutionText, teacherRangeScope } from './change-summary';
import { ConfirmBox } from './ConfirmBox';
import { resultText, StaffSelect, TypedDateField } from './change-fields';

export function TeacherRange({
  api,
  courses,
  teachers,
}: {
  api: ScheduleApi;
  courses: Map<string, Course>;
  teachers: StaffMember[];
}) {
  const [teacherId, setTeacherId] = useState('');
  const [substituteId, setSubstituteId] = useState('');
  const [fromText, setFromText] = useState(formatDate(todayIso()));
  const [toText, setToText] = useState(formatDate(todayIso()));
  const [reason, setReason] = useState('болезнь');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const from = checkRuDate(fromText, { required: true });
  const to = checkRuDate(toText, { required: true });
  const range = from.ok && to.ok && from.iso <= to.iso ? { from: from.iso, to: to.iso } : null;

  const send = async () => {
    if (!range) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.substitute({
        teacherId,
        from: range.from,
        to: range.to,
        substituteId,
        reason,
      });
      setMessage({ text: resultText('Замена назначена', result), error: false });
    } catch (e) {
      setMessage({ text: requestErrorText(e), error: true });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section className="change-panel">
      <h2>Замена учителя на несколько дней</h2>
      <div className="school-actions">
        <StaffSelect
          label="Отсутствует"
          staff={teachers}
          value={teacherId}
          onChange={(id) => {
            setTeacherId(id);
            setConfirming(false);
          }}
          none="— учитель —"
        />
        <TypedDateField label="с" value={fromText} onChange={setFromText} />
        <TypedDateField label="по" value={toText} onChange={setToText} />
        <StaffSelect
          label="Замещает"
          staff={teachers.filter((s) => s.id !== teacherId)}
          value={substituteId}
          onChange={setSubstituteId}
          none="— учитель —"
        />
        <label>
          Причина{' '}
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        </label>
        {!confirming && (
          <button
            type="button"
            disabled={busy || !teacherId || !substituteId || !range}
            onClick={() => setConfirming(true)}
          >
            Назначить замену…
          </button>
        )}
      </div>
      {from.ok && to.ok && from.iso > to.iso && (
        <p className="field-error">Дата «по» раньше даты «с»</p>
      )}
      {confirming && range && (
        <RangeConfirm
          key={`${range.from}|${range.to}`}
          range={range}
          teacherId={teacherId}
          courses={courses}
          busy={busy}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
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

function RangeConfirm({
  range,
  teacherId,
  courses,
  busy,
  onConfirm,
  onCancel,
}: {
  range: { from: string; to: string };
  teacherId: string;
  courses: Map<string, Course>;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const lessons = useLessonsBetween(range.from, range.to);
  if (!lessons) return <p className="loading">Считаем уроки…</p>;
  const scope = teacherRangeScope(lessons, courses, teacherId, range.from, range.to);
  return (
    <ConfirmBox
      text={substitutionText(scope, range.from, range.to)}
      confirmLabel="Назначить замену"
      empty={scope.lessons.length === 0}
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
