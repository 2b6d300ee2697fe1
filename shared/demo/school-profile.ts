// The demo school's profile: a municipal school in a small Russian town, its director, operator details, bells and policy.
import { DEFAULT_ATTENDANCE_CODES } from '../attendance-code';
import { DEFAULT_GRADING_POLICY } from '../grading-policy';
import type { School } from '../school';
import type { Stamp, Stamps } from '../stamp';
import { ACADEMIC_YEAR, BELLS, SATURDAY_BELLS } from './calendar';
import { SUBJECTS } from './curriculum';
import type { Rng } from './random';

interface Town {
  name: string;
  region: string;
  postcode: string;
  /** Area code for the school's landline. */
  phone: string;
  mail: string;
}

const TOWNS: Town[] = [
  {
    name: 'Заречный',
    region: 'Пензенская обл.',
    postcode: '442960',
    phone: '8412',
    mail: 'zarechny',
  },
  {
    name: 'Новозыбков',
    region: 'Брянская обл.',
    postcode: '243020',
    phone: '48343',
    mail: 'novozybkov',
  },
  { name: 'Кимры', region: 'Тверская обл.', postcode: '171500', phone: '48236', mail: 'kimry' },
  {
    name: 'Балашов',
    region: 'Саратовская обл.',
    postcode: '412300',
    phone: '84545',
    mail: 'balashov',
  },
  { name: 'Ишим', region: 'Тюменская обл.', postcode: '627750', phone: '34551', mail: 'ishim' },
  { name: 'Кунгур', region: 'Пермский край', postcode: '617470', phone: '34271', mail: 'kungur' },
  {
    name: 'Россошь',
    region: 'Воронежская обл.',
    postcode: '396650',
    phone: '47396',
    mail: 'rossosh',
  },
  {
    name: 'Белорецк',
    region: 'Республика Башкортостан',
    postcode: '453500',
    phone: '34792',
    mail: 'beloretsk',
  },
];

/** Directors with the dative form the consent header needs ("Директору … Петровой Елене Викторовне"). */
const DIRECTORS: readonly (readonly [string, string])[] = [
  ['Петрова Елена Викторовна', 'Петровой Елене Викторовне'],
  ['Смирнов Андрей Николаевич', 'Смирнову Андрею Николаевичу'],
  ['Кузнецова Ольга Михайловна', 'Кузнецовой Ольге Михайловне'],
  ['Волков Сергей Александрович', 'Волкову Сергею Александровичу'],
  ['Морозова Наталья Ивановна', 'Морозовой Наталье Ивановне'],
  ['Лебедева Ирина Павловна', 'Лебедевой Ирине Павловне'],
];

/** A 10-digit legal-entity INN with a valid check digit. */
function inn(rng: Rng): string {
  const digits = `58${rng.digits(7)}`.split('').map(Number);
  const k = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (k.reduce((a, w, i) => a + w * (digits[i] ?? 0), 0) % 11) % 10;
  return digits.join('') + String(check);
}

/** A 13-digit OGRN with a valid check digit (municipal institutions start with 1). */
function ogrn(rng: Rng): string {
  const body = `1025${rng.digits(8)}`;
  return body + String(Number(BigInt(body) % 11n) % 10);
}

export interface SchoolProfile {
  school: School;
  town: string;
}

export function buildSchool(rng: Rng, stamp: Stamp): SchoolProfile {
  const town = rng.pick(TOWNS);
  const number = rng.pick([1, 2, 3, 4, 5, 7, 9, 11, 12, 14, 17]);
  const [director, dative] = rng.pick(DIRECTORS);
  const street = rng.pick([
    'ул. Комсомольская',
    'ул. Ленина',
    'ул. Школьная',
    'ул. Мира',
    'ул. Советская',
  ]);
  const address = `${town.postcode}, ${town.region}, г. ${town.name}, ${street}, д. ${rng.int(2, 60)}`;
  const fullName = `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${number}» г. ${town.name}`;
  const fullNameGenitive = `Муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № ${number}» г. ${town.name}`;
  const shortName = `МБОУ СОШ № ${number}`;
  const fields = {
    fullName,
    shortName,
    address,
    phone: `+7 (${town.phone}) ${rng.digits(2)}-${rng.digits(2)}-${rng.digits(2)}`,
    email: `school${number}@${town.mail}-edu.ru`,
    directorName: director,
    directorNameDative: dative,
    operator: { name: fullName, address, inn: inn(rng), ogrn: ogrn(rng) },
    informationSystem: `Электронный классный журнал ${shortName}`,
    fullNameGenitive,
    dataProcessor: { name: '', address: '' },
    consentPupilSignature: true,
    subjects: SUBJECTS,
    bells: BELLS,
    bellSchedules: [{ id: 'saturday', name: 'Суббота', weekdays: [6], bells: SATURDAY_BELLS }],
    year: ACADEMIC_YEAR,
    policy: DEFAULT_GRADING_POLICY,
    attendanceCodes: DEFAULT_ATTENDANCE_CODES,
    idleLockMinutes: 10,
  };
  const stamps: Stamps = {};
  for (const key of Object.keys(fields)) stamps[key] = stamp;
  return { school: { id: 'school', stamps, ...fields }, town: `г. ${town.name}` };
}
