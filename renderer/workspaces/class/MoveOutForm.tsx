// Moving a student out of the class: leaving the school or a transfer to another class, after a
// confirmation. Marks and absences stay in the journal: lessons refer to the student.
import { useState } from 'react';
import { fullName } from '../../../shared/common';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import type { MoveOut, RosterRepository } from '../../data/roster-repository';
import { formatDate, todayIso } from '../../../shared/dates';
import { FormField } from './FormField';
import { checkRuDate, RU_DATE_PLACEHOLDER } from './ru-date';

interface Props {
  student: Student;
  klass: SchoolClass;
  /** Other classes of the school, in school order. */
  otherClasses: readonly SchoolClass[];
  roster: RosterRepository;
  onMoved: () => void;
  /** Guardians of the student with an e-diary login issued under a consent. */
  openLogins: number;
}

export function MoveOutForm({ student, klass, otherClasses, roster, onMoved, openLogins }: Props) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<MoveOut['kind']>('left');
  const [target, setTarget] = useState('');
  const [date, setDate] = useState(formatDate(todayIso()));
  const [orderNumber, setOrderNumber] = useState('');
  const [errors, setErrors] = useState<{ date?: string; order?: string }>({});
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Выбытие из класса…
      </button>
    );
  }
  const confirm = async () => {
    const day = checkRuDate(date, { required: true });
    const order = orderNumber.trim();
    const fieldErrors = {
      date: day.ok ? undefined : day.error,
      order: order === '' ? 'Укажите номер приказа о выбытии' : undefined,
    };
    setErrors(fieldErrors);
    if (kind === 'transfer' && !target) {
      setError('Выберите класс, в который переводится ученик.');
      return;
    }
    if (!day.ok || fieldErrors.order) return;
    try {
      const recorded = { date: day.iso, orderNumber: order };
      await roster.moveOut(
        student.id,
        kind === 'left'
          ? { kind, ...recorded }
          : { kind: 'transfer', classId: target, ...recorded },
      );
      onMoved();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Не удалось сохранить выбытие.');
    }
  };
  return (
    <div className="move-out" role="group" aria-label="Выбытие из класса">
      <p>
        <strong>{fullName(student)}</strong> выбывает из {klass.name} класса. Отметки и пропуски
        останутся в журнале.
      </p>
      {openLogins > 0 && kind === 'left' && (
        <p className="access-notice" role="note">
          Родителям выдан логин электронного дневника ({openLogins}): после выбытия из школы
          заблокируйте доступ (раздел «Школа → Учётные записи» или администратор школы).
        </p>
      )}
      <label className="checkbox">
        <input type="radio" checked={kind === 'left'} onChange={() => setKind('left')} />
        выбыл из школы
      </label>
      <label className="checkbox">
        <input type="radio" checked={kind === 'transfer'} onChange={() => setKind('transfer')} />
        перевод в другой класс
      </label>
      {kind === 'transfer' && (
        <label className="field">
          <span>Класс</span>
          <select
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              setError(null);
            }}
          >
            <option value="">— выберите —</option>
            {otherClasses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <FormField label="Дата выбытия" error={errors.date}>
        <input
          inputMode="numeric"
          placeholder={RU_DATE_PLACEHOLDER}
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            setErrors((x) => ({ ...x, date: undefined }));
          }}
        />
      </FormField>
      <FormField label="Номер приказа" error={errors.order}>
        <input
          value={orderNumber}
          maxLength={40}
          placeholder="например, 45-у"
          onChange={(e) => {
            setOrderNumber(e.target.value);
            setErrors((x) => ({ ...x, order: undefined }));
          }}
        />
      </FormField>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Отмена
        </button>
        <button type="button" className="danger" onClick={() => void confirm()}>
          Подтвердить выбытие
        </button>
      </div>
    </div>
  );
}
