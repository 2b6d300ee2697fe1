// «Замены»: the deputy's day-to-day changes through the school server — a substitute for one lesson
// or for a teacher's lessons of some days (illness), перенос of a lesson to another date and lesson
// number, and the cancellation of a day's lessons of a class or of the whole school (карантин,
// актированный день). Every change that writes several lessons is confirmed first, saying what it touches.
import { useMemo, useState } from 'react';
import type { Course } from '../../../shared/course';
import { formatDate, todayIso } from '../../../shared/dates';
import { compareLessons, type Lesson } from '../../../shared/lesson';
import { isReplaced } from '../../../shared/lesson-changes';
import { compareClasses } from '../../../shared/school-class';
import type { StaffMember } from '../../../shared/staff';
import type { SchoolData } from '../../data/use-school-data';
import { useClassDayLessons, type TimetableData } from '../../data/use-timetables';
import type { ActiveSession } from '../../sync/session-store';
import { ClassSelect } from '../../ui/ClassSelect';
import { checkRuDate } from '../class/ru-date';
import { requestErrorText, scheduleApi, type ScheduleApi } from './api';
import { ConfirmBox } from './ConfirmBox';
import { courseNames, type CourseNames } from './schedule-names';
import { resultText, StaffSelect, TypedDateField } from './change-fields';
import { TeacherRange } from './TeacherRange';
import { DayCancellation } from './DayCancellation';

interface Props {
  session: ActiveSession;
  data: SchoolData;
  tt: TimetableData;
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
          <TypedDateField label="Дата" value={dayText} onChange={setDayText} />
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
            <TypedDateField label="На дату" value={moveDate} onChange={setMoveDate} />
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
