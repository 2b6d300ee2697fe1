// Which course a course section (journal, period marks) opens.

/** What the choice reads of a course list item (renderer/data/use-course-items.ts CourseItem). */
export interface OpenableCourse {
  course: { id: string };
  /** The staff member teaches it. */
  own: boolean;
  /** The staff member holds some of its lessons as a substitute. */
  substitute: boolean;
}

/**
 * The route's course, else the first one the staff member teaches or substitutes in (items are
 * sorted own first); a deputy with none chooses — a colleague's journal is never opened by
 * default.
 */
export function openedCourse<T extends OpenableCourse>(
  items: readonly T[] | null,
  courseId: string | null,
): T | undefined {
  return items?.find((i) => i.course.id === courseId) ?? items?.find((i) => i.own || i.substitute);
}
