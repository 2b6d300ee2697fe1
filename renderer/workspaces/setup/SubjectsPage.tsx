// «Настройка → Предметы»: the school's subjects, full names and the short ones for narrow columns.
import { useState, type FormEvent } from 'react';
import type { School } from '../../../shared/school';
import { useRepositories } from '../../data/session';
import { ErrorPlacement } from './form-problems';
import { CellInput, SaveBar, useSave } from './SetupForm';
import { buildSubjects, newSubject, type SubjectDraft } from './subjects-form';

export function SubjectsPage({ school }: { school: School }) {
  const { setup } = useRepositories();
  const [base, setBase] = useState<School>(school);
  const [rows, setRows] = useState<SubjectDraft[]>(() => school.subjects.map((s) => ({ ...s })));
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);
  const set = (i: number, p: Partial<SubjectDraft>) =>
    setRows((r) => r.map((s, j) => (j === i ? { ...s, ...p } : s)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildSubjects(base, rows);
    if (!built.ok) {
      save.setErrors(built.errors);
      return;
    }
    await save.run(async () => setBase(await setup.saveSchool({ base, next: built.school })));
  };

  return (
    <form className="setup-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Предметы</h2>
      <table className="setup-table">
        <thead>
          <tr>
            <th>Полное название</th>
            <th>Краткое (для сводной ведомости)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((s, i) => (
            <tr key={s.id}>
              <CellInput
                label={`Предмет ${i + 1}: название`}
                width="22em"
                value={s.name}
                onChange={(v) => set(i, { name: v })}
                path={`subjects.${i}.name`}
                errors={errors}
              />
              <CellInput
                label={`Предмет ${i + 1}: краткое название`}
                width="8em"
                value={s.short}
                onChange={(v) => set(i, { short: v })}
                path={`subjects.${i}.short`}
                errors={errors}
              />
              <td>
                <button type="button" onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
                  Убрать
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setRows((r) => [...r, newSubject()])}>
        Добавить предмет
      </button>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
