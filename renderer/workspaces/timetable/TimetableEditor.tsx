// The timetable editor: the class's week as a grid of course choices (a second choice for a split
// subject's other group) with rooms, saved as a new version valid from a chosen date (next Monday
// unless changed). The server's checks run on every change and are shown in Russian, by cell;
// a version with a problem or a conflict is not saved.
import { useMemo, useState } from 'react';
import { WEEKDAY_SHORT } from '../../../shared/bells';
import type { Course } from '../../../shared/course';
import { formatDate, todayIso } from '../../../shared/dates';
import type { SetupContext } from '../../../shared/setup/context';
import type { Timetable } from '../../../shared/timetable';
import { useRepositories } from '../../data/session';
import type { SchoolData } from '../../data/use-school-data';
import { WriteError } from '../../data/write-error';
import { checkRuDate, RU_DATE_PLACEHOLDER } from '../class/ru-date';
import { courseNames } from './schedule-names';
import {
  cellsFromGrid,
  changedSlots,
  gridFromCells,
  gridSlots,
  nextMonday,
  reviewVersion,
  slotKey,
  versionDocument,
  WEEKDAYS,
  type GridEntry,
  type TimetableGrid,
} from './timetable-grid';

interface Props {
  data: SchoolData;
  ctx: SetupContext;
  classId: string;
  /** The version the editor starts from (null: an empty week). */
  base: Timetable | null;
  onCancel: () => void;
  onSaved: (saved: Timetable) => void;
}

