// The demo curriculum: subjects, weekly hours per grade (after the federal model curriculum, five-day week), split subjects and teacher specializations.
import type { Assessment } from '../course';
import type { Subject } from '../school';

export const SUBJECTS: Subject[] = [
  { id: 'rus', name: 'Русский язык', short: 'Рус. яз.' },
  { id: 'litread', name: 'Литературное чтение', short: 'Лит. чт.' },
  { id: 'lit', name: 'Литература', short: 'Лит-ра' },
  { id: 'eng', name: 'Иностранный язык (английский)', short: 'Англ. яз.' },
  { id: 'math', name: 'Математика', short: 'Матем.' },
  { id: 'alg', name: 'Алгебра', short: 'Алгебра' },
  { id: 'geom', name: 'Геометрия', short: 'Геометр.' },
  { id: 'prob', name: 'Вероятность и статистика', short: 'Вер. и ст.' },
  { id: 'inf', name: 'Информатика', short: 'Информ.' },
  { id: 'world', name: 'Окружающий мир', short: 'Окр. мир' },
  { id: 'hist', name: 'История', short: 'История' },
  { id: 'soc', name: 'Обществознание', short: 'Обществозн.' },
  { id: 'geo', name: 'География', short: 'Геогр.' },
  { id: 'bio', name: 'Биология', short: 'Биология' },
  { id: 'phys', name: 'Физика', short: 'Физика' },
  { id: 'chem', name: 'Химия', short: 'Химия' },
  { id: 'music', name: 'Музыка', short: 'Музыка' },
  { id: 'art', name: 'Изобразительное искусство', short: 'ИЗО' },
  { id: 'trud', name: 'Труд (технология)', short: 'Труд' },
  { id: 'pe', name: 'Физическая культура', short: 'Физ-ра' },
  { id: 'obzr', name: 'Основы безопасности и защиты Родины', short: 'ОБЗР' },
  { id: 'orkse', name: 'Основы религиозных культур и светской этики', short: 'ОРКСЭ' },
  { id: 'odnknr', name: 'Основы духовно-нравственной культуры народов России', short: 'ОДНКНР' },
  { id: 'project', name: 'Индивидуальный проект', short: 'Инд. пр.' },
];

export const SUBJECT_BY_ID = new Map(SUBJECTS.map((s) => [s.id, s]));

type Hours = Record<string, number>;

const PRIMARY: Hours = {
  rus: 5,
  litread: 4,
  eng: 2,
  math: 4,
  world: 2,
  music: 1,
  art: 1,
  trud: 1,
  pe: 2,
};

/** Grades 10–11 (the universal profile); the 10th adds the individual project. */
const SENIOR_HOURS = {
  rus: 2,
  lit: 3,
  eng: 3,
  alg: 4,
  geom: 2,
  prob: 1,
  inf: 1,
  hist: 2,
  soc: 2,
  geo: 1,
  bio: 1,
  phys: 2,
  chem: 1,
  pe: 2,
  obzr: 1,
};

/** Weekly hours per grade (1..11); sums are 20–30 lessons a week. */
export const HOURS_BY_GRADE: Record<number, Hours> = {
  1: { rus: 5, litread: 4, math: 4, world: 2, music: 1, art: 1, trud: 1, pe: 2 },
  2: PRIMARY,
  3: PRIMARY,
  4: { ...PRIMARY, orkse: 1 },
  5: {
    rus: 5,
    lit: 3,
    eng: 3,
    math: 5,
    hist: 2,
    geo: 1,
    bio: 1,
    music: 1,
    art: 1,
    trud: 2,
    pe: 2,
    odnknr: 1,
  },
  6: {
    rus: 6,
    lit: 3,
    eng: 3,
    math: 5,
    hist: 2,
    soc: 1,
    geo: 1,
    bio: 1,
    music: 1,
    art: 1,
    trud: 2,
    pe: 2,
    odnknr: 1,
  },
  7: {
    rus: 4,
    lit: 2,
    eng: 3,
    alg: 3,
    geom: 2,
    prob: 1,
    inf: 1,
    hist: 2,
    soc: 1,
    geo: 2,
    bio: 1,
    phys: 2,
    music: 1,
    art: 1,
    trud: 2,
    pe: 2,
  },
  8: {
    rus: 3,
    lit: 2,
    eng: 3,
    alg: 3,
    geom: 2,
    prob: 1,
    inf: 1,
    hist: 2,
    soc: 1,
    geo: 2,
    bio: 2,
    phys: 2,
    chem: 2,
    trud: 1,
    pe: 2,
    obzr: 1,
  },
  9: {
    rus: 3,
    lit: 3,
    eng: 3,
    alg: 3,
    geom: 2,
    prob: 1,
    inf: 1,
    hist: 2,
    soc: 1,
    geo: 2,
    bio: 2,
    phys: 3,
    chem: 2,
    trud: 1,
    pe: 2,
    obzr: 1,
  },
  10: { ...SENIOR_HOURS, project: 1 },
  11: SENIOR_HOURS,
};

