// «Замены»: the deputy's day-to-day changes through the school server — a substitute for one lesson
// or for a teacher's lessons of some days (illness), перенос of a lesson to another date and lesson
// number, and the cancellation of a day's lessons of a class or of the whole school (карантин,
// актированный день). Every change that writes several lessons is confirmed first, saying what it touches.
import { useMemo, useState } from 'react';
import { fullName } from '../../../shared/common';
import type { Course } from '../../../shared/course';
import { formatDate, todayIso } from '../../../shared/dates';
import { compareLessons, type Lesson } from '../../../shared/lesson';
import { isReplaced } from '../../../shared/lesson-changes';
import type { LessonsChanged } from '../../../shared/school-setup-api';
import { compareClasses } from '../../../shared/school-class';
import type { StaffMember } from '../../../shared/staff';
import type { SchoolData } from '../../data/use-school-data';
import {
  useClassDayLessons,
  useLessonsBetween,
  type TimetableData,
} from '../../data/use-timetables';
import type { ActiveSession } from '../../sync/session-store';
import { ClassSelect } from '../../ui/ClassSelect';
import { checkRuDate, RU_DATE_PLACEHOLDER } from '../class/ru-date';
import { requestErrorText, scheduleApi, type ScheduleApi } from './api';
import {
  cancellationText,
  dayCancellationScope,
  dayRestoreScope,
  lessonCount,
  restoreText,
  substitutionText,
  teacherRangeScope,
} from './change-summary';
import { ConfirmBox } from './ConfirmBox';
import { courseNames, type CourseNames } from './schedule-names';

interface Props {
  session: ActiveSession;
  data: SchoolData;
  tt: TimetableData;
}

const CANCEL_REASONS = ['карантин', 'актированный день', 'болезнь учителя'];

/** The result line of a change: what was written and what was left out, and why. */
function resultText(done: string, result: LessonsChanged): string {
  const skipped = result.skipped.length
    ? ` Не изменено: ${result.skipped.length} (${[...new Set(result.skipped.map((s) => s.reason))].slice(0, 3).join('; ')}).`
    : '';
  return `${done}: ${lessonCount(result.changed.length)}.${skipped}`;
}

function DateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
}) {
  const checked = checkRuDate(value, { required: true });
  return (
    <label>
      {label}{' '}
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={RU_DATE_PLACEHOLDER}
        size={11}
        aria-invalid={!checked.ok}
      />
      {!checked.ok && <span className="field-error"> {checked.error}</span>}
    </label>
  );
}

