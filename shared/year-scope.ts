// What screens show of the local database: the current school year only (the school card's
// `year.id`) — periods, classes, courses, timetables by their own `yearId`; lessons and period
// marks through their class. Documents of a closed year stay in the database, hidden from screens.
export interface YearScope {
  readonly yearId: string;
  /** The classes of the year, by id. */
  readonly classIds: ReadonlySet<string>;
}

export function yearScope(
  yearId: string,
  classes: readonly { id: string; yearId: string }[],
): YearScope {
  return { yearId, classIds: new Set(classes.filter((c) => c.yearId === yearId).map((c) => c.id)) };
}

/** Periods, classes, courses, timetables of the year, in their order. */
export function ofYear<T extends { yearId: string }>(scope: YearScope, docs: readonly T[]): T[] {
  return docs.filter((d) => d.yearId === scope.yearId);
}

/** Lessons, period marks (anything with a classId) of the year's classes, in their order. */
export function ofYearClasses<T extends { classId: string }>(
  scope: YearScope,
  docs: readonly T[],
): T[] {
  return docs.filter((d) => scope.classIds.has(d.classId));
}
