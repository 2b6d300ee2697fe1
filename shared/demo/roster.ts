// Classes and students of the demo school: class counts and sizes, names with gender forms, birth dates, guardians, groups, absences.
import type { Gender } from '../common';
import type { ClassGroup } from '../school-class';
import type { Guardian, Student } from '../student';
import { compareStudents, EMPTY_IDENTITY_DOCUMENT } from '../student';
import { SUBJECTS } from './curriculum';
import {
  patronymicOf,
  randomAdult,
  randomFather,
  randomFirstName,
  randomSurname,
  surnameFor,
  transliterate,
} from './names';
import type { Rng } from './random';

const LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';
const LETTER_CODES = 'a b v g d e zh z i k l m n o p r s t u f kh ts ch sh eh yu ya'.split(' ');

/** Full-day absence codes in `dayCodes` (index into the year's school days). */
export const DAY_PRESENT = 0;
export const DAY_ILL = 1;
export const DAY_EXCUSED = 2;
export const DAY_UNEXCUSED = 3;

export interface StudentInfo {
  doc: Student;
  /** Latent ability on the 2..5 mark scale. */
  ability: number;
  /** Per-subject offset to the ability, by index in SUBJECTS. */
  skill: Float32Array;
  /** One of the DAY_* codes per school day of the whole year. */
  dayCodes: Uint8Array;
}

export interface ClassInfo {
  id: string;
  grade: number;
  letter: string;
  /** Position among the classes of its grade (0 = А). */
  index: number;
  students: StudentInfo[];
  groups: ClassGroup[];
}

/** How many classes of each grade: ~25 students per class, primary grades a bit larger, 10–11 smaller. */
export function planClassCounts(students: number): number[] {
  const lo = Math.ceil(students / 32);
  const hi = Math.max(1, Math.floor(students / 20));
  const total = Math.max(1, Math.max(lo, Math.min(hi, Math.round(students / 25))));
  const counts = new Array<number>(12).fill(0);
  if (total < 11) {
    const priority = [5, 7, 2, 9, 6, 3, 8, 10, 4, 1, 11];
    for (const g of priority.slice(0, total)) counts[g] = 1;
    return counts;
  }
  const weights = [0, 1.1, 1.1, 1.1, 1.05, 1.05, 1.0, 1.0, 1.0, 0.95, 0.6, 0.55];
  const sum = weights.reduce((a, b) => a + b, 0);
  const remainders: [number, number][] = [];
  let used = 0;
  for (let g = 1; g <= 11; g++) {
    const exact = (total * (weights[g] ?? 0)) / sum;
    const n = Math.max(1, Math.floor(exact));
    counts[g] = n;
    used += n;
    remainders.push([g, exact - Math.floor(exact)]);
  }
  remainders.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (let i = 0; used < total; i++, used++) {
    const g = remainders[i % remainders.length]?.[0] ?? 1;
    counts[g] = (counts[g] ?? 0) + 1;
  }
  return counts;
}

/** Splits `students` over `n` classes, varied but within 20–32 where the average allows. */
export function planClassSizes(rng: Rng, students: number, n: number): number[] {
  const base = Math.floor(students / n);
  const sizes = new Array<number>(n).fill(base);
  for (let i = 0; i < students - base * n; i++) sizes[i] = base + 1;
  const min = Math.min(20, base);
  const max = Math.max(32, base + 1);
  for (let k = 0; k < n * 3; k++) {
    const i = rng.int(0, n - 1);
    const j = rng.int(0, n - 1);
    const d = rng.int(1, 3);
    const a = sizes[i] ?? base;
    const b = sizes[j] ?? base;
    if (i !== j && a - d >= min && b + d <= max) {
      sizes[i] = a - d;
      sizes[j] = b + d;
    }
  }
  return sizes;
}

export function classId(grade: number, index: number): string {
  return `cl-${String(grade).padStart(2, '0')}-${LETTER_CODES[index] ?? `x${index}`}`;
}

export function classLetter(index: number): string {
  return LETTERS[index] ?? String(index + 1);
}

