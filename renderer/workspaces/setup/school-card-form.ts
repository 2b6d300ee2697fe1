// The school card's form: the text fields of the card ↔ the school document, and the first card of
// a new school (an empty year, no bells or subjects yet, the usual grading policy and codes).
import { DEFAULT_ATTENDANCE_CODES } from '../../../shared/attendance-code';
import { DEFAULT_GRADING_POLICY } from '../../../shared/grading-policy';
import type { School } from '../../../shared/school';
import type { Unstamped } from '../../../shared/setup/stamp-changes';

export interface SchoolCardFields {
  fullName: string;
  shortName: string;
  fullNameGenitive: string;
  address: string;
  phone: string;
  email: string;
  directorName: string;
  directorNameDative: string;
  operatorName: string;
  operatorAddress: string;
  operatorInn: string;
  operatorOgrn: string;
  processorName: string;
  processorAddress: string;
  informationSystem: string;
  consentPupilSignature: boolean;
}

/** Where each field's message comes from in the school document. */
export const SCHOOL_CARD_PATHS: Record<keyof SchoolCardFields, string> = {
  fullName: 'fullName',
  shortName: 'shortName',
  fullNameGenitive: 'fullNameGenitive',
  address: 'address',
  phone: 'phone',
  email: 'email',
  directorName: 'directorName',
  directorNameDative: 'directorNameDative',
  operatorName: 'operator.name',
  operatorAddress: 'operator.address',
  operatorInn: 'operator.inn',
  operatorOgrn: 'operator.ogrn',
  processorName: 'dataProcessor.name',
  processorAddress: 'dataProcessor.address',
  informationSystem: 'informationSystem',
  consentPupilSignature: 'consentPupilSignature',
};

/** Required fields the schema only knows as "at least one character": say which in Russian. */
const REQUIRED: Partial<Record<keyof SchoolCardFields, string>> = {
  fullName: 'Укажите полное название школы',
  shortName: 'Укажите краткое название',
  address: 'Укажите адрес школы',
  directorName: 'Укажите директора: фамилия, имя, отчество',
  operatorName: 'Укажите оператора персональных данных (обычно сама школа)',
  operatorAddress: 'Укажите адрес оператора',
  informationSystem: 'Укажите название информационной системы',
};

export const SCHOOL_ID = 'school';

/** September 1 of the school year a date falls in (a year starts in the summer). */
export function schoolYearStart(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? year : year - 1;
}

/** A new school's card: what the set-up pages fill in next. */
export function newSchool(today: string): Unstamped<School> {
  const y = schoolYearStart(today);
  return {
    id: SCHOOL_ID,
    fullName: '',
    shortName: '',
    address: '',
    phone: '',
    email: '',
    directorName: '',
    directorNameDative: '',
    operator: { name: '', address: '', inn: '', ogrn: '' },
    informationSystem: '',
    fullNameGenitive: '',
    dataProcessor: { name: '', address: '' },
    consentPupilSignature: true,
    subjects: [],
    bells: [],
    year: {
      id: `year-${y}`,
      name: `${y}/${y + 1}`,
      start: `${y}-09-01`,
      end: `${y + 1}-05-31`,
      holidays: [],
    },
    policy: DEFAULT_GRADING_POLICY,
    attendanceCodes: DEFAULT_ATTENDANCE_CODES,
    idleLockMinutes: 10,
  };
}

export function schoolCardFields(school: Unstamped<School>): SchoolCardFields {
  return {
    fullName: school.fullName,
    shortName: school.shortName,
    fullNameGenitive: school.fullNameGenitive,
    address: school.address,
    phone: school.phone,
    email: school.email,
    directorName: school.directorName,
    directorNameDative: school.directorNameDative,
    operatorName: school.operator.name,
    operatorAddress: school.operator.address,
    operatorInn: school.operator.inn,
    operatorOgrn: school.operator.ogrn,
    processorName: school.dataProcessor.name,
    processorAddress: school.dataProcessor.address,
    informationSystem: school.informationSystem,
    consentPupilSignature: school.consentPupilSignature,
  };
}

/** The card's fields written into the school document (other parts unchanged), trimmed. */
export function applySchoolCard(school: Unstamped<School>, f: SchoolCardFields): Unstamped<School> {
  const t = (s: string) => s.trim();
  return {
    ...school,
    fullName: t(f.fullName),
    shortName: t(f.shortName),
    fullNameGenitive: t(f.fullNameGenitive),
    address: t(f.address),
    phone: t(f.phone),
    email: t(f.email),
    directorName: t(f.directorName),
    directorNameDative: t(f.directorNameDative),
    operator: {
      name: t(f.operatorName),
      address: t(f.operatorAddress),
      inn: t(f.operatorInn),
      ogrn: t(f.operatorOgrn),
    },
    dataProcessor: { name: t(f.processorName), address: t(f.processorAddress) },
    informationSystem: t(f.informationSystem),
    consentPupilSignature: f.consentPupilSignature,
  };
}

/** Empty required fields, in the card's own words (checked before the schema's generic ones). */
export function missingCardFields(f: SchoolCardFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(REQUIRED) as [keyof SchoolCardFields, string][]) {
    const value = f[key];
    if (typeof value === 'string' && !value.trim()) out[SCHOOL_CARD_PATHS[key]] = message;
  }
  return out;
}
