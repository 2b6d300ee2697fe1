// Sidebar of the journal and the period-marks screens: the staff member's courses (class × subject
// or group), substitutions marked; a deputy's other courses below, grouped by class and filtered by
// class and subject, each labelled as a correction of another teacher's journal.
import { memo, useMemo, useState } from 'react';
import type { CourseItem } from '../data/use-course-items';
import { courseSections, type CourseFilter } from './course-groups';

interface Props {
  items: readonly CourseItem[];
  selectedId: string | null;
  onSelect: (courseId: string) => void;
}

function Items(props: {
  items: readonly CourseItem[];
  selectedId: string | null;
  onSelect: (courseId: string) => void;
  /** Titles without the class (under a class heading). */
  withoutClass?: boolean;
}) {
  return (
    <ul>
      {props.items.map((item) => (
        <li key={item.course.id}>
          <button
            type="button"
            aria-current={item.course.id === props.selectedId ? 'page' : undefined}
            title={
              item.own || item.substitute
                ? undefined
                : 'Журнал другого учителя: исправление как заместитель директора'
            }
            onClick={() => props.onSelect(item.course.id)}
          >
            {props.withoutClass ? item.title.replace(`${item.className} · `, '') : item.title}
            {item.substitute && <small className="badge"> замена</small>}
          </button>
        </li>
      ))}
    </ul>
  );
}

export const CourseList = memo(function CourseList({ items, selectedId, onSelect }: Props) {
  const [filter, setFilter] = useState<CourseFilter>({ classId: '', subjectId: '' });
  const sections = useMemo(() => courseSections(items, filter), [items, filter]);
  if (items.length === 0) {
    return <p className="empty">У вас нет курсов в этом учебном году.</p>;
  }
  const selectedClass = items.find((i) => i.course.id === selectedId)?.course.classId;
  const filtered = filter.classId !== '' || filter.subjectId !== '';
  return (
    <nav className="course-list" aria-label="Мои курсы">
      <h2>Мои курсы</h2>
      {sections.own.length === 0 && sections.othersTotal > 0 && (
        <p className="muted">Вы не ведёте курсов.</p>
      )}
      <Items items={sections.own} selectedId={selectedId} onSelect={onSelect} />
      {sections.substitutions.length > 0 && (
        <>
          <h3>Замены</h3>
          <Items items={sections.substitutions} selectedId={selectedId} onSelect={onSelect} />
        </>
      )}
      {sections.othersTotal > 0 && (
        <section className="other-courses" aria-label="Курсы других учителей">
          <h3>Курсы других учителей ({sections.othersTotal})</h3>
          <p className="muted">
            Их журналы вы можете исправлять как заместитель директора; исправление записывается от
            вашего имени.
          </p>
          <label className="field">
            <span>Класс</span>
            <select
              value={filter.classId}
              onChange={(e) => setFilter({ ...filter, classId: e.target.value })}
            >
              <option value="">Все классы</option>
              {sections.classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Предмет</span>
            <select
              value={filter.subjectId}
              onChange={(e) => setFilter({ ...filter, subjectId: e.target.value })}
            >
              <option value="">Все предметы</option>
              {sections.subjects.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {sections.others.length === 0 && <p className="empty">Курсов не найдено.</p>}
          {sections.others.map((g) => (
            <details
              key={g.classId}
              open={filtered || g.classId === selectedClass || undefined}
              className="class-group"
            >
              <summary>
                {g.className} <small>({g.items.length})</small>
              </summary>
              <Items items={g.items} selectedId={selectedId} onSelect={onSelect} withoutClass />
            </details>
          ))}
        </section>
      )}
    </nav>
  );
});
