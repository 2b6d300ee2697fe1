// "Ученики": the class list (alphabetical, numbered) with guardians and contacts; a student's
// card on the right; adding a student; those who left listed apart.
import { useMemo, useState } from 'react';
import { fullName, shortName } from '../../../shared/common';
import { orderedGuardians } from '../../../shared/documents/consent-model';
import { compareClasses, type SchoolClass } from '../../../shared/school-class';
import { compareStudents, GUARDIAN_KIND_LABELS } from '../../../shared/student';
import { useRepositories } from '../../data/session';
import type { SchoolData } from '../../data/use-school-data';
import { formatDate, todayIso } from '../../../shared/dates';
import { classPeriods } from './class-periods';
import { StudentForm } from './StudentForm';
import { StudentPanel } from './StudentPanel';
import { studentFormValues } from './student-form';
import { useClassConsents, useClassStudents } from '../../data/use-class';

interface Props {
  klass: SchoolClass;
  data: SchoolData;
}

export function RosterTab({ klass, data }: Props) {
  const students = useClassStudents(klass.id);
  const consents = useClassConsents(klass.id);
  const { roster } = useRepositories();
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const { active, left } = useMemo(() => {
    const all = [...(students ?? [])].sort(compareStudents);
    return {
      active: all.filter((s) => s.status === 'active'),
      left: all.filter((s) => s.status === 'left'),
    };
  }, [students]);
  const { periods, current } = useMemo(
    () => classPeriods(data.periods, klass, todayIso()),
    [data.periods, klass],
  );
  const otherClasses = useMemo(
    () => [...data.classes.values()].filter((c) => c.id !== klass.id).sort(compareClasses),
    [data.classes, klass.id],
  );

  if (!students || !consents) return <p className="loading">Загружаем список класса…</p>;
  const student = active.find((s) => s.id === selected);

  return (
    <div className="roster">
      <section className="roster-list">
        <div className="tab-toolbar">
          <h2>Ученики ({active.length})</h2>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setAdding(true);
              setSelected(null);
              setNotice(null);
            }}
          >
            Добавить ученика
          </button>
          {notice && (
            <span className="form-status" role="status">
              {notice}
            </span>
          )}
        </div>
        <table className="class-table roster-table">
          <thead>
            <tr>
              <th>№</th>
              <th>Ученик</th>
              <th>Дата рождения</th>
              <th>Родители (законные представители)</th>
            </tr>
          </thead>
          <tbody>
            {active.map((s, i) => (
              <tr
                key={s.id}
                aria-selected={s.id === selected}
                className={s.id === selected ? 'selected' : undefined}
              >
                <td className="num">{i + 1}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setSelected(s.id);
                      setAdding(false);
                      setNotice(null);
                    }}
                  >
                    {fullName(s)}
                  </button>
                </td>
                <td>{s.birthDate ? formatDate(s.birthDate) : '—'}</td>
                <td>
                  {orderedGuardians(s).map(([id, g]) => (
                    <div key={id} className="guardian-line">
                      {shortName(g)} <span className="muted">({GUARDIAN_KIND_LABELS[g.kind]})</span>
                      {g.phone && <span className="contacts"> {g.phone}</span>}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {left.length > 0 && (
          <details className="left-students">
            <summary>Выбывшие ({left.length})</summary>
            <ul>
              {left.map((s) => {
                const m = s.movements?.at(-1);
                return (
                  <li key={s.id}>
                    {fullName(s)}
                    {m && (
                      <span className="muted">
                        {' '}
                        — {m.kind === 'graduated' ? 'окончил(а) обучение' : 'выбыл(а)'}{' '}
                        {formatDate(m.date)}, приказ № {m.orderNumber}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </details>
        )}
      </section>
      {adding && (
        <aside className="student-panel" aria-label="Новый ученик">
          <h2>Новый ученик</h2>
          <StudentForm
            initial={studentFormValues(null)}
            submitLabel="Добавить"
            grade={klass.grade}
            onCancel={() => setAdding(false)}
            onSubmit={async (value) => {
              const created = await roster.addStudent({ ...value, classId: klass.id });
              setAdding(false);
              setSelected(created.id);
              setNotice(`Ученик добавлен: ${fullName(created)}.`);
            }}
          />
        </aside>
      )}
      {student && !adding && (
        <StudentPanel
          key={student.id}
          student={student}
          klass={klass}
          otherClasses={otherClasses}
          periods={periods}
          defaultPeriod={current}
          consents={consents}
          subjects={data.school.subjects}
          roster={roster}
          onMoved={() => {
            setSelected(null);
            setNotice(`${fullName(student)} выбыл(а) из класса. Отметки остались в журнале.`);
          }}
        />
      )}
    </div>
  );
}
