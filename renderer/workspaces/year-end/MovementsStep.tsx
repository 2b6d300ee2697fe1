// Step 3: each student's movement, proposed from the year's results (a 2 or н/а in a final mark
// proposes conditional promotion with those subjects in debt), with the order it rests on.
import { useState } from 'react';
import { fullName } from '../../../shared/common';
import type { Course } from '../../../shared/course';
import type { School } from '../../../shared/school';
import { compareClasses, type SchoolClass } from '../../../shared/school-class';
import { compareStudents, type Student } from '../../../shared/student';
import type { TransitionMovement, YearTransitionPlan } from '../../../shared/year-end/plan';
import { DateField } from '../../ui/DateField';
import { continuingClass } from '../../../shared/year-end/merge-split';
import { debtDueInPlan } from '../../../shared/year-end/propose-plan';
import { KIND_LABELS } from './labels';

interface Props {
  plan: YearTransitionPlan;
  school: School;
  classes: Map<string, SchoolClass>;
  students: readonly Student[];
  courses: readonly Course[];
  onChange: (plan: YearTransitionPlan) => void;
}

const KINDS = Object.keys(KIND_LABELS) as TransitionMovement['kind'][];

export function MovementsStep({ plan, school, classes, students, courses, onChange }: Props) {
  const current = [...classes.values()]
    .filter((c) => c.yearId === school.year.id)
    .sort(compareClasses);
  const [classId, setClassId] = useState(current[0]?.id ?? '');
  const byId = new Map(students.map((s) => [s.id, s]));
  const subjectName = new Map(school.subjects.map((s) => [s.id, s.name]));
  const movements = plan.movements
    .filter((m) => byId.get(m.studentId)?.classId === classId)
    .sort((a, b) => compareStudents(byId.get(a.studentId)!, byId.get(b.studentId)!));
  const subjects = [
    ...new Set(
      courses
        .filter((c) => c.classId === classId && c.assessment !== 'none')
        .map((c) => c.subjectId),
    ),
  ];
  const nextClasses = [...plan.classes].sort(
    (a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'),
  );
  const update = (studentId: string, patch: Partial<TransitionMovement>) =>
    onChange({
      ...plan,
      movements: plan.movements.map((m) => {
        if (m.studentId !== studentId) return m;
        const next = { ...m, ...patch };
        if (next.kind === 'graduated' || next.kind === 'left') next.toClassId = null;
        else if (next.toClassId === null) {
          next.toClassId = continuingClass(plan.classes, classId)?.id ?? null;
        }
        if (next.kind !== 'conditional') next.debts = [];
        return next;
      }),
    });
  const counts = new Map<string, number>();
  for (const m of plan.movements) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  return (
    <section className="school-tab year-end-step">
      <h2>
        Движение учащихся{' '}
        <small>
          {KINDS.filter((k) => counts.get(k))
            .map((k) => `${KIND_LABELS[k]}: ${counts.get(k)}`)
            .join(', ')}
        </small>
      </h2>
      <div className="school-actions">
        <label>
          Приказ №{' '}
          <input
            value={plan.order.number}
            maxLength={40}
            size={10}
            onChange={(e) =>
              onChange({ ...plan, order: { ...plan.order, number: e.target.value } })
            }
          />
        </label>
        <DateField
          label="от"
          value={plan.order.date}
          onChange={(iso) => iso && onChange({ ...plan, order: { ...plan.order, date: iso } })}
          required
        />
        <label>
          Класс{' '}
          <select
            aria-label="Класс этого года"
            value={classId}
            onChange={(e) => setClassId(e.target.value)}
          >
            {current.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="report-table year-end-movements">
        <thead>
          <tr>
            <th>Ученик</th>
            <th>Движение</th>
            <th>Класс в {plan.nextYear.name}</th>
            <th>Задолженность (срок)</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => {
            const s = byId.get(m.studentId)!;
            return (
              <tr key={m.studentId}>
                <td>{fullName(s)}</td>
                <td>
                  <select
                    aria-label={`Движение: ${fullName(s)}`}
                    value={m.kind}
                    onChange={(e) =>
                      update(m.studentId, { kind: e.target.value as TransitionMovement['kind'] })
                    }
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {m.toClassId !== null || (m.kind !== 'graduated' && m.kind !== 'left') ? (
                    <select
                      aria-label={`Класс: ${fullName(s)}`}
                      value={m.toClassId ?? ''}
                      onChange={(e) => update(m.studentId, { toClassId: e.target.value || null })}
                    >
                      <option value="">— не выбран —</option>
                      {nextClasses.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {m.kind === 'conditional' &&
                    subjects.map((subjectId) => {
                      const debt = m.debts.find((d) => d.subjectId === subjectId);
                      return (
                        <label key={subjectId} className="year-end-debt">
                          <input
                            type="checkbox"
                            checked={debt !== undefined}
                            onChange={(e) =>
                              update(m.studentId, {
                                debts: e.target.checked
                                  ? [
                                      ...m.debts,
                                      {
                                        subjectId,
                                        due: m.debts[0]?.due ?? debtDueInPlan(plan, m.toClassId),
                                      },
                                    ]
                                  : m.debts.filter((d) => d.subjectId !== subjectId),
                              })
                            }
                          />{' '}
                          {subjectName.get(subjectId) ?? subjectId}
                        </label>
                      );
                    })}
                  {m.kind === 'conditional' && m.debts.length > 0 && (
                    <DateField
                      label="Срок ликвидации"
                      value={m.debts[0]!.due}
                      min={plan.nextYear.start}
                      max={plan.nextYear.end}
                      onChange={(iso) =>
                        iso &&
                        update(m.studentId, { debts: m.debts.map((d) => ({ ...d, due: iso })) })
                      }
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