const STREETS = [
  'ул. Ленина',
  'ул. Советская',
  'ул. Комсомольская',
  'ул. Мира',
  'ул. Садовая',
  'ул. Молодёжная',
  'ул. Школьная',
  'ул. Гагарина',
  'ул. Победы',
  'ул. Строителей',
  'пр. Дружбы',
  'ул. Заречная',
  'ул. Спортивная',
  'ул. Лесная',
  'ул. Пушкина',
  'ул. Чапаева',
  'ул. Первомайская',
  'ул. Кирова',
];

export function randomPhone(rng: Rng): string {
  const op = rng.pick([
    '900',
    '902',
    '905',
    '908',
    '909',
    '912',
    '915',
    '916',
    '920',
    '922',
    '926',
    '927',
    '937',
    '950',
    '951',
    '953',
    '960',
    '961',
    '977',
    '999',
  ]);
  const d = rng.digits(7);
  return `+7 ${op} ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5, 7)}`;
}

/** Birth date of a student of `grade` in 2026/27: age 6.5–7.5 on entering grade 1. */
function birthDate(rng: Rng, grade: number): string {
  const startYear = 2026 - grade - 6;
  const ms = Date.UTC(startYear, 2, 1) + Math.floor(rng.next() * 365) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

interface Draft {
  student: Omit<Student, 'id' | 'stamps' | 'guardians'>;
  guardians: Guardian[];
}

function draftStudent(rng: Rng, grade: number, town: string, cid: string): Draft {
  const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
  const family = randomSurname(rng);
  const father = randomFather(rng);
  const address = `${town}, ${rng.pick(STREETS)}, д. ${rng.int(1, 120)}${rng.chance(0.75) ? `, кв. ${rng.int(1, 180)}` : ''}`;
  const shape = rng.weighted([
    ['both', 0.6],
    ['mother', 0.32],
    ['father', 0.08],
  ] as const);
  const guardians: Guardian[] = [];
  const email = (last: string) =>
    rng.chance(0.45)
      ? `${transliterate(last)}.${rng.int(70, 99)}@${rng.pick(['mail.ru', 'yandex.ru', 'bk.ru', 'gmail.com'])}`
      : '';
  if (shape !== 'father') {
    const own = rng.chance(0.1) ? randomSurname(rng) : family;
    const m = randomAdult(rng, 'female', own);
    guardians.push({
      ...m,
      kind: 'mother',
      phone: randomPhone(rng),
      email: email(m.lastName),
      address,
      identityDocument: EMPTY_IDENTITY_DOCUMENT,
      authorityDocument: '',
    });
  }
  if (shape !== 'mother') {
    const f = {
      lastName: family,
      firstName: father[0],
      middleName: patronymicOf(randomFather(rng), 'male'),
    };
    guardians.push({
      ...f,
      kind: 'father',
      phone: randomPhone(rng),
      email: email(f.lastName),
      address,
      identityDocument: EMPTY_IDENTITY_DOCUMENT,
      authorityDocument: '',
    });
  }
  return {
    student: {
      lastName: surnameFor(family, gender),
      firstName: randomFirstName(rng, gender, false),
      middleName: patronymicOf(father, gender),
      gender,
      classId: cid,
      status: 'active',
      birthDate: birthDate(rng, grade),
      address,
    },
    guardians,
  };
}

const PASSPORT_OFFICES = [
  'ОВМ ОМВД России по району',
  'ГУ МВД России по области',
  'Отделом УФМС России в городе',
  'ОУФМС России по району',
];

/**
 * About half of the guardians have brought their passport and the child's birth certificate to the
 * class teacher; the rest print as lines to fill by hand (a separate stream: the school stays the same).
 */
function withDocuments(rng: Rng, g: Guardian, childBirth: string): Guardian {
  if (!rng.chance(0.5)) return g;
  const year = 2008 + rng.int(0, 16);
  const issuedOn = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const certificate = `${['I', 'II', 'III', 'IV'][rng.int(0, 3)]}-${rng.pick(['МЮ', 'ИК', 'РД', 'ЛО', 'ОМ'])} № ${rng.digits(6)}`;
  return {
    ...g,
    identityDocument: {
      kind: 'паспорт гражданина Российской Федерации',
      series: `${rng.digits(2)} ${rng.digits(2)}`,
      number: rng.digits(6),
      issuedOn,
      issuedBy: rng.pick(PASSPORT_OFFICES),
    },
    authorityDocument: childBirth
      ? `свидетельство о рождении ${certificate} от ${childBirth.split('-').reverse().join('.')}`
      : '',
  };
}

/**
 * Illness in multi-day runs, a few excused days and rare truancy: about 5–8 % of lessons missed.
 * Runs are stored per school day of the year; absences on single lessons are added per lesson.
 */
function absenceDays(rng: Rng, days: number, frailty: number): Uint8Array {
  const codes = new Uint8Array(days);
  const episodes = rng.poisson(1.5 * frailty);
  for (let e = 0; e < episodes; e++) {
    const start = rng.int(0, days - 1);
    const len = rng.int(2, 8);
    for (let d = start; d < Math.min(days, start + len); d++) codes[d] = DAY_ILL;
  }
  const other = rng.poisson(1.2 * frailty);
  for (let e = 0; e < other; e++) {
    const d = rng.int(0, days - 1);
    if (codes[d] === DAY_PRESENT) codes[d] = rng.chance(0.7) ? DAY_EXCUSED : DAY_UNEXCUSED;
  }
  return codes;
}

/** Builds the classes (without class teachers) and their students, ids st-00001… in class and alphabetical order. */
export function buildRoster(
  rng: Rng,
  students: number,
  town: string,
  schoolDays: number,
): ClassInfo[] {
  const counts = planClassCounts(students);
  const nClasses = counts.reduce((a, b) => a + b, 0);
  const sizes = planClassSizes(rng.fork('sizes'), students, nClasses);
  const classes: ClassInfo[] = [];
  let next = 1;
  let k = 0;
  for (let grade = 1; grade <= 11; grade++) {
    for (let index = 0; index < (counts[grade] ?? 0); index++) {
      const id = classId(grade, index);
      const crng = rng.fork(`class:${id}`);
      const size = sizes[k++] ?? 25;
      const drafts: Draft[] = [];
      for (let i = 0; i < size; i++) drafts.push(draftStudent(crng, grade, town, id));
      drafts.sort((a, b) => compareStudents({ ...a.student, id: '' }, { ...b.student, id: '' }));
      const infos = drafts.map((d): StudentInfo => {
        const sid = `st-${String(next++).padStart(5, '0')}`;
        const guardians: Record<string, Guardian> = {};
        d.guardians.forEach((g, gi) => {
          const gid = `gd-${sid.slice(3)}-${gi + 1}`;
          guardians[gid] = withDocuments(rng.fork(`documents:${gid}`), g, d.student.birthDate);
        });
        const ability = Math.min(4.9, Math.max(2.4, crng.normal(3.85, 0.55)));
        const skill = new Float32Array(SUBJECTS.length);
        for (let s = 0; s < skill.length; s++) skill[s] = crng.normal(0, 0.3);
        const frailty = crng.chance(0.15) ? 2.2 : crng.real(0.5, 1.3);
        return {
          doc: { id: sid, stamps: {}, ...d.student, guardians },
          ability,
          skill,
          dayCodes: absenceDays(crng, schoolDays, frailty),
        };
      });
      classes.push({
        id,
        grade,
        letter: classLetter(index),
        index,
        students: infos,
        groups: buildGroups(id, grade, infos),
      });
    }
  }
  return classes;
}

/** English by halves of the alphabetical list; труд boys and girls (halves when one side is empty). */
function buildGroups(cid: string, grade: number, students: StudentInfo[]): ClassGroup[] {
  if (grade < 5) return [];
  const ids = students.map((s) => s.doc.id);
  const half = Math.ceil(ids.length / 2);
  const boys = students.filter((s) => s.doc.gender === 'male').map((s) => s.doc.id);
  const girls = students.filter((s) => s.doc.gender === 'female').map((s) => s.doc.id);
  const byGender = boys.length > 0 && girls.length > 0;
  return [
    { id: `${cid}-eng-1`, name: '1 группа (англ.)', studentIds: ids.slice(0, half) },
    { id: `${cid}-eng-2`, name: '2 группа (англ.)', studentIds: ids.slice(half) },
    {
      id: `${cid}-trud-1`,
      name: byGender ? '1 группа (труд, мальчики)' : '1 группа (труд)',
      studentIds: byGender ? boys : ids.slice(0, half),
    },
    {
      id: `${cid}-trud-2`,
      name: byGender ? '2 группа (труд, девочки)' : '2 группа (труд)',
      studentIds: byGender ? girls : ids.slice(half),
    },
  ];
}
