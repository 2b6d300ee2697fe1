// Weekly timetables of the demo classes: subjects spread over the five days, a few double lessons, teachers rarely double-booked.
import type { Rng } from './random';
import type { CourseDraft } from './staffing';

/** One timetable cell: a subject held for the whole class, or for both groups at once. */
export interface SlotItem {
  subjectId: string;
  courses: CourseDraft[];
}

/** days[0..4] (Mon–Fri) → lessons in slot order (slot = index + 1). */
export type WeekTimetable = SlotItem[][];

const DAYS = 5;
const MAX_SLOTS = 7;

interface Block {
  item: SlotItem;
  length: 1 | 2;
}

/** Double lessons: труд in grades 5–8 and the fourth algebra hour in 10–11. */
function blocksOf(item: SlotItem, hours: number, grade: number): Block[] {
  const doubles =
    (item.subjectId === 'trud' && grade >= 5 && hours >= 2) ||
    (item.subjectId === 'alg' && grade >= 10 && hours >= 4)
      ? 1
      : 0;
  const blocks: Block[] = [];
  for (let i = 0; i < doubles; i++) blocks.push({ item, length: 2 });
  for (let i = 0; i < hours - 2 * doubles; i++) blocks.push({ item, length: 1 });
  return blocks;
}

function clashes(item: SlotItem | null, d: number, s: number, busy: Set<string>): boolean {
  return item !== null && item.courses.some((c) => busy.has(`${c.teacherId}|${d}|${s + 1}`));
}

/**
 * Where a teacher would be in two classes at once, swaps the lesson with another single lesson of
 * the class so that neither clashes, as a deputy fixing the timetable by hand would.
 */
function repairTeacherClashes(
  grid: (SlotItem | null)[][],
  doubles: ReadonlySet<string>,
  busy: Set<string>,
): void {
  grid.forEach((row, d) =>
    row.forEach((item, s) => {
      if (!clashes(item, d, s, busy) || doubles.has(`${d}|${s}`)) return;
      for (let d2 = 0; d2 < grid.length; d2++) {
        const other = grid[d2] ?? [];
        for (let s2 = 0; s2 < other.length; s2++) {
          const swap = other[s2] ?? null;
          if (swap === null || swap === item || doubles.has(`${d2}|${s2}`)) continue;
          if (clashes(item, d2, s2, busy) || clashes(swap, d, s, busy)) continue;
          row[s] = swap;
          other[s2] = item;
          return;
        }
      }
    }),
  );
}

/**
 * Builds one class's week. `busy` holds "teacherId|day|slot" of classes already scheduled and is
 * updated, so later classes avoid putting a teacher in two rooms at once where they can.
 */
export function buildTimetable(
  rng: Rng,
  grade: number,
  courses: CourseDraft[],
  busy: Set<string>,
): WeekTimetable {
  // A split subject's groups share a cell, unless one teacher holds both: then one after the other.
  const items = new Map<string, { item: SlotItem; hours: number }>();
  for (const c of courses) {
    const shared = items.get(c.subjectId);
    const key = shared?.item.courses.some((o) => o.teacherId === c.teacherId)
      ? `${c.subjectId}|${c.id}`
      : c.subjectId;
    const entry = items.get(key) ?? {
      item: { subjectId: c.subjectId, courses: [] },
      hours: c.hours,
    };
    entry.item.courses.push(c);
    items.set(key, entry);
  }
  const blocks = [...items.values()]
    .sort((a, b) => b.hours - a.hours || (a.item.subjectId < b.item.subjectId ? -1 : 1))
    .flatMap(({ item, hours }) => blocksOf(item, hours, grade));
  const total = blocks.reduce((a, b) => a + b.length, 0);
  const caps = Array.from({ length: DAYS }, (_, d) =>
    Math.min(MAX_SLOTS, Math.floor(total / DAYS) + (d < total % DAYS ? 1 : 0)),
  );
  rng.shuffle(caps);
  const grid: (SlotItem | null)[][] = caps.map((cap) => new Array<SlotItem | null>(cap).fill(null));

  const doubles = new Set<string>();
  // Doubles first, then the subjects with most hours; each block takes the free cell with the
  // fewest teacher conflicts, preferring days that don't have the subject yet.
  const order = [...blocks].sort((a, b) => b.length - a.length);
  for (const block of order) {
    let best: [number, number] | null = null;
    let bestScore = Infinity;
    for (let d = 0; d < DAYS; d++) {
      const row = grid[d] ?? [];
      const has = row.some((x) => x === block.item);
      for (let s = 0; s + block.length <= row.length; s++) {
        if (row[s] !== null || (block.length === 2 && row[s + 1] !== null)) continue;
        let score = (has ? 60 : 0) + rng.next();
        for (let i = 0; i < block.length; i++) {
          for (const c of block.item.courses)
            if (busy.has(`${c.teacherId}|${d}|${s + i + 1}`)) score += 100;
        }
        if (score < bestScore) {
          bestScore = score;
          best = [d, s];
        }
      }
    }
    if (!best) {
      // No two adjacent free cells left: hold the double as two single lessons.
      if (block.length === 2)
        order.push({ item: block.item, length: 1 }, { item: block.item, length: 1 });
      continue;
    }
    const [d, s] = best;
    const row = grid[d] as (SlotItem | null)[];
    for (let i = 0; i < block.length; i++) row[s + i] = block.item;
    if (block.length === 2) doubles.add(`${d}|${s}`).add(`${d}|${s + 1}`);
  }
  repairTeacherClashes(grid, doubles, busy);
  return grid.map((row, d) => {
    const slots = row.filter((x): x is SlotItem => x !== null);
    slots.forEach((item, i) => {
      for (const c of item.courses) busy.add(`${c.teacherId}|${d}|${i + 1}`);
    });
    return slots;
  });
}
