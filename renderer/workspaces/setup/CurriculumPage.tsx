// «Настройка → Учебный план»: the courses of a class (subject × group × teacher × hours a week),
// the check of every class's weekly total against the plan of its parallel, and each teacher's load.
import { useMemo, useState, type FormEvent } from 'react';
import { fullName } from '../../../shared/common';
import { AssessmentSchema } from '../../../shared/course';
import { checkClassLoads, formatHours, teacherLoads } from '../../../shared/curriculum';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import { useRepositories } from '../../data/session';
import { buildCourses, courseDraft, newCourseDraft, type CourseDraft } from './course-form';
import { ErrorPlacement } from './form-problems';
import { CellInput, SaveBar, useSave } from './SetupForm';
import type { SetupData } from '../../data/use-setup-data';

const ASSESSMENT_LABELS = { marks: 'отметки', passFail: 'зачёт', none: 'без оценивания' } as const;

export function CurriculumPage({ school, data }: { school: School; data: SetupData }) {
  const classes = data.classes.filter((c) => c.yearId === school.year.id);
  const [classId, setClassId] = useState<string>(classes[0]?.id ?? '');
  const cls = classes.find((c) => c.id === classId);
  const loads = useMemo(
    () => checkClassLoads(school.year, classes, data.courses),
    [school.year, classes, data.courses],
  );
  const staff = new Map(data.staff.map((s) => [s.id, s]));
  const className = new Map(classes.map((c) => [c.id, c.name]));

  return (
    <div className="setup-form">
      <h2>Учебный план и нагрузка</h2>
      {classes.length === 0 ? (
        <p className="setup-hint">Сначала добавьте классы.</p>
      ) : (
        <label className="inline-field">
          Класс{' '}
          <select value={classId} onChange={(e) => setClassId(e.target.value)}>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {cls && <ClassCourses key={cls.id} school={school} data={data} cls={cls} />}
      <div className="setup-loads">
        <section>
          <h3>Часы классов по учебному плану</h3>
          <table className="setup-table">
            <thead>
              <tr>
                <th>Класс</th>
                <th>По плану</th>
                <th>В курсах</th>
                <th>Проверка</th>
              </tr>
            </thead>
            <tbody>
              {loads.map((l) => (
                <tr key={l.classId} className={l.message ? 'setup-mismatch' : undefined}>
                  <th scope="row">{l.className}</th>
                  <td>{l.planned === null ? 'не задано' : formatHours(l.planned)}</td>
                  <td>{formatHours(l.actual)}</td>
                  <td>{l.message ?? (l.planned === null ? '—' : 'совпадает')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h3>Нагрузка учителей, ч в неделю</h3>
          <table className="setup-table">
            <thead>
              <tr>
                <th>Учитель</th>
                <th>Часов</th>
                <th>Курсов</th>
                <th>Классы</th>
              </tr>
            </thead>
            <tbody>
              {teacherLoads(data.courses).map((l) => {
                const t = staff.get(l.teacherId);
                return (
                  <tr key={l.teacherId}>
                    <th scope="row">{t ? fullName(t) : l.teacherId}</th>
                    <td>{formatHours(l.hours)}</td>
                    <td>{l.courses}</td>
                    <td>{l.classIds.map((id) => className.get(id) ?? id).join(', ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

function ClassCourses({
  school,
  data,
  cls,
}: {
  school: School;
  data: SetupData;
  cls: SchoolClass;
}) {
  const { setup } = useRepositories();
  const stored = data.courses.filter((c) => c.classId === cls.id);
  const [rows, setRows] = useState<CourseDraft[]>(() => stored.map(courseDraft));
  const save = useSave();
  const errors = new ErrorPlacement(save.errors);
  const set = (i: number, p: Partial<CourseDraft>) =>
    setRows((r) => r.map((c, j) => (j === i ? { ...c, ...p } : c)));
  const teachers = data.staff.filter((s) => s.active);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildCourses(school.year, rows, data.courses, data.context);
    if (!built.ok) {
      save.setErrors(built.errors);
      return;
    }
    await save.run(() => setup.saveCourses(built.edits));
  };

  return (
    <form className="setup-subform" noValidate onSubmit={(e) => void submit(e)}>
      <table className="setup-table">
        <thead>
          <tr>
            <th>Предмет</th>
            <th>Группа</th>
            <th>Учитель</th>
            <th>Часов в неделю</th>
            <th>Оценивание</th>
            <th>Экзамен</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              <SelectCell
                label={`Курс ${i + 1}: предмет`}
                value={r.subjectId}
                onChange={(v) => set(i, { subjectId: v })}
                error={errors.at(`${i}.subjectId`)}
              >
                <option value="">— предмет —</option>
                {school.subjects.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </SelectCell>
              <SelectCell
                label={`Курс ${i + 1}: группа`}
                value={r.groupId}
                onChange={(v) => set(i, { groupId: v })}
                error={errors.at(`${i}.groupId`)}
              >
                <option value="">весь класс</option>
                {cls.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </SelectCell>
              <SelectCell
                label={`Курс ${i + 1}: учитель`}
                value={r.teacherId}
                onChange={(v) => set(i, { teacherId: v })}
                error={errors.at(`${i}.teacherId`)}
              >
                <option value="">— учитель —</option>
                {teachers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {fullName(s)}
                  </option>
                ))}
              </SelectCell>
              <CellInput
                label={`Курс ${i + 1}: часов в неделю`}
                width="4em"
                value={r.hours}
                onChange={(v) => set(i, { hours: v })}
                path={`${i}.hoursPerWeek`}
                errors={errors}
              />
              <SelectCell
                label={`Курс ${i + 1}: оценивание`}
                value={r.assessment}
                onChange={(v) => set(i, { assessment: AssessmentSchema.parse(v) })}
                error={errors.at(`${i}.assessment`)}
              >
                {AssessmentSchema.options.map((a) => (
                  <option key={a} value={a}>
                    {ASSESSMENT_LABELS[a]}
                  </option>
                ))}
              </SelectCell>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Курс ${i + 1}: экзамен`}
                  checked={r.hasExam}
                  onChange={(e) => set(i, { hasExam: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setRows((r) => [...r, newCourseDraft(cls.id)])}>
        Добавить предмет в учебный план {cls.name}
      </button>
      <SaveBar state={save.state} errors={errors} />
    </form>
  );
}

function SelectCell({
  label,
  value,
  onChange,
  error,
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <td className={error ? 'setup-cell invalid' : 'setup-cell'}>
      <select
        aria-label={label}
        aria-invalid={error ? true : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
      {error && <small className="field-error">{error}</small>}
    </td>
  );
}
