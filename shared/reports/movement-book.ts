// «Книга движения обучающихся» of one school year: per class of that year, who arrived from another
// school or another class, left the school, moved to another class, was promoted (plainly or
// conditionally), kept back or graduated, each with the order's number and date — from the
// students' `movements`; and its two tables (the movements, the counts per class) for XLSX export.
import { fullName, type Gender, type PersonName } from '../common';
import { formatDate } from '../dates';
import { compareClasses, type SchoolClass } from '../school-class';
import { MOVEMENT_LABELS, type MovementKind, type StudentMovement } from '../student';
import { compareRu } from './report-utils';
import type { TableReport } from './table-report';

/** A movement as the book shows it: `arrived` is a transfer seen from the class it went to. */
export type MovementBookKind = MovementKind | 'arrived';

export const MOVEMENT_BOOK_KINDS: readonly MovementBookKind[] = [
  'enrolled',
  'arrived',
  'left',
  'transfer',
  'promoted',
  'conditional',
  'keptBack',
  'graduated',
];

export const MOVEMENT_BOOK_LABELS: Record<MovementBookKind, string> = {
  ...MOVEMENT_LABELS,
  arrived: 'прибыл из другого класса',
};

/** The same words about a girl («выбыла», «переведена условно»). */
const FEMALE_LABELS: Record<MovementBookKind, string> = {
  enrolled: 'прибыла из другой школы',
  arrived: 'прибыла из другого класса',
  left: 'выбыла',
  transfer: 'переведена в другой класс',
  promoted: 'переведена в следующий класс',
  conditional: 'переведена условно',
  keptBack: 'оставлена на повторное обучение',
  graduated: 'окончила обучение',
};

/** A movement's words about this student. */
export function movementLabel(kind: MovementBookKind, gender?: Gender): string {
  return (gender === 'female' ? FEMALE_LABELS : MOVEMENT_BOOK_LABELS)[kind];
}

export const MOVEMENT_BOOK_HEADERS: Record<MovementBookKind, string> = {
  enrolled: 'Прибыли из других школ',
  arrived: 'Прибыли из других классов',
  left: 'Выбыли',
  transfer: 'Переведены в другой класс',
  promoted: 'Переведены в следующий класс',
  conditional: 'Переведены условно',
  keptBack: 'Оставлены на повторное обучение',
  graduated: 'Окончили обучение',
};

/**
 * «20.06.2027 — переведена условно (из 5Б в 6А), академическая задолженность: Математика, приказ №
 * 112-о»; `subjects` names the debts (ids when absent).
 */
export function movementLine(
  m: StudentMovement,
  gender: Gender,
  name: (classId: string | null) => string,
  subjects?: ReadonlyMap<string, string>,
): string {
  const from = name(m.fromClassId);
  const to = name(m.toClassId);
  const classes =
    m.kind === 'enrolled'
      ? to && ` в ${to} класс`
      : from && (to && to !== from ? ` (из ${from} в ${to})` : ` (${from})`);
  const debts = (m.debts ?? []).map((id) => subjects?.get(id) ?? id);
  const debt = debts.length > 0 ? `, академическая задолженность: ${debts.join(', ')}` : '';
  return `${formatDate(m.date)} — ${movementLabel(m.kind, gender)}${classes}${debt}, приказ № ${m.orderNumber}`;
}

export interface MovementBookEntry {
  studentId: string;
  student: string;
  gender?: Gender | undefined;
  kind: MovementBookKind;
  date: string;
  orderNumber: string;
  /**
   * The other class: where the student went (arrived: came from); null when they left the school
   * or came from another school.
   */
  otherClass: string | null;
  /** Subject names in debt (a conditional promotion). */
  debts: string[];
}

export interface MovementBookClass {
  classId: string;
  className: string;
  counts: Record<MovementBookKind, number>;
  /** By date, then by name. */
  entries: MovementBookEntry[];
}

export interface MovementBook {
  yearName: string;
  classes: MovementBookClass[];
  totals: Record<MovementBookKind, number>;
}

export interface MovementBookInput {
  year: { id: string; name: string };
  /** Classes of every year (a movement's other class may be next year's). */
  classes: readonly SchoolClass[];
  students: readonly (PersonName & {
    id: string;
    gender?: Gender | undefined;
    movements?: StudentMovement[] | undefined;
  })[];
  subjects: readonly { id: string; name: string }[];
}

