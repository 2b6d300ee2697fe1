// Sidebar of the journal and the period-marks screens: the staff member's courses (class × subject
// or group), substitutions marked.
import { memo } from 'react';
import type { CourseItem } from '../data/use-course-items';

interface Props {
  items: readonly CourseItem[];
  selectedId: string | null;
  onSelect: (courseId: string) => void;
}

export const CourseList = memo(function CourseList({ items, selectedId, onSelect }: Props) {
  if (items.length === 0) {
    return <p className="empty">У вас нет курсов в этом учебном году.</p>;
  }
  return (
    <nav className="course-list" aria-label="Мои курсы">
      <h2>Мои курсы</h2>
      <ul>
        {items.map(({ course, title, substitute }) => (
          <li key={course.id}>
            <button
              type="button"
              aria-current={course.id === selectedId ? 'page' : undefined}
              onClick={() => onSelect(course.id)}
            >
              {title}
              {substitute && <small className="badge"> замена</small>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
});
