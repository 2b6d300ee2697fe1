// Step 2: next year's classes — each moves up a parallel, the 9th and 11th graduate, new classes
// are empty; the deputy chooses class teachers, may add a class (e.g. for those kept back), merge
// two classes of a parallel into one or split one into two (shared/year-end/merge-split.ts).
import { useState } from 'react';
import { fullName } from '../../../shared/common';
import type { StaffMember } from '../../../shared/staff';
import type { SchoolClass } from '../../../shared/school-class';
import { schemeForGrade } from '../../../shared/academic-year';
import { className } from '../../../shared/year-end/next-classes';
import type { YearTransitionPlan } from '../../../shared/year-end/plan';
import { mergeClasses, sourcesOf, splitClass } from '../../../shared/year-end/merge-split';

const LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТ';

interface Props {
  plan: YearTransitionPlan;
  classes: Map<string, SchoolClass>;
  staff: readonly StaffMember[];
  onChange: (plan: YearTransitionPlan) => void;
}

export function ClassesStep({ plan, classes, staff, onChange }: Props) {
  const [grade, setGrade] = useState(1);
  const [letter, setLetter] = useState('А');
  const [message, setMessage] = useState<string | null>(null);
  const apply = (result: YearTransitionPlan | string, done: string) => {
    if (typeof result === 'string') return setMessage(result);
    setMessage(done);
    onChange(result);
  };
  const split = (id: string) => {
    const c = plan.classes.find((x) => x.id === id)!;
    const free = [...LETTERS].find(
      (l) => !plan.classes.some((x) => x.name === className(c.grade, l)),
    );
    if (!free) return setMessage(`В параллели ${c.grade} не осталось свободных букв`);
    apply(
      splitClass(plan, id, free),
      `Добавлен класс ${className(c.grade, free)}: он тоже продолжает ${sourceNames(c)}. Назначьте ему учеников на шаге «Движение учащихся».`,
    );
  };
  const sourceNames = (c: YearTransitionPlan['classes'][number]) =>
    sourcesOf(c)
      .map((id) => classes.get(id)?.name ?? '—')
      .join(' + ');
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
              <td>{c.fromClassId ? sourceNames(c) : 'новый'}</td>
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
              <td className="year-end-class-actions">
                {c.fromClassId !== null && (
                  <>
                    {ordered.some((x) => x.grade === c.grade && x.id !== c.id) && (
                      <select
                        aria-label={`Объединить с ${c.name}`}
                        value=""
                        onChange={(e) =>
                          e.target.value &&
                          apply(
                            mergeClasses(plan, c.id, e.target.value),
                            `Классы объединены в ${c.name}: в нём ученики ${sourceNames(c)} и ${sourceNames(
                              plan.classes.find((x) => x.id === e.target.value)!,
                            )}.`,
                          )
                        }
                      >
                        <option value="">Объединить с…</option>
                        {ordered
                          .filter((x) => x.grade === c.grade && x.id !== c.id)
                          .map((x) => (
                            <option key={x.id} value={x.id}>
                              {x.name}
                            </option>
                          ))}
                      </select>
                    )}{' '}
                    <button type="button" onClick={() => split(c.id)}>
                      Разделить
                    </button>{' '}
                  </>
                )}
                {!plan.movements.some((m) => m.toClassId === c.id) &&
                  (c.fromClassId === null ||
                    plan.classes.some((x) => x.id !== c.id && x.fromClassId === c.fromClassId)) && (
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
      {message && (
        <p className="timetable-notice" role="status">
          {message}
        </p>
      )}
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
