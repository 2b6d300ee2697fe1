// Moving a student out of the class: leaving the school or a transfer to another class, after a
// confirmation. Marks and absences stay in the journal: lessons refer to the student.
import { useState } from 'react';
import { fullName } from '../../../shared/common';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import type { MoveOut, RosterRepository } from '../../data/roster-repository';

interface Props {
  student: Student;
  klass: SchoolClass;
  /** Other classes of the school, in school order. */
  otherClasses: readonly SchoolClass[];
  roster: RosterRepository;
  onMoved: () => void;
}

export function MoveOutForm({ student, klass, otherClasses, roster, onMoved }: Props) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<MoveOut['kind']>('left');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        Выбытие из класса…
      </button>
    );
  }
  const confirm = async () => {
    if (kind === 'transfer' && !target) {
      setError('Выберите класс, в который переводится ученик.');
      return;
    }
    try {
      await roster.moveOut(
        student.id,
        kind === 'left' ? { kind } : { kind: 'transfer', classId: target },
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
