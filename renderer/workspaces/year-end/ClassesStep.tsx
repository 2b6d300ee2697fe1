// Step 2: next year's classes — each moves up a parallel, the 9th and 11th graduate, new classes
// are empty; the deputy chooses class teachers and may add a class (e.g. for those kept back).
import { useState } from 'react';
import { fullName } from '../../../shared/common';
import type { StaffMember } from '../../../shared/staff';
import type { SchoolClass } from '../../../shared/school-class';
import { schemeForGrade } from '../../../shared/academic-year';
import { className } from '../../../shared/year-end/next-classes';
import type { YearTransitionPlan } from '../../../shared/year-end/plan';

interface Props {
  plan: YearTransitionPlan;
  classes: Map<string, SchoolClass>;
  staff: readonly StaffMember[];
  onChange: (plan: YearTransitionPlan) => void;
}

export function ClassesStep({ plan, classes, staff, onChange }: Props) {
  const [grade, setGrade] = useState(1);
  const [letter, setLetter] = useState('А');
  const ordered = [...plan.classes].sort(
    (a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'),
  );
  const add = () => {
    const name = className(grade, letter.trim());
    if (!letter.trim() || plan.classes.some((c) => c.name === name)) return;
    let n = 1;
    while (plan.classes.some((c) => c.id === `${plan.nextYear.id}:cls-${grade}-${n}`)) n += 1;
    onChange({
      ...plan,
      classes: [
        ...plan.classes,
        {
          id: `${plan.nextYear.id}:cls-${grade}-${n}`,
          grade,
          letter: letter.trim(),
          name,
          periodScheme: schemeForGrade(plan.nextYear, grade),
          classTeacherId: '',
          fromClassId: null,
          groups: [],
        },
      ],
    });
  };
  return (
    <section className="school-tab year-end-step">
      <h2>
        Классы {plan.nextYear.name} <small>9-е и 11-е классы выпускаются</small>
      </h2>
      <table className="report-table">
        <thead>
          <tr>
            <th>Класс</th>
            <th>Из класса</th>
            <th>Классный руководитель</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {ordered.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.fromClassId ? (classes.get(c.fromClassId)?.name ?? '—') : 'новый'}</td>
              <td>
                <select
                  aria-label={`Классный руководитель ${c.name}`}
                  value={c.classTeacherId}
                  onChange={(e) =>
                    onChange({
                      ...plan,
                      classes: plan.classes.map((x) =>
                        x.id === c.id ? { ...x, classTeacherId: e.target.value } : x,
                      ),
                    })
                  }
                >
                  <option value="">— не выбран —</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {fullName(s)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {c.fromClassId === null && !plan.movements.some((m) => m.toClassId === c.id) && (
                  <button
                    type="button"
                    onClick={() =>
                      onChange({ ...plan, classes: plan.classes.filter((x) => x.id !== c.id) })
                    }
                  >
                    Убрать
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="school-actions year-end-add">
        <label>
          Параллель{' '}
          <select value={grade} onChange={(e) => setGrade(Number(e.target.value))}>
            {Array.from({ length: 11 }, (_, i) => i + 1).map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Буква{' '}
          <input
            value={letter}
            maxLength={3}
            size={3}
            onChange={(e) => setLetter(e.target.value.toUpperCase())}
          />
        </label>
        <button type="button" onClick={add}>
          Добавить класс
        </button>
      </div>
    </section>
  );
}
