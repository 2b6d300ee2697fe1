// «Настройка → Предметы»: the school's subjects, full names and the short ones for narrow columns.
import { useState } from 'react';
import type { School } from '../../../shared/school';
import { RowsTable } from './RowsTable';
import { CellInput, SaveBar } from './SetupForm';
import { buildSubjects, newSubject, type SubjectDraft } from './subjects-form';
import { useSchoolSave } from './use-school-save';

export function SubjectsPage({ school }: { school: School }) {
  const [rows, setRows] = useState<SubjectDraft[]>(() => school.subjects.map((s) => ({ ...s })));
  const { save, errors, submitWith } = useSchoolSave(school);
  const submit = submitWith((base) => buildSubjects(base, rows));

  return (
    <form className="setup-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Предметы</h2>
      <RowsTable
        headers={['Полное название', 'Краткое (для сводной ведомости)']}
        rows={rows}
        rowKey={(s) => s.id}
        onChange={setRows}
        newRow={newSubject}
        addLabel="Добавить предмет"
        cells={(s, i, update) => (
          <>
            <CellInput
              label={`Предмет ${i + 1}: название`}
              width="22em"
              value={s.name}
              onChange={(v) => update({ name: v })}
              path={`subjects.${i}.name`}
              errors={errors}
            />
            <CellInput
              label={`Предмет ${i + 1}: краткое название`}
              width="8em"
              value={s.short}
              onChange={(v) => update({ short: v })}
              path={`subjects.${i}.short`}
              errors={errors}
            />
          </>
        )}
      />
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}
