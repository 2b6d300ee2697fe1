// The tiny school card the year-end unit tests build their hand-worked schools on.
import { DEFAULT_ATTENDANCE_CODES } from '../../../shared/attendance-code';
import { DEFAULT_GRADING_POLICY } from '../../../shared/grading-policy';
import type { School } from '../../../shared/school';

export function tinySchool(subjects: School['subjects']): School {
  return {
    id: 'school',
    stamps: {},
    fullName: 'Школа',
    shortName: 'Школа',
    address: 'адрес',
    phone: '',
    email: '',
    directorName: 'Директор',
    directorNameDative: '',
    operator: { name: 'Школа', address: 'адрес', inn: '', ogrn: '' },
    informationSystem: 'Журнал',
    fullNameGenitive: '',
    dataProcessor: { name: '', address: '' },
    consentPupilSignature: true,
    subjects,
    bells: [{ slot: 1, start: '08:30', end: '09:15' }],
    year: { id: 'y1', name: '2026/2027', start: '2026-09-01', end: '2027-05-31', holidays: [] },
    policy: DEFAULT_GRADING_POLICY,
    attendanceCodes: DEFAULT_ATTENDANCE_CODES,
    idleLockMinutes: 10,
  };
}
