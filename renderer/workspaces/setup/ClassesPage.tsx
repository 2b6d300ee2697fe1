// «Настройка → Классы»: the classes of the year (parallel, letter, class teacher, period scheme) and
// each class's groups for split subjects; one class is edited at a time.
import { useState, type FormEvent } from 'react';
import { fullName } from '../../../shared/common';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import { useRepositories } from '../../data/session';
import { FormField } from '../class/FormField';
import { buildClass, classDraft, newClassDraft, newGroup, type ClassDraft } from './class-form';
import { ErrorPlacement } from './form-problems';
import { CellInput, SaveBar, useSave } from './SetupForm';
import type { SetupData } from '../../data/use-setup-data';
import { GRADES, SCHEME_LABELS, SCHEMES } from './year-form';
import { schemeForGrade } from '../../../shared/academic-year';
import type { PeriodScheme } from '../../../shared/period';

export function ClassesPage({ school, data }: { school: School; data: SetupData }) {
  const [editing, setEditing] = useState<ClassDraft | null>(null);
  const teachers = new Map(data.staff.map((s) => [s.id, s]));
  return (
    <div className="setup-form">
      <h2>Классы {school.year.name}</h2>
      {data.staff.length === 0 && (
        <p className="setup-hint">
          Сначала внесите сотрудников: у каждого класса должен быть классный руководитель.
        </p>
      )}
      <table className="setup-table">
        <thead>
          <tr>
            <th>Класс</th>
            <th>Классный руководитель</th>
            <th>Периоды</th>
            <th>Группы</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.classes
            .filter((c) => c.yearId === school.year.id)
            .map((c) => {
              const t = teachers.get(c.classTeacherId);
              return (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{t ? fullName(t) : '—'}</td>
                  <td>{SCHEME_LABELS[c.periodScheme]}</td>
                  <td>{c.groups.map((g) => g.name).join(', ') || '—'}</td>
                  <td>
                    <button type="button" onClick={() => setEditing(classDraft(c))}>
                      Изменить
                    </button>
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
      {!editing && (
        <button
          type="button"
          onClick={() => setEditing(newClassDraft(school.year))}
          disabled={data.staff.length === 0}
        >
          Добавить класс
        </button>
      )}
      {editing && (
        <ClassForm
          key={editing.id}
          school={school}
          data={data}
          initial={editing}
          stored={data.classes.find((c) => c.id === editing.id) ?? null}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function ClassForm({
  school,
  data,
  initial,
  stored,
  onClose,
}: {
  school: School;
  data: SetupData;
  initial: ClassDraft;
  stored: SchoolClass | null;
  onClose: () => void;
}) {
  const { setup } = useRepositories();
  const [d, setD] = useState<ClassDraft>(initial);
  const [base, setBase] = useState<SchoolClass | null>(stored);
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);
  const patch = (p: Partial<ClassDraft>) => setD((x) => ({ ...x, ...p }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildClass(school.year, d, data.context, base);
    if (!built.ok) {
      save.setErrors(built.errors);
      return;
    }
    const ok = await save.run(async () =>
      setBase(await setup.saveClass({ base, next: built.next })),
    );
    if (ok && !base) onClose();
  };

  return (
    <form className="setup-subform" noValidate onSubmit={(e) => void submit(e)}>
      <h3>{base ? `Класс ${base.name}` : 'Новый класс'}</h3>
      <div className="setup-grid setup-grid-4">
        <FormField label="Параллель" error={errors.at('grade')}>
          <select
            value={d.grade}
            disabled={base !== null}
            onChange={(e) => {
              const grade = Number(e.target.value);
              patch({
                grade,
                periodScheme: base ? d.periodScheme : schemeForGrade(school.year, grade),
              });
            }}
          >
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Буква" error={errors.at('letter')}>
          <input type="text" value={d.letter} onChange={(e) => patch({ letter: e.target.value })} />
        </FormField>
        <FormField label="Классный руководитель" error={errors.at('classTeacherId')}>
          <select
            value={d.classTeacherId}
            onChange={(e) => patch({ classTeacherId: e.target.value })}
          >
            <option value="">— выберите —</option>
            {data.staff
              .filter((s) => s.active)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {fullName(s)}
                </option>
              ))}
          </select>
        </FormField>
        <FormField label="Учебные периоды" error={errors.at('periodScheme')}>
          <select
            value={d.periodScheme}
            onChange={(e) => patch({ periodScheme: e.target.value as PeriodScheme })}
          >
            {SCHEMES.map((s) => (
              <option key={s} value={s}>
                {SCHEME_LABELS[s]}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <h4>Группы (для иностранного языка, технологии, информатики)</h4>
      <table className="setup-table">
        <tbody>
          {d.groups.map((g, i) => (
            <tr key={g.id}>
              <CellInput
                label={`Группа ${i + 1}: название`}
                value={g.name}
                onChange={(v) =>
                  patch({ groups: d.groups.map((x, j) => (j === i ? { ...x, name: v } : x)) })
                }
                path={`groups.${i}.name`}
                errors={errors}
              />
              <td>
                <button
                  type="button"
                  onClick={() => patch({ groups: d.groups.filter((_, j) => j !== i) })}
                >
                  Убрать
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => patch({ groups: [...d.groups, newGroup(d.groups.length + 1)] })}
      >
        Добавить группу
      </button>
      <SaveBar state={save.state} errors={errors}>
        <button type="button" onClick={onClose}>
          Закрыть
        </button>
      </SaveBar>
    </form>
  );
}
