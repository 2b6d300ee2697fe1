// A compromised password, end to end against the real school server: the teacher types a mark; the
// deputy («Школа → Учётные записи») marks the teacher's account compromised as of a moment before
// it; the report lists the mark, the deputy's journal shows it undone, and the teacher's desktop is
// sent back to the login form told that the password was compromised.
import { expect, test, type Page } from '@playwright/test';
import {
  cell,
  typeInto,
  openDemoAsTeacher,
  readLayout,
  uniqueDateColumns,
} from './journal-helpers';
import { goHash, switchIdentity } from './period-helpers';
import {
  reopenQuarters,
  signIn,
  startJournalServer,
  teacherAndDeputyDesktops,
  type JournalServer,
} from './sync-helpers';

let server: JournalServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startJournalServer(120);
  expect(await reopenQuarters(server.url)).toBeGreaterThan(0);
});
test.afterAll(async () => {
  await server?.stop();
});

/** The moment as the dialog wants it, in the browser's local time: ДД.ММ.ГГГГ and ЧЧ:ММ:СС. */
async function momentFields(page: Page, at: number): Promise<{ date: string; time: string }> {
  return page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, '0');
    return {
      date: `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()}`,
      time: `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`,
    };
  }, at);
}

test('the deputy marks a compromised account: the report, the undone mark, the ended session', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { teacherCtx, deputyCtx, a, b } = await teacherAndDeputyDesktops(browser, server.url);
  await a.getByRole('navigation', { name: 'Мои курсы' }).getByRole('button').first().click();
  const journalHash = await a.evaluate(() => location.hash);
  await signIn(b, server.url, 'deputy');
  await b.evaluate((h) => (location.hash = h), journalHash);

  const { names, dates } = await readLayout(a);
  const col = uniqueDateColumns(dates)[0];
  expect(col).toBeDefined();
  const date = dates[col!]!;
  const student = names[0]!;
  const before = (await cell(b, student, date).textContent()) ?? '';
  const mark = before.trim() === '2' ? '3' : '2';

  // The teacher's account is used to type a mark; the deputy sees it arrive.
  const moment = Date.now() - 1_000;
  await typeInto(a, student, date, mark);
  await expect(cell(b, student, date)).toHaveText(mark, { timeout: 10_000 });

  // Someone tries the teacher's login with a wrong password: a failed attempt to highlight.
  const failed = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'teacher', password: 'угадываю', deviceName: 'Чужой ноутбук' }),
  });
  expect(failed.status).toBe(401);

  // The deputy opens «Школа → Учётные записи».
  await b.evaluate(() => (location.hash = '#/school/accounts'));
  const accounts = b.getByRole('table', { name: 'Учётные записи' });
  const teacherRow = accounts
    .getByRole('row')
    .filter({ has: b.getByRole('cell', { name: 'teacher', exact: true }) });
  await expect(teacherRow).toContainText('действует');
  await expect(b.getByRole('table', { name: 'Устройства' })).toContainText('Компьютер учителя');
  await expect(b.getByRole('table', { name: 'Попытки входа' })).toContainText('вход выполнен');
  await expect(
    b.getByRole('table', { name: 'Попытки входа' }).locator('tr.failed').first(),
  ).toContainText('неверный пароль');
  await b.screenshot({ path: 'test-results/compromise-tab.png', fullPage: true });

  // Revoking one device is the administrator's: the deputy is told so in Russian.
  await b
    .getByRole('table', { name: 'Устройства' })
    .getByRole('row')
    .filter({ has: b.getByRole('cell', { name: 'teacher', exact: true }) })
    .getByRole('button', { name: 'Отозвать устройство' })
    .click();
  await expect(b.getByRole('status').filter({ hasText: 'только администратор' })).toContainText(
    'Отозвать отдельное устройство может только администратор школы',
  );

  // Passwords and blocking are the administrator's: the deputy is offered neither (no disabled
  // form, no console command to read).
  await expect(b.getByRole('button', { name: 'Задать новый пароль (teacher)' })).toHaveCount(0);
  await expect(b.getByRole('button', { name: 'Заблокировать (teacher)' })).toHaveCount(0);
  await expect(b.locator('body')).not.toContainText('npm run');

  // «Пароль скомпрометирован…» as of a moment before the mark.
  await b.getByRole('button', { name: 'Пароль скомпрометирован… (teacher)' }).click();
  const dialog = b.getByRole('dialog', { name: 'Пароль скомпрометирован' });
  await expect(dialog).toContainText(
    'Все действия с этой учётной записью после указанного момента будут отменены; её устройства будут отключены',
  );
  const fields = await momentFields(b, moment);
  await dialog.getByLabel('Дата').fill(fields.date);
  await dialog.getByLabel('Время').fill(fields.time);
  const submit = dialog.getByRole('button', { name: 'Отметить и отменить действия' });
  await expect(submit).toBeDisabled();
  await dialog.getByRole('checkbox').check();
  await dialog.screenshot({ path: 'test-results/compromise-dialog.png' });
  await submit.click();

  // The report lists the undone mark: where (class, subject, date, student), value, device.
  const undone = b.getByRole('table', { name: 'Отменённые изменения' });
  await expect(undone).toBeVisible({ timeout: 30_000 });
  const row = undone.getByRole('row').filter({ hasText: student });
  // Delete, then the key: two writes of the cell when it held marks, one when it was empty.
  await expect(row).toHaveCount(before.trim() === '' ? 1 : 2);
  await expect(row.last()).toContainText(mark);
  await expect(row.last()).toContainText('Компьютер учителя');
  await expect(b.locator('.compromise-report')).toContainText('Отключено устройств: 1');
  await expect(teacherRow).toContainText('скомпрометирована');
  await b.locator('.compromise-report').screenshot({ path: 'test-results/compromise-report.png' });
  await b.screenshot({ path: 'test-results/compromise-tab-report.png', fullPage: true });

  // The deputy's journal shows the mark undone.
  const started = Date.now();
  await b.evaluate((h) => (location.hash = h), journalHash);
  await expect(cell(b, student, date)).toHaveText(before, { timeout: 10_000 });
  console.log(`undone mark visible in the deputy's journal after ${Date.now() - started} ms`);

  // The teacher's desktop: the next request is refused and the login form says why.
  // (Its live stream may have ended it already, at the server's next heartbeat.)
  const loginField = a.getByLabel('Логин');
  const nextCell = cell(a, names[1]!, date);
  await expect(loginField.or(nextCell)).toBeVisible();
  if (await nextCell.isVisible()) {
    await nextCell.click({ timeout: 5_000 }).catch(() => undefined);
    await a.keyboard.press('4');
  }
  await expect(loginField).toBeVisible({ timeout: 30_000 });
  // The server's reason reaches the teacher: not just "session ended", but why.
  await expect(
    a.getByRole('status').filter({ hasText: 'из-за компрометации пароля' }),
  ).toBeVisible();
  await a.screenshot({ path: 'test-results/compromise-teacher-login.png' });

  await teacherCtx.close();
  await deputyCtx.close();
});

test('the demo school without a server: the tab says it needs the school server', async ({
  page,
}) => {
  await openDemoAsTeacher(page);
  await switchIdentity(page, /Заместитель директора по УВР/);
  await goHash(page, '#/school/accounts');
  await expect(page.locator('.accounts-tab')).toContainText(
    'Доступно при подключении к серверу школы',
  );
});