function zero(): Record<MovementBookKind, number> {
  return Object.fromEntries(MOVEMENT_BOOK_KINDS.map((k) => [k, 0])) as Record<
    MovementBookKind,
    number
  >;
}

export function movementBook(input: MovementBookInput): MovementBook {
  const names = new Map(input.classes.map((c) => [c.id, c.name]));
  const subjects = new Map(input.subjects.map((s) => [s.id, s.name]));
  const ofYear = input.classes.filter((c) => c.yearId === input.year.id).sort(compareClasses);
  const byClass = new Map<string, MovementBookClass>(
    ofYear.map((c) => [c.id, { classId: c.id, className: c.name, counts: zero(), entries: [] }]),
  );
  const add = (classId: string, entry: MovementBookEntry) => {
    const cls = byClass.get(classId);
    if (!cls) return;
    cls.entries.push(entry);
    cls.counts[entry.kind]++;
  };
  for (const s of input.students) {
    for (const m of s.movements ?? []) {
      const base = {
        studentId: s.id,
        student: fullName(s),
        gender: s.gender,
        date: m.date,
        orderNumber: m.orderNumber,
      };
      if (m.fromClassId === null) {
        // Enrolled from another school: seen in the class they joined.
        if (m.toClassId !== null)
          add(m.toClassId, { ...base, kind: m.kind, otherClass: null, debts: [] });
        continue;
      }
      const from = m.fromClassId;
      const debts = (m.debts ?? []).map((id) => subjects.get(id) ?? id);
      add(from, {
        ...base,
        kind: m.kind,
        otherClass: m.toClassId === null ? null : (names.get(m.toClassId) ?? m.toClassId),
        debts,
      });
      if (m.kind === 'transfer' && m.toClassId !== null) {
        add(m.toClassId, {
          ...base,
          kind: 'arrived',
          otherClass: names.get(from) ?? from,
          debts: [],
        });
      }
    }
  }
  const totals = zero();
  const classes = [...byClass.values()];
  for (const c of classes) {
    c.entries.sort((a, b) => a.date.localeCompare(b.date) || compareRu(a.student, b.student));
    for (const k of MOVEMENT_BOOK_KINDS) totals[k] += c.counts[k];
  }
  return { yearName: input.year.name, classes, totals };
}

/** The «Откуда / куда» cell of a movement with no other class. */
export const OUTSIDE: Record<MovementBookKind, string> = {
  enrolled: 'из другой школы',
  arrived: '',
  left: 'из школы',
  transfer: '',
  promoted: '',
  conditional: '',
  keptBack: '',
  graduated: '',
};

/** Every movement, class by class, as one table. */
export function movementBookTable(book: MovementBook): TableReport {
  return {
    title: 'Книга движения обучающихся',
    subtitle: `${book.yearName} учебный год`,
    columns: [
      { key: 'className', header: 'Класс', width: 8 },
      { key: 'student', header: 'Обучающийся', width: 30 },
      { key: 'kind', header: 'Движение', width: 32 },
      { key: 'otherClass', header: 'Откуда / куда', width: 14 },
      { key: 'orderNumber', header: 'Приказ №', width: 12 },
      { key: 'date', header: 'Дата приказа', width: 13, kind: 'date' },
      { key: 'debts', header: 'Академическая задолженность', width: 30 },
    ],
    rows: book.classes.flatMap((c) =>
      c.entries.map((e) => ({
        className: c.className,
        student: e.student,
        kind: movementLabel(e.kind, e.gender),
        otherClass: e.otherClass ?? OUTSIDE[e.kind],
        orderNumber: e.orderNumber,
        date: formatDate(e.date),
        debts: e.debts.join(', '),
      })),
    ),
  };
}

/** The counts of each kind per class, with a total row. */
export function movementCountsTable(book: MovementBook): TableReport {
  const row = (className: string, counts: Record<MovementBookKind, number>) => ({
    className,
    ...Object.fromEntries(MOVEMENT_BOOK_KINDS.map((k) => [k, counts[k]])),
  });
  return {
    title: 'Движение обучающихся по классам',
    subtitle: `${book.yearName} учебный год`,
    columns: [
      { key: 'className', header: 'Класс', width: 8 },
      ...MOVEMENT_BOOK_KINDS.map((k) => ({ key: k, header: MOVEMENT_BOOK_HEADERS[k], width: 16 })),
    ],
    rows: [...book.classes.map((c) => row(c.className, c.counts)), row('Итого', book.totals)],
  };
}
