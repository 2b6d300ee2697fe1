// A real school from an EMPTY server, through the browser as a school would: the set-up link →
// the first administrator → sign-in lands on «Школа → Настройка» → school card, year, periods,
// holidays, bells → subjects → classes → curriculum. Bad values get a Russian message at the
// field and nothing is saved; the server then holds exactly the documents typed, and a reload
// shows them again. Each page is photographed at 1366×768.
import { expect, test, type Page } from '@playwright/test';
import { enterTestProfile } from './journal-helpers';
import { apiAs, startEmptyServer, type EmptyServer } from './setup-helpers';

const PASSWORD = 'Пароль-админа-2026';
const SHOTS = 'test-results/setup-screens';
let server: EmptyServer;

test.beforeAll(async () => {
  server = await startEmptyServer();
});
test.afterAll(async () => {
  await server?.stop();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

async function saveAndExpect(page: Page) {
  await page.getByRole('button', { name: 'Сохранить' }).last().click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
}

async function openSetupPage(page: Page, label: string) {
  await page
    .getByRole('navigation', { name: 'Настройка' })
    .getByRole('link', { name: label })
    .click();
}

/** Waits until the server holds documents of the collection matching `test`. */
async function serverHas(
  api: Awaited<ReturnType<typeof apiAs>>,
  collection: string,
  check: (docs: Record<string, unknown>[]) => boolean,
) {
  await expect.poll(async () => check(await api.pull(collection)), { timeout: 30_000 }).toBe(true);
}

test('an empty server is set up through the browser', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });

  // The set-up link: the first administrator.
  await page.goto(server.setupLink);
  await expect(
    page.getByRole('heading', { name: 'Первый запуск: администратор школы' }),
  ).toBeVisible();
  await page.getByLabel('Фамилия, имя, отчество').fill('Сидорова Ольга Ивановна');
  await page.getByLabel('Пароль (не короче 10 знаков)').fill('короткий');
  await page.getByLabel('Пароль ещё раз').fill('другой');
  await page.getByRole('button', { name: 'Создать администратора' }).click();
  await expect(page.getByText('Пароль администратора — не короче 10 знаков')).toBeVisible();
  await expect(page.getByText(/Пароли не совпадают/)).toBeVisible();
  await shot(page, '0-setup-link');
  await page.getByLabel('Пароль (не короче 10 знаков)').fill(PASSWORD);
  await page.getByLabel('Пароль ещё раз').fill(PASSWORD);
  await page.getByRole('button', { name: 'Создать администратора' }).click();
  await expect(page.getByRole('heading', { name: 'Администратор создан' })).toBeVisible();
  await page.getByRole('button', { name: 'Перейти ко входу' }).click();
  expect(page.url()).not.toContain('setup=');

  // The usual sign-in, with the login just made filled in; it opens «Школа → Настройка».
  await enterTestProfile(page);
  await page.getByRole('button', { name: /Подключиться к серверу школы/ }).click();
  await expect(page.getByLabel('Логин')).toHaveValue('admin');
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Подключиться', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Карточка школы' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText('Сидорова Ольга Ивановна')).toBeVisible();
  const api = await apiAs(server.url, 'admin', PASSWORD);

  // The school card: an empty required field and a wrong ИНН are refused at their fields.
  await page
    .getByLabel('Полное название (как в уставе)')
    .fill(
      'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 3»',
    );
  await page.getByLabel('Краткое название').fill('МБОУ СОШ № 3');
  await page.getByLabel('Адрес', { exact: true }).first().fill('г. Энск, ул. Школьная, д. 1');
  await page.getByLabel('Телефон').fill('+7 (3852) 12-34-56');
  await page.getByLabel('Электронная почта').fill('school3@example.ru');
  await page.getByLabel('Фамилия, имя, отчество').fill('Петрова Елена Викторовна');
  await page.getByLabel(/Кому: в дательном падеже/).fill('Петровой Елене Викторовне');
  const operator = page.getByRole('group', { name: 'Оператор персональных данных' });
  await operator.getByLabel('Наименование').fill('МБОУ СОШ № 3');
  await operator.getByLabel('ИНН').fill('1234567890');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(operator.getByText('Укажите адрес оператора')).toBeVisible();
  await operator.getByLabel('Адрес').fill('г. Энск, ул. Школьная, д. 1');
  await page.getByLabel('Название информационной системы').fill('Электронный журнал МБОУ СОШ № 3');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(
    operator.getByText('ИНН — 10 или 12 цифр с верной контрольной цифрой'),
  ).toBeVisible();
  await shot(page, '1-card-errors');
  expect(await api.pull('school')).toHaveLength(0);
  await operator.getByLabel('ИНН').fill('7707083893');
  await saveAndExpect(page);
  await shot(page, '1-card');
  await serverHas(api, 'school', (d) => d[0]?.shortName === 'МБОУ СОШ № 3');

  // Staff come from the secretary's list (the accounts and import screens are another page).
  await api.importFile(
    'staff',
    new TextEncoder().encode(
      'Фамилия;Имя;Отчество;Должность;Роли\n' +
        'Иванова;Анна;Сергеевна;учитель математики;учитель, классный руководитель\n' +
        'Кузнецов;Павел;Андреевич;учитель английского языка;учитель\n',
    ),
  );

  // The academic year: periods, holidays (one only for the 1st grade), weekly hours of the 5th.
  await openSetupPage(page, 'Учебный год');
  await expect(page.getByLabel('Начало', { exact: true })).toHaveValue('01.09.2026');
  const quarters = [
    ['01.09.2026', '24.10.2026'],
    ['05.11.2026', '28.12.2026'],
    ['12.01.2027', '21.03.2027'],
    ['01.04.2027', '15.06.2027'],
  ];
  const numerals = ['I', 'II', 'III', 'IV'];
  for (const [i, [start, end]] of quarters.entries()) {
    await page.getByLabel(`${numerals[i]} четверть: начало`, { exact: true }).fill(start!);
    await page.getByLabel(`${numerals[i]} четверть: окончание`, { exact: true }).fill(end!);
  }
  await page.getByLabel('I полугодие: начало', { exact: true }).fill('01.09.2026');
  await page.getByLabel('I полугодие: окончание', { exact: true }).fill('28.12.2026');
  await page.getByLabel('II полугодие: начало', { exact: true }).fill('12.01.2027');
  await page.getByLabel('II полугодие: окончание', { exact: true }).fill('31.05.2027');
  await page.getByLabel('Часов в неделю в 5-х классах').fill('7');
  await page.getByRole('button', { name: 'Добавить каникулы' }).click();
  await page.getByLabel('Каникулы 1: название', { exact: true }).fill('Осенние каникулы');
  await page.getByLabel('Каникулы 1: начало', { exact: true }).fill('25.10.2026');
  await page.getByLabel('Каникулы 1: окончание', { exact: true }).fill('04.11.2026');
  await page.getByRole('button', { name: 'Добавить каникулы' }).click();
  await page.getByLabel('Каникулы 2: название', { exact: true }).fill('Летние каникулы');
  await page.getByLabel('Каникулы 2: начало', { exact: true }).fill('01.06.2027');
  await page.getByLabel('Каникулы 2: окончание', { exact: true }).fill('31.08.2027');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText(/«IV четверть» выходит за пределы учебного года/)).toBeVisible();
  await expect(page.getByText(/«Летние каникулы» выходят за пределы учебного года/)).toBeVisible();
  await shot(page, '2-year-errors');
  await page.getByLabel('IV четверть: окончание', { exact: true }).fill('31.05.2027');
  await page
    .getByLabel('Каникулы 2: название', { exact: true })
    .fill('Дополнительные каникулы для первоклассников');
  await page.getByLabel('Каникулы 2: начало', { exact: true }).fill('08.02.2027');
  await page.getByLabel('Каникулы 2: окончание', { exact: true }).fill('14.02.2027');
  await page.getByLabel('Каникулы 2: параллели', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Добавить нерабочий день' }).click();
  await page.getByLabel('Нерабочий день 1: дата', { exact: true }).fill('04.11.2026');
  await page
    .getByLabel('Нерабочий день 1: название', { exact: true })
    .fill('День народного единства');
  await saveAndExpect(page);
  await shot(page, '2-year');
  await serverHas(api, 'periods', (d) => d.length === 9);

  // Bells: four lessons, one first typed ending before it starts; a shorter Saturday.
  await openSetupPage(page, 'Звонки');
  const main = page.getByRole('group', { name: /Основное/ });
  for (let i = 0; i < 4; i++) await main.getByRole('button', { name: 'Добавить урок' }).click();
  await main.getByLabel('Основное, 2-й урок: конец').fill('09:00');
  await page.getByRole('button', { name: /Добавить расписание для отдельных дней/ }).click();
  const saturday = page.getByRole('group', { name: 'Суббота', exact: true });
  await saturday.getByRole('button', { name: 'Добавить урок' }).click();
  await saturday.getByLabel('Суббота, 1-й урок: конец').fill('09:05');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(main.getByText('2-й урок заканчивается не позже, чем начинается')).toBeVisible();
  await shot(page, '3-bells-errors');
  await main.getByLabel('Основное, 2-й урок: конец').fill('10:00');
  await saveAndExpect(page);
  await shot(page, '3-bells');

  // Grading: a weight of 0 and thresholds out of order are refused.
  await openSetupPage(page, 'Оценивание');
  await page.getByLabel('Контрольная работа: вес').fill('0');
  await page.getByLabel('для «4»').fill('4,7');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText(/Вес \(больше 0\) — от 0,1 до 10/)).toBeVisible();
  await page.getByLabel('Контрольная работа: вес').fill('3');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Пороги должны убывать: 5 > 4 > 3')).toBeVisible();
  await shot(page, '4-grading-errors');
  await page.getByLabel('для «4»').fill('3,5');
  await page.getByLabel('Блокировать компьютер после бездействия, мин').fill('15');
  await saveAndExpect(page);

  // Subjects.
  await openSetupPage(page, 'Предметы');
  for (const [i, [name, short]] of [
    ['Математика', 'Матем.'],
    ['Английский язык', 'Англ. яз.'],
  ].entries()) {
    await page.getByRole('button', { name: 'Добавить предмет' }).click();
    await page.getByLabel(`Предмет ${i + 1}: название`, { exact: true }).fill(name!);
    await page.getByLabel(`Предмет ${i + 1}: краткое название`, { exact: true }).fill(short!);
  }
  await saveAndExpect(page);
  await shot(page, '5-subjects');

  // Classes: 5А with its class teacher and two groups for English.
  await openSetupPage(page, 'Классы');
  await page.getByRole('button', { name: 'Добавить класс' }).click();
  await page.getByLabel('Параллель').selectOption('5');
  await page.getByLabel('Буква').fill('а');
  await page.getByLabel('Классный руководитель').selectOption({ label: 'Иванова Анна Сергеевна' });
  await page.getByRole('button', { name: 'Добавить группу' }).click();
  await page.getByRole('button', { name: 'Добавить группу' }).click();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(
    page.getByRole('row', { name: /5А Иванова Анна Сергеевна четверти 1 группа, 2 группа/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Добавить класс' }).click();
  await page.getByLabel('Параллель').selectOption('5');
  await page.getByLabel('Буква').fill('А');
  await page
    .getByLabel('Классный руководитель')
    .selectOption({ label: 'Кузнецов Павел Андреевич' });
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Класс 5А уже есть')).toBeVisible();
  await shot(page, '6-classes');
  await page.getByRole('button', { name: 'Закрыть' }).click();

  // The curriculum of 5А: mathematics 4 h, English 3 h in each group; the plan of the 5th is 7 h.
  await openSetupPage(page, 'Учебный план');
  const rows: [string, string, string, string][] = [
    ['Математика', 'весь класс', 'Иванова Анна Сергеевна', '4'],
    ['Английский язык', '1 группа', 'Кузнецов Павел Андреевич', '3'],
    ['Английский язык', '2 группа', 'Кузнецов Павел Андреевич', '3'],
  ];
  for (const [i, [subject, group, teacher, hours]] of rows.entries()) {
    await page.getByRole('button', { name: 'Добавить предмет в учебный план 5А' }).click();
    await page
      .getByLabel(`Курс ${i + 1}: предмет`, { exact: true })
      .selectOption({ label: subject });
    await page.getByLabel(`Курс ${i + 1}: группа`, { exact: true }).selectOption({ label: group });
    await page
      .getByLabel(`Курс ${i + 1}: учитель`, { exact: true })
      .selectOption({ label: teacher });
    await page.getByLabel(`Курс ${i + 1}: часов в неделю`, { exact: true }).fill(hours);
  }
  await saveAndExpect(page);
  await expect(page.getByRole('row', { name: '5А 7 7 совпадает' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'Кузнецов Павел Андреевич 6 2 5А' })).toBeVisible();
  await shot(page, '7-curriculum');

  // What the server holds now, typed as above.
  await serverHas(api, 'courses', (d) => d.length === 3);
  const [school] = await api.pull('school');
  expect(school).toMatchObject({
    shortName: 'МБОУ СОШ № 3',
    directorNameDative: 'Петровой Елене Викторовне',
    operator: { name: 'МБОУ СОШ № 3', inn: '7707083893' },
    idleLockMinutes: 15,
    subjects: [{ name: 'Математика' }, { name: 'Английский язык' }],
    year: {
      start: '2026-09-01',
      end: '2027-05-31',
      weeklyHoursByGrade: { '5': 7 },
      holidays: [
        { name: 'Осенние каникулы', start: '2026-10-25', end: '2026-11-04' },
        { name: 'Дополнительные каникулы для первоклассников', grades: [1] },
      ],
      nonWorkingDays: [{ date: '2026-11-04', kind: 'publicHoliday' }],
    },
    bellSchedules: [{ name: 'Суббота', weekdays: [6], bells: [{ slot: 1, end: '09:05' }] }],
  });
  expect((school?.bells as unknown[]).length).toBe(4);
  expect((school?.stamps as Record<string, { by: string }>).shortName?.by).toBe('account:admin');
  const periods = await api.pull('periods');
  expect(periods.find((p) => p.name === 'IV четверть')).toMatchObject({
    start: '2027-04-01',
    end: '2027-05-31',
  });
  const classes = await api.pull('classes');
  expect(classes).toHaveLength(1);
  expect(classes[0]).toMatchObject({ name: '5А', grade: 5, periodScheme: 'quarters' });
  const courses = await api.pull('courses');
  expect(courses.map((c) => c.hoursPerWeek).sort()).toEqual([3, 3, 4]);

  // The server accepted every change: no refusal reached the header.
  await expect(page.getByText(/Изменение не принято/)).toHaveCount(0);

  // After a reload the pages show what was saved.
  await page.reload();
  await enterTestProfile(page);
  await openSetupPage(page, 'Учебный год');
  await expect(page.getByLabel('IV четверть: окончание', { exact: true })).toHaveValue(
    '31.05.2027',
  );
  await expect(page.getByLabel('Каникулы 2: параллели', { exact: true })).toHaveValue('1');
});