/** Subjects taught in two groups from grade 5 (English by halves of the list, труд boys/girls). */
export function isSplit(subjectId: string, grade: number): boolean {
  return grade >= 5 && (subjectId === 'eng' || subjectId === 'trud');
}

export function assessmentOf(subjectId: string, grade: number): Assessment {
  if (grade === 1) return 'none';
  if (subjectId === 'orkse' || subjectId === 'odnknr') return 'passFail';
  return 'marks';
}

/** Exam subjects of grades 9 (ОГЭ) and 11 (ЕГЭ): the two compulsory ones plus electives. */
export function examSubjects(grade: number, classIndex: number): string[] {
  if (grade === 9) return ['rus', 'alg', ...(classIndex % 2 === 0 ? ['soc', 'inf'] : ['bio'])];
  if (grade === 11) return ['rus', 'alg', ...(classIndex % 2 === 0 ? ['soc', 'hist'] : ['phys'])];
  return [];
}

/** Subjects taught in a class of the grade, in timetable order. */
export function subjectsOfGrade(grade: number): [subjectId: string, hours: number][] {
  return Object.entries(HOURS_BY_GRADE[grade] ?? {});
}

/** Subjects a teacher of one specialization teaches together; `primary` is the class's own teacher in grades 1–4. */
export interface Specialization {
  id: string;
  subjects: string[];
  /** "учитель математики" */
  position: string;
  /** Share of women among such teachers. */
  female: number;
}

export const SPECIALIZATIONS: Specialization[] = [
  {
    id: 'primary',
    subjects: ['rus', 'litread', 'math', 'world', 'art', 'trud', 'orkse'],
    position: 'учитель начальных классов',
    female: 0.97,
  },
  {
    id: 'russian',
    subjects: ['rus', 'lit'],
    position: 'учитель русского языка и литературы',
    female: 0.95,
  },
  {
    id: 'math',
    subjects: ['math', 'alg', 'geom', 'prob'],
    position: 'учитель математики',
    female: 0.8,
  },
  { id: 'english', subjects: ['eng'], position: 'учитель английского языка', female: 0.9 },
  {
    id: 'history',
    subjects: ['hist', 'soc', 'odnknr'],
    position: 'учитель истории и обществознания',
    female: 0.7,
  },
  { id: 'geography', subjects: ['geo'], position: 'учитель географии', female: 0.8 },
  { id: 'biology', subjects: ['bio', 'chem'], position: 'учитель биологии и химии', female: 0.85 },
  { id: 'physics', subjects: ['phys', 'project'], position: 'учитель физики', female: 0.6 },
  { id: 'informatics', subjects: ['inf'], position: 'учитель информатики', female: 0.5 },
  { id: 'music', subjects: ['music'], position: 'учитель музыки', female: 0.85 },
  { id: 'art', subjects: ['art'], position: 'учитель изобразительного искусства', female: 0.85 },
  { id: 'trud', subjects: ['trud'], position: 'учитель труда (технологии)', female: 0.5 },
  { id: 'pe', subjects: ['pe'], position: 'учитель физической культуры', female: 0.4 },
  { id: 'obzr', subjects: ['obzr'], position: 'преподаватель-организатор ОБЗР', female: 0.2 },
];

/** Which specialization teaches a subject in a grade. */
export function specializationFor(subjectId: string, grade: number): string {
  if (grade <= 4 && subjectId !== 'eng' && subjectId !== 'music' && subjectId !== 'pe')
    return 'primary';
  for (const s of SPECIALIZATIONS) {
    if (s.id !== 'primary' && s.subjects.includes(subjectId)) return s.id;
  }
  throw new Error(`No specialization teaches ${subjectId}`);
}

/** Specializations a small school combines in one person when each alone has too few courses. */
export const COMBINE_ORDER = [
  'russian',
  'math',
  'physics',
  'informatics',
  'history',
  'geography',
  'biology',
  'english',
  'music',
  'art',
  'trud',
  'obzr',
  'pe',
];