function StaffSelect({
  label,
  staff,
  value,
  onChange,
  none,
}: {
  label: string;
  staff: StaffMember[];
  value: string;
  onChange: (id: string) => void;
  none: string;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {fullName(s)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ChangesTab({ session, data, tt }: Props) {
  const api = useMemo(() => scheduleApi(session), [session]);
  const names = useMemo(() => courseNames(data), [data]);
  const courses = useMemo(() => new Map(tt.courses.map((c) => [c.id, c])), [tt.courses]);
  const teachers = useMemo(
    () => data.staffList.filter((s) => s.active !== false && s.roles.some((r) => r !== 'admin')),
    [data.staffList],
  );
  const [dayText, setDayText] = useState(formatDate(todayIso()));
  const day = checkRuDate(dayText, { required: true });
  return (
    <div className="school-tab changes-tab">
      <section className="change-panel">
        <h2>Замена или перенос одного урока</h2>
        <div className="school-actions">
          <DateField label="Дата" value={dayText} onChange={setDayText} />
        </div>
        {day.ok && (
          <DayLessons
            key={day.iso}
            date={day.iso}
            api={api}
            data={data}
            names={names}
            courses={courses}
            teachers={teachers}
          />
        )}
      </section>
      <TeacherRange api={api} courses={courses} teachers={teachers} />
      <DayCancellation api={api} data={data} />
    </div>
  );
}

function lessonState(lesson: Lesson, course: Course | undefined, names: CourseNames): string {
  if (lesson.status === 'cancelled') {
    if (lesson.movedTo) return 'перенесён';
    return `не проводится${lesson.cancelReason ? ` (${lesson.cancelReason})` : ''}`;
  }
  if (isReplaced(lesson, course)) return `замена: ведёт ${names.teacher(lesson.teacherId)}`;
  if (lesson.movedFrom) return 'перенесён сюда';
  return '';
}

/** The lessons of one date: pick a class and a lesson, then a substitute or a new date and number. */
function DayLessons(props: {
  date: string;
  api: ScheduleApi;
  data: SchoolData;
  names: CourseNames;
  courses: Map<string, Course>;
  teachers: StaffMember[];
}) {
  const classes = useMemo(
    () => [...props.data.classes.values()].sort(compareClasses),
    [props.data],
  );
  const [classId, setClassId] = useState(classes[0]?.id ?? '');
  return (
    <>
      <div className="school-actions">
        <ClassSelect classes={classes} value={classId} onChange={setClassId} />
      </div>
      <ClassDayLessons key={classId} classId={classId} {...props} />
    </>
  );
}

function ClassDayLessons({
  classId,
  date,
  api,
  data,
  names,
  courses,
  teachers,
}: {
  classId: string;
  date: string;
  api: ScheduleApi;
  data: SchoolData;
  names: CourseNames;
  courses: Map<string, Course>;
  teachers: StaffMember[];
}) {
  const lessons = useClassDayLessons(classId, date);
  const [lessonId, setLessonId] = useState<string | null>(null);
  const [substituteId, setSubstituteId] = useState('');
  const [reason, setReason] = useState('');
  const [moveDate, setMoveDate] = useState(formatDate(date));
  const [moveSlot, setMoveSlot] = useState('');
  const [confirmMove, setConfirmMove] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const dayLessons = useMemo(() => [...(lessons ?? [])].sort(compareLessons), [lessons]);
  const lesson = dayLessons.find((l) => l.id === lessonId) ?? null;
  const course = lesson ? courses.get(lesson.courseId) : undefined;
  const target = checkRuDate(moveDate, { required: true });
  const slot = Number.parseInt(moveSlot, 10);

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await run(), error: false });
    } catch (e) {
      setMessage({ text: requestErrorText(e), error: true });
    } finally {
      setBusy(false);
      setConfirmMove(false);
    }
  };

  if (!lessons) return <p className="loading">Читаем уроки…</p>;
  return (
    <>
      {dayLessons.length === 0 ? (
        <p className="timetable-empty">
          {formatDate(date)} у {data.classes.get(classId)?.name ?? ''} класса уроков нет.
        </p>
      ) : (
        <table className="report-table day-lessons" aria-label="Уроки дня">
          <thead>
            <tr>
              <th />
              <th>Урок</th>
              <th>Предмет</th>
              <th>Учитель</th>
              <th>Отметки</th>
              <th>Состояние</th>
            </tr>
          </thead>
          <tbody>
            {dayLessons.map((l) => {
              const c = courses.get(l.courseId);
              const marks = Object.values(l.entries).reduce((n, e) => n + e.marks.length, 0);
              return (
                <tr key={l.id} className={l.id === lessonId ? 'shown' : undefined}>
                  <td>
                    <input
                      type="radio"
                      name="lesson"
                      aria-label={`${l.slot}-й урок, ${c ? names.title(c) : l.courseId}`}
                      checked={l.id === lessonId}
                      onChange={() => {
                        setLessonId(l.id);
                        setMessage(null);
                        setSubstituteId('');
                      }}
                    />
                  </td>
                  <td className="num">{l.slot}</td>
                  <td>{c ? names.title(c) : l.courseId}</td>
                  <td>{c ? names.teacher(c.teacherId) : names.teacher(l.teacherId)}</td>
                  <td className="num">{marks || ''}</td>
                  <td>{lessonState(l, c, names)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {lesson && lesson.status === 'held' && (
        <div className="lesson-actions">
          <fieldset>
            <legend>Замена</legend>
            <StaffSelect
              label="Замещающий учитель"
              staff={teachers.filter((s) => s.id !== course?.teacherId)}
              value={substituteId}
              onChange={setSubstituteId}
              none="— выберите —"
            />
            <label>
              Причина{' '}
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="болезнь"
                maxLength={200}
              />
            </label>
            <button
              type="button"
              className="primary"
              disabled={busy || !substituteId}
              onClick={() =>
                void act(async () =>
                  resultText(
                    'Замена назначена',
                    await api.substitute({ lessonIds: [lesson.id], substituteId, reason }),
                  ),
                )
              }
            >
              Назначить замену
            </button>
            {isReplaced(lesson, course) && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(async () =>
                    resultText(
                      'Урок возвращён своему учителю',
                      await api.substitute({
                        lessonIds: [lesson.id],
                        substituteId: null,
                        reason: '',
                      }),
                    ),
                  )
                }
              >
                Отменить замену
              </button>
            )}
          </fieldset>
          <fieldset>
            <legend>Перенос</legend>
            <DateField label="На дату" value={moveDate} onChange={setMoveDate} />
            <label>
              Номер урока{' '}
              <input
                value={moveSlot}
                onChange={(e) => setMoveSlot(e.target.value)}
                inputMode="numeric"
                size={3}
              />
            </label>
            {confirmMove && target.ok ? (
              <ConfirmBox
                text={`Перенести ${lesson.slot}-й урок ${formatDate(lesson.date)} (${course ? names.title(course) : ''}) на ${slot}-й урок ${formatDate(target.iso)}?${Object.keys(lesson.entries).length > 0 ? ' Тема, задание, отметки и посещаемость перейдут вместе с уроком.' : ''}`}
                confirmLabel="Перенести"
                busy={busy}
                onCancel={() => setConfirmMove(false)}
                onConfirm={() =>
                  void act(async () => {
                    await api.move({ lessonId: lesson.id, date: target.iso, slot });
                    return `Урок перенесён на ${formatDate(target.iso)}, ${slot}-й урок.`;
                  })
                }
              />
            ) : (
              <button
                type="button"
                disabled={busy || !target.ok || !(slot >= 0 && slot <= 12)}
                onClick={() => setConfirmMove(true)}
              >
                Перенести…
              </button>
            )}
          </fieldset>
        </div>
      )}
      {message && (
        <p className={message.error ? 'timetable-problems' : 'timetable-notice'} role="status">
          {message.text}
        </p>
      )}
    </>
  );
}

/** A teacher's lessons of a date range to a substitute (illness, courses). */
function TeacherRange({
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
        <DateField label="с" value={fromText} onChange={setFromText} />
        <DateField label="по" value={toText} onChange={setToText} />
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

/** All lessons of a class or of the school on a date cancelled with a reason (or brought back). */
function DayCancellation({ api, data }: { api: ScheduleApi; data: SchoolData }) {
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
        <DateField
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
