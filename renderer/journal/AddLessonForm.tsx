// Adds a lesson to the course (date + lesson number); the new column appears in the grid at once.
// One lesson per course, date and number (shared/lesson-id.ts): a second press adds nothing; a
// Sunday is refused, a holiday or non-working day asks first (shared/lesson-date.ts).
import { useRef, useState, type FormEvent } from 'react';
import type { AcademicYear } from '../../shared/academic-year';
import type { Course } from '../../shared/course';
import { formatDate, todayIso } from '../../shared/dates';
import { lessonId } from '../../shared/lesson-id';
import { lessonDateCheck } from '../../shared/lesson-date';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import { useRepositories } from '../data/session';
import { WriteError } from '../data/write-error';
import { DateField } from '../ui/DateField';

interface Props {
  course: Course;
  period: Period;
  staffId: string;
  bells: School['bells'];
  year: AcademicYear;
  /** The class's parallel (holidays of some parallels only). */
  grade: number;
  /** Why the signed-in person may not add lessons to this course (a substitute), or null. */
  refusal: string | null;
  /** The lesson added (or the one already there): the page selects it. */
  onAdded: (lessonId: string) => void;
}

export function AddLessonForm(props: Props) {
  const { course, period, staffId, bells, refusal } = props;
  const { lessons } = useRepositories();
  const today = todayIso();
  const [date, setDate] = useState<string | null>(
    period.start <= today && today <= period.end ? today : period.start,
  );
  const [slot, setSlot] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  /** The warning the teacher has seen for this date and number: a second press adds. */
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const busy = useRef(false);
  const lastAdded = useRef<string | null>(null);
  const slots = bells.length > 0 ? bells.map((b) => b.slot) : [1, 2, 3, 4, 5, 6, 7];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy.current) return; // a double click adds once
    if (date && lastAdded.current === `${date}:${slot}`) return; // …and says nothing more
    if (!date) return setMessage('Укажите дату урока в формате ДД.ММ.ГГГГ.');
    if (date < period.start || date > period.end) {
      return setMessage(
        `Дата должна быть внутри периода «${period.name}» (${formatDate(period.start)} — ${formatDate(period.end)}).`,
      );
    }
    const check = lessonDateCheck(props.year, date, props.grade);
    if (check.kind === 'refused') return setMessage(check.message);
    const key = `${date}:${slot}`;
    if (check.kind === 'warning' && confirmed !== key) {
      setConfirmed(key);
      return setMessage(`${check.message} Нажмите «Добавить урок» ещё раз, если урок всё же был.`);
    }
    busy.current = true;
    try {
      await lessons.addLesson({
        courseId: course.id,
        classId: course.classId,
        date,
        slot,
        teacherId: staffId,
      });
      setMessage(`Урок ${formatDate(date)}, ${slot}-й урок добавлен.`);
      setConfirmed(null);
      lastAdded.current = key;
      props.onAdded(lessonId(course.id, date, slot));
    } catch (error) {
      if (error instanceof WriteError && /уже есть/.test(error.message)) {
        props.onAdded(lessonId(course.id, date, slot));
      }
      setMessage(error instanceof WriteError ? error.message : 'Не удалось добавить урок.');
      if (!(error instanceof WriteError)) console.error(error);
    } finally {
      busy.current = false;
    }
  };

  return (
    <form
      className="add-lesson"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-label="Добавить урок"
    >
      <h2>Добавить урок</h2>
      {refusal && (
        <p className="read-only-notice" role="status">
          {refusal}: уроки в него добавляют учитель курса и заместитель директора.
        </p>
      )}
      <fieldset className="closed-guard" disabled={refusal !== null}>
        <DateField
          label="Дата"
          required
          min={period.start}
          max={period.end}
          value={date ?? ''}
          onChange={(iso) => {
            setDate(iso || null);
            setMessage(null);
            lastAdded.current = null;
          }}
        />
        <label className="field">
          <span>Номер урока</span>
          <select
            value={slot}
            onChange={(e) => {
              setSlot(Number(e.target.value));
              lastAdded.current = null;
            }}
          >
            {slots.map((s) => (
              <option key={s} value={s}>
                {s}-й урок
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Добавить урок</button>
      </fieldset>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
