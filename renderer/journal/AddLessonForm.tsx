// Adds a lesson to the course (date + lesson number); the new column appears in the grid at once.
import { useState, type FormEvent } from 'react';
import type { Course } from '../../shared/course';
import type { Period } from '../../shared/period';
import type { School } from '../../shared/school';
import { useRepositories } from '../data/session';
import { WriteError } from '../data/write-error';
import { todayIso } from '../../shared/dates';

interface Props {
  course: Course;
  period: Period;
  staffId: string;
  bells: School['bells'];
  /** Why the signed-in person may not add lessons to this course (a substitute), or null. */
  refusal: string | null;
}

export function AddLessonForm({ course, period, staffId, bells, refusal }: Props) {
  const { lessons } = useRepositories();
  const today = todayIso();
  const [date, setDate] = useState(
    period.start <= today && today <= period.end ? today : period.start,
  );
  const [slot, setSlot] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const slots = bells.length > 0 ? bells.map((b) => b.slot) : [1, 2, 3, 4, 5, 6, 7];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (date < period.start || date > period.end) {
      setMessage(`Дата должна быть внутри периода «${period.name}».`);
      return;
    }
    try {
      await lessons.addLesson({
        courseId: course.id,
        classId: course.classId,
        date,
        slot,
        teacherId: staffId,
      });
      setMessage('Урок добавлен.');
    } catch (error) {
      setMessage(error instanceof WriteError ? error.message : 'Не удалось добавить урок.');
      if (!(error instanceof WriteError)) console.error(error);
    }
  };

  return (
    <form className="add-lesson" onSubmit={(e) => void submit(e)} aria-label="Добавить урок">
      <h2>Добавить урок</h2>
      {refusal && (
        <p className="read-only-notice" role="status">
          {refusal}: уроки в него добавляют учитель курса и заместитель директора.
        </p>
      )}
      <fieldset className="closed-guard" disabled={refusal !== null}>
        <label className="field">
          <span>Дата</span>
          <input
            type="date"
            required
            min={period.start}
            max={period.end}
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Номер урока</span>
          <select value={slot} onChange={(e) => setSlot(Number(e.target.value))}>
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
