// The student's movements (each with its order) and recording an arrival from another school
// («прибыл из другой школы», for the book of movements).
import { useEffect, useState } from 'react';
import { formatDate, todayIso } from '../../../shared/dates';
import { movementLine } from '../../../shared/reports/movement-book';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import type { RosterRepository } from '../../data/roster-repository';
import { useSession } from '../../data/session';
import { DateTextInput } from '../../ui/DateField';
import { FormField } from './FormField';
import { checkRuDate } from './ru-date';

interface Props {
  student: Student;
  /** This year's classes by id (a movement's classes; older ones are read from the database). */
  classes: ReadonlyMap<string, SchoolClass>;
  subjects: readonly { id: string; name: string }[];
  roster: RosterRepository;
}

export function StudentMovements({ student, classes, subjects, roster }: Props) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(formatDate(todayIso()));
  const [orderNumber, setOrderNumber] = useState('');
  const [errors, setErrors] = useState<{ date?: string; order?: string; save?: string }>({});
  const movements = student.movements ?? [];
  // Classes of the finished years this desktop still holds name the older movements too.
  const { db } = useSession();
  const [held, setHeld] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let gone = false;
    void db.classes
      .find()
      .exec()
      .then((docs) => !gone && setHeld(new Map(docs.map((d) => [d.id, d.name]))));
    return () => {
      gone = true;
    };
  }, [db]);
  const name = (id: string | null) => (id ? (classes.get(id)?.name ?? held.get(id) ?? '') : '');
  const subjectNames = new Map(subjects.map((s) => [s.id, s.name]));
  const save = async () => {
    const day = checkRuDate(date, {
      required: true,
      notAfter: todayIso(),
      future: 'Дата зачисления не может быть в будущем',
    });
    const order = orderNumber.trim();
    const found = {
      date: day.ok ? undefined : day.error,
      order: order === '' ? 'Укажите номер приказа о зачислении' : undefined,
    };
    setErrors(found);
    if (!day.ok || found.order) return;
    try {
      await roster.recordArrival(student.id, { date: day.iso, orderNumber: order });
      setOpen(false);
      setOrderNumber('');
    } catch (e) {
      setErrors({ save: e instanceof Error ? e.message : 'Не удалось сохранить прибытие.' });
    }
  };
  return (
    <section className="student-movements" aria-label="Движение">
      <h3>Движение</h3>
      {movements.length === 0 ? (
        <p className="muted">Движений нет.</p>
      ) : (
        <ul>
          {movements.map((m, i) => (
            <li key={i}>{movementLine(m, student.gender, name, subjectNames)}</li>
          ))}
        </ul>
      )}
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Прибытие из другой школы…
        </button>
      ) : (
        <div role="group" aria-label="Прибытие из другой школы">
          <FormField label="Дата зачисления" error={errors.date}>
            <DateTextInput value={date} onChange={setDate} />
          </FormField>
          <FormField label="Номер приказа о зачислении" error={errors.order}>
            <input
              value={orderNumber}
              maxLength={40}
              placeholder="например, 31-у"
              onChange={(e) => setOrderNumber(e.target.value)}
            />
          </FormField>
          {errors.save && (
            <p className="field-error" role="alert">
              {errors.save}
            </p>
          )}
          <div className="form-actions">
            <button type="button" onClick={() => setOpen(false)}>
              Отмена
            </button>
            <button type="button" className="primary" onClick={() => void save()}>
              Записать прибытие
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
