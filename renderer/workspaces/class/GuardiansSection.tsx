// A student's guardians with contacts: add, edit, remove (each guardian is its own stamped part).
import { useState } from 'react';
import { fullName } from '../../../shared/common';
import { orderedGuardians } from '../../../shared/documents/consent-model';
import { GUARDIAN_KIND_LABELS, type Student } from '../../../shared/student';
import { newGuardianId } from '../../../shared/ids';
import type { RosterRepository } from '../../data/roster-repository';
import { GuardianForm } from './GuardianForm';
import { guardianFormValues } from './student-form';

interface Props {
  student: Student;
  roster: RosterRepository;
  /** Guardians with a registered answer (the answer stays in the registry when one is removed). */
  answered: ReadonlySet<string>;
}

type Mode = { name: 'list' } | { name: 'edit'; id: string | null } | { name: 'remove'; id: string };

export function GuardiansSection({ student, roster, answered }: Props) {
  const [mode, setMode] = useState<Mode>({ name: 'list' });
  const [message, setMessage] = useState<string | null>(null);
  const guardians = orderedGuardians(student);

  const remove = async (id: string) => {
    try {
      await roster.setGuardian(student.id, id, null);
      setMode({ name: 'list' });
      setMessage('Сведения о родителе удалены.');
    } catch (error) {
      setMessage(error instanceof Error ? error.message : 'Не удалось удалить.');
    }
  };

  return (
    <section className="guardians" aria-label="Родители (законные представители)">
      <h3>Родители (законные представители)</h3>
      {guardians.length === 0 && <p className="muted">Сведений о родителях нет.</p>}
      <ul className="guardian-list">
        {guardians.map(([id, g]) => (
          <li key={id}>
            {mode.name === 'edit' && mode.id === id ? (
              <GuardianForm
                initial={guardianFormValues(g)}
                submitLabel="Сохранить"
                onCancel={() => setMode({ name: 'list' })}
                onSubmit={async (value) => {
                  await roster.setGuardian(student.id, id, value);
                  setMode({ name: 'list' });
                  setMessage('Сведения о родителе сохранены.');
                }}
              />
            ) : (
              <div className="guardian">
                <div>
                  <strong>{fullName(g)}</strong>{' '}
                  <span className="muted">({GUARDIAN_KIND_LABELS[g.kind]})</span>
                  <div className="contacts">
                    {[g.phone, g.email].filter(Boolean).join(' · ') || 'контактов нет'}
                  </div>
                  {g.address && <div className="muted">{g.address}</div>}
                </div>
                {mode.name === 'remove' && mode.id === id ? (
                  <div className="confirm" role="group" aria-label="Подтверждение удаления">
                    <span>
                      Удалить сведения о родителе?
                      {answered.has(id) ? ' Ответ в реестре согласий сохранится.' : ''}
                    </span>
                    <button type="button" className="danger" onClick={() => void remove(id)}>
                      Удалить
                    </button>
                    <button type="button" onClick={() => setMode({ name: 'list' })}>
                      Отмена
                    </button>
                  </div>
                ) : (
                  <div className="row-actions">
                    <button type="button" onClick={() => setMode({ name: 'edit', id })}>
                      Изменить
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => setMode({ name: 'remove', id })}
                    >
                      Удалить
                    </button>
                  </div>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {mode.name === 'edit' && mode.id === null ? (
        <GuardianForm
          initial={guardianFormValues(null)}
          submitLabel="Добавить"
          onCancel={() => setMode({ name: 'list' })}
          onSubmit={async (value) => {
            await roster.setGuardian(student.id, newGuardianId(), value);
            setMode({ name: 'list' });
            setMessage('Родитель добавлен.');
          }}
        />
      ) : (
        <button type="button" onClick={() => setMode({ name: 'edit', id: null })}>
          Добавить родителя
        </button>
      )}
      {message && (
        <p className="form-status" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
