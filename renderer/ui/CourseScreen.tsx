// The frame of the course sections (journal, period marks): the course list on the left, the chosen
// course's page on the right.
import type { ReactNode } from 'react';
import type { CourseItem } from '../data/use-course-items';
import { CourseList } from './CourseList';

interface Props {
  className: string;
  items: readonly CourseItem[];
  selectedId: string | null;
  onSelect: (courseId: string) => void;
  /** The page; null shows the hint to choose a course. */
  children: ReactNode | null;
}

export function CourseScreen({ className, items, selectedId, onSelect, children }: Props) {
  return (
    <div className={className}>
      <div className="journal-body">
        <CourseList items={items} selectedId={selectedId} onSelect={onSelect} />
        <main className="journal-main">
          {children ?? <p className="empty">Выберите курс слева.</p>}
        </main>
      </div>
    </div>
  );
}