export function TimetableEditor({ data, ctx, classId, base, onCancel, onSaved }: Props) {
  const repositories = useRepositories();
  const names = useMemo(() => courseNames(data), [data]);
  const [grid, setGrid] = useState<TimetableGrid>(() => gridFromCells(base?.cells ?? []));
  const firstDate = base ? nextMonday(todayIso()) : data.school.year.start;
  const [dateText, setDateText] = useState(formatDate(firstDate));
  const [name, setName] = useState(base ? `С ${formatDate(firstDate)}` : 'Основное расписание');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showSaturday, setShowSaturday] = useState(
    () => base?.cells.some((c) => c.weekday === 6) ?? false,
  );

  const classCourses = useMemo(
    () =>
      ctx.courses
        .filter((c) => c.classId === classId && c.yearId === data.school.year.id)
        .sort((a, b) => names.title(a).localeCompare(names.title(b), 'ru')),
    [ctx.courses, classId, data.school.year.id, names],
  );
  const date = checkRuDate(dateText, { required: true });
  const cells = useMemo(() => cellsFromGrid(grid, base?.cells), [grid, base]);
  const validFrom = date.ok ? date.iso : null;
  const yearId = data.school.year.id;
  const doc = useMemo(
    () => (validFrom ? versionDocument({ classId, yearId, validFrom, name, cells }) : null),
    [validFrom, classId, yearId, name, cells],
  );
  const review = useMemo(() => (doc ? reviewVersion(doc, ctx) : null), [doc, ctx]);
  const changed = changedSlots(base?.cells ?? [], cells).length;
  const replacing = doc ? ctx.timetables.find((t) => t.id === doc.id) : undefined;
  const slots = gridSlots(ctx.school, cells);
  const days = WEEKDAYS.filter((d) => d < 6 || showSaturday);

  const setEntries = (key: string, entries: GridEntry[]) =>
    setGrid((g) => ({ ...g, [key]: entries }));

  const save = async () => {
    if (!doc || !review || review.problems.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await repositories.timetables.saveVersion(doc, ctx));
    } catch (e) {
      setError(e instanceof WriteError ? e.message : 'Не удалось сохранить расписание');
      if (!(e instanceof WriteError)) console.error(e);
    } finally {
      setSaving(false);
    }
  };

  const problems = date.ok ? (review?.problems ?? []) : [date.error];
  return (
    <section className="timetable-editor" aria-label="Изменение расписания">
      <div className="school-actions">
        <label>
          Действует с{' '}
          <input
            value={dateText}
            onChange={(e) => setDateText(e.target.value)}
            placeholder={RU_DATE_PLACEHOLDER}
            size={11}
            aria-invalid={!date.ok}
          />
        </label>
        <label>
          Название{' '}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} size={28} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={showSaturday}
            onChange={(e) => setShowSaturday(e.target.checked)}
          />{' '}
          Суббота
        </label>
      </div>
      {classCourses.length === 0 && (
        <p className="timetable-notice">
          У класса нет курсов (предмет, учитель): сначала заполните учебный план.
        </p>
      )}
      <div className="report-table-wrap">
        <table className="week-grid editing" aria-label="Расписание на неделю (изменение)">
          <thead>
            <tr>
              <th>Урок</th>
              {days.map((d) => (
                <th key={d}>{WEEKDAY_SHORT[d]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {slots.map((slot) => (
              <tr key={slot}>
                <th>{slot}</th>
                {days.map((d) => {
                  const key = slotKey(d, slot);
                  const messages = review?.bySlot.get(key) ?? [];
                  return (
                    <td
                      key={d}
                      className={messages.length > 0 ? 'conflict' : undefined}
                      title={messages.join('\n') || undefined}
                    >
                      <SlotEditor
                        label={`${WEEKDAY_SHORT[d]}, ${slot}-й урок`}
                        entries={grid[key] ?? []}
                        courses={classCourses}
                        courseTitle={names.full}
                        onChange={(entries) => setEntries(key, entries)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > 0 ? (
        <div className="timetable-problems" role="alert">
          <p>Расписание нельзя сохранить:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="timetable-summary" role="status">
          {changed === 0
            ? 'Изменений нет.'
            : `Изменено ячеек расписания: ${changed}. Уроков в неделю: ${cells.length}.`}
          {replacing && doc
            ? ` Версия с ${formatDate(doc.validFrom)} уже есть — она будет заменена.`
            : ''}
        </p>
      )}
      {error && (
        <p className="timetable-problems" role="alert">
          {error}
        </p>
      )}
      <div className="school-actions">
        <button
          type="button"
          className="primary"
          disabled={
            saving || problems.length > 0 || !doc || (changed === 0 && !replacing && base !== null)
          }
          onClick={() => void save()}
        >
          Сохранить расписание
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Отмена
        </button>
      </div>
    </section>
  );
}

function SlotEditor({
  label,
  entries,
  courses,
  courseTitle,
  onChange,
}: {
  label: string;
  entries: GridEntry[];
  courses: Course[];
  courseTitle: (course: Course) => string;
  onChange: (entries: GridEntry[]) => void;
}) {
  const list = entries.length > 0 ? entries : [{ courseId: '', room: '' }];
  const update = (i: number, change: Partial<GridEntry>) =>
    onChange(list.map((e, j) => (j === i ? { ...e, ...change } : e)));
  const first = courses.find((c) => c.id === list[0]?.courseId);
  return (
    <div className="slot-editor">
      {list.map((entry, i) => (
        <div key={i} className="slot-entry">
          <select
            aria-label={i === 0 ? label : `${label}, другая группа`}
            value={entry.courseId}
            onChange={(e) => update(i, { courseId: e.target.value })}
          >
            <option value="">—</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {courseTitle(c)}
              </option>
            ))}
          </select>
          <input
            aria-label={`${label}${i > 0 ? ', другая группа' : ''}: кабинет`}
            placeholder="каб."
            value={entry.room}
            maxLength={20}
            size={5}
            onChange={(e) => update(i, { room: e.target.value })}
          />
          {i > 0 && (
            <button
              type="button"
              aria-label={`${label}: убрать группу`}
              onClick={() => onChange(list.filter((_, j) => j !== i))}
            >
              ×
            </button>
          )}
        </div>
      ))}
      {list.length < 3 && first?.groupId && (
        <button
          type="button"
          className="add-group"
          onClick={() => onChange([...list, { courseId: '', room: '' }])}
        >
          + группа
        </button>
      )}
    </div>
  );
}
