// The family e-diary end to end on the real school server: the class teacher registers a consent
// with «логин выдан» and prints the login slip (pdftotext reads the login); a parent in another
// browser context signs in with it, must replace the one-time password, sees a mark a teacher typed
// a moment earlier, the forecast and how it is computed; the class teacher sees «просмотрено
// сегодня»; the consent is withdrawn; the parent's session ends and signing in is refused in Russian.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createClock } from '../../shared/hlc';
import { setPart, type Stamped } from '../../shared/merge';
import { reloadAndUnlock } from './journal-helpers';
import { signIn, startJournalServer, type JournalServer } from './sync-helpers';

const SHOTS = 'test-results/diary';
mkdirSync(SHOTS, { recursive: true });

let server: JournalServer;

test.beforeAll(async () => {
  // As of today: the current quarter is open and this week has held lessons.
  server = await startJournalServer(120, ['--demo-as-of', 'today']);
});
test.afterAll(async () => {
  await server?.stop();
});

async function openConsents(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Мой класс' })
    .click();
  await page
    .getByRole('navigation', { name: 'Разделы класса' })
    .getByRole('link', { name: 'Согласия' })
    .click();
  await expect(page.locator('.consent-table tbody tr[data-guardian-id]').first()).toBeVisible();
}

async function answer(page: Page, row: Locator, decision: string, loginIssued: boolean) {
  await row.getByRole('button', { name: /^Ответ:/ }).click();
  const form = page.getByRole('form', { name: 'Ответ родителя' });
  await form.getByLabel('Решение').selectOption({ label: decision });
  if (decision === 'согласие') {
    await form.getByLabel('Как получать отметки').selectOption({ label: 'электронный дневник' });
  }
  await form.getByLabel('Логин и пароль выданы').setChecked(loginIssued);
  await form.getByRole('button', { name: 'Сохранить ответ' }).click();
  await expect(form).toBeHidden();
}

async function staffToken(login: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'demo', deviceName: 'Проверка e2e' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

type LessonDoc = Stamped & {
  id: string;
  classId: string;
  date: string;
  status: string;
  subjectId: string;
  teacherId: string;
};

/** The teacher's push of a mark for the student in a held lesson of this week, as the grid sends it. */
async function teacherTypesMark(studentId: string, classId: string, monday: string, today: string) {
  const token = await staffToken('teacher');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const lessons: LessonDoc[] = [];
  let checkpoint = '';
  for (;;) {
    const res = await fetch(
      `${server.url}/api/v1/sync/lessons/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=1000`,
      { headers },
    );
    const page = (await res.json()) as { documents: LessonDoc[]; checkpoint: unknown };
    lessons.push(...page.documents);
    if (page.documents.length === 0) break;
    checkpoint = JSON.stringify(page.checkpoint);
  }
  const lesson = lessons
    .filter(
      (l) =>
        l.classId === classId &&
        l.status === 'held' &&
        l.teacherId === 'staff-teacher' &&
        l.date >= monday &&
        l.date <= today,
    )
    .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  if (!lesson) throw new Error(`no held lesson of staff-teacher in ${classId} this week`);
  const clock = createClock('e2eteacher');
  for (const s of Object.values(lesson.stamps)) clock.receive(s.at);
  const next = setPart(
    lesson,
    `entries.${studentId}`,
    { marks: [{ value: '2', workTypeId: 'test', comment: 'Повторить дроби' }], attendance: null },
    { at: clock.tick(), by: 'staff-teacher' },
  );
  const push = await fetch(`${server.url}/api/v1/sync/lessons/push`, {
    method: 'POST',
    headers,
    body: JSON.stringify([{ assumedMasterState: lesson, newDocumentState: next }]),
  });
  expect(push.status).toBe(200);
  expect(await push.json()).toEqual([]);
  return lesson;
}

function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

test('consent → login slip → the parent reads the diary → withdrawal ends the session', async ({
  page,
  browser,
}) => {
  // One continuous scenario across two phones and the registry (1.6 min on a quiet machine).
  test.setTimeout(240_000);
  await signIn(page, server.url, 'class-teacher');
  await openConsents(page);
  await page.getByRole('button', { name: /^Нет ответа/ }).click();
  const row = page.locator('.consent-table tbody tr[data-guardian-id]').first();
  const guardianId = await row.getAttribute('data-guardian-id');
  expect(guardianId).toBeTruthy();
  await answer(page, row, 'согласие', true);

  // The login slip opens for printing at once; the notice names the login.
  const notice = page.getByRole('status').filter({ hasText: 'выдан' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  const login = /Логин (\S+) выдан/.exec((await notice.textContent()) ?? '')?.[1];
  expect(login).toBeTruthy();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('iframe.print-preview')).toBeVisible({ timeout: 60_000 });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Сохранить…' }).click();
  const download = await downloading;
  const slipPath = `${SHOTS}/login-slip.pdf`;
  await download.saveAs(slipPath);
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  expect(readFileSync(slipPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const slip = execFileSync('pdftotext', ['-layout', slipPath, '-'], { encoding: 'utf8' });
  expect(slip).toContain(login!);
  // The one-time password is printed on the slip only (never shown on the screen).
  const password = /Временный пароль:?\s+(\S+)/.exec(slip)?.[1];
  expect(password, slip).toBeTruthy();
  await expect(page.getByText(password!)).toHaveCount(0);

  // The parent, on their own phone (another browser context).
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const parent = await phone.newPage();
  await parent.goto(`${server.url}/diary`);
  await expect(parent).toHaveURL(/\/diary\/login/);
  await parent.locator('#login').fill(login!);
  await parent.locator('#password').fill(password!);
  await parent.getByRole('button', { name: 'Войти' }).click();
  // Made to change the one-time password before anything else.
  await expect(parent).toHaveURL(/\/diary\/password/);
  await parent.goto(`${server.url}/diary`);
  await expect(parent).toHaveURL(/\/diary\/password/);
  await parent.locator('#password').fill('Семья-Пароль-2026');
  await parent.locator('#repeat').fill('Семья-Пароль-2026');
  await parent.getByRole('button', { name: /Сохранить|Сменить/ }).click();
  await expect(parent).toHaveURL(/\/diary(\/c\/[^/?]+)?(\?.*)?$/);

  // The child's page tells the student id; the class is the class teacher's.
  await parent.goto(`${server.url}/diary`);
  const href = await parent.locator('a[href*="/diary/c/"]').first().getAttribute('href');
  const childLink = /\/diary\/c\/([^/?#]+)/.exec(href ?? '')?.[1];
  expect(childLink, href ?? '').toBeTruthy();
  const studentId = decodeURIComponent(childLink!);
  const classToken = await staffToken('class-teacher');
  const classes = (await (
    await fetch(`${server.url}/api/v1/sync/classes/pull?checkpoint=&limit=1000`, {
      headers: { authorization: `Bearer ${classToken}` },
    })
  ).json()) as { documents: { id: string; classTeacherId: string | null }[] };
  const classId = classes.documents.find((c) => c.classTeacherId === 'staff-class-teacher')!.id;

  // A teacher types a mark a moment earlier; the parent's week shows it.
  const today = new Date().toISOString().slice(0, 10);
  const lesson = await teacherTypesMark(studentId, classId, mondayOf(today), today);
  await parent.goto(`${server.url}/diary/c/${encodeURIComponent(studentId)}?week=${lesson.date}`);
  const day = parent.locator('main');
  await expect(day).toContainText('Повторить дроби');
  await parent.screenshot({ path: `${SHOTS}/week-390.png`, fullPage: true });

  // Marks by subject: the forecast and how it is computed.
  await parent.goto(`${server.url}/diary/c/${encodeURIComponent(studentId)}/marks`);
  const withMark = parent.locator('section.card').filter({ hasText: 'Повторить дроби' });
  await expect(withMark).toHaveCount(1);
  await expect(withMark.locator('.res')).toContainText(/Предложение|Отметка/);
  await withMark.getByText(/Как получен/).click();
  await expect(withMark.locator('details p').first()).toBeVisible();
  await expect(withMark.locator('details')).toContainText('2');
  await parent.screenshot({ path: `${SHOTS}/marks-390.png`, fullPage: true });
  const wide = await phone.newPage();
  await wide.setViewportSize({ width: 1366, height: 768 });
  await wide.goto(`${server.url}/diary/c/${encodeURIComponent(studentId)}?week=${lesson.date}`);
  await wide.screenshot({ path: `${SHOTS}/week-1366.png` });
  await wide.goto(`${server.url}/diary/c/${encodeURIComponent(studentId)}/marks`);
  await wide.screenshot({ path: `${SHOTS}/marks-1366.png` });
  await wide.close();

  // The class teacher sees the view.
  // Re-opened, the tab asks the server again (it reads the access on mount).
  await reloadAndUnlock(page);
  await openConsents(page);
  const familyRow = page.locator(`.consent-table tbody tr[data-guardian-id="${guardianId}"]`);
  await expect(familyRow.locator('.diary-status')).toHaveText('просмотрено сегодня', {
    timeout: 30_000,
  });
  await page.screenshot({ path: `${SHOTS}/consents-viewed.png` });

  // Someone guesses the family's password on another phone: after five wrong ones even the right
  // password waits; the class teacher unlocks the login from the registry and it signs in again.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const guess = await other.newPage();
  const tryPassword = async (value: string) => {
    await guess.goto(`${server.url}/diary/login`);
    await guess.locator('#login').fill(login!);
    await guess.locator('#password').fill(value);
    await guess.getByRole('button', { name: 'Войти' }).click();
  };
  for (let i = 1; i <= 5; i += 1) {
    await tryPassword(`неверный-${i}`);
    await expect(guess.getByRole('alert')).toContainText('Неверный логин или пароль');
  }
  await tryPassword('Семья-Пароль-2026');
  await expect(guess.getByRole('alert')).toContainText('Слишком много неудачных попыток');
  await reloadAndUnlock(page);
  await openConsents(page);
  await expect(familyRow.locator('.diary-locked')).toHaveText(
    'вход заблокирован: много неверных паролей',
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${SHOTS}/consents-locked-1366.png` });
  await familyRow.getByRole('button', { name: /^Разблокировать вход/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'разблокирован' })).toContainText(
    `Вход по логину ${login} разблокирован`,
  );
  await expect(familyRow.locator('.diary-locked')).toHaveCount(0);
  await tryPassword('Семья-Пароль-2026');
  await expect(guess).toHaveURL(/\/diary(\/c\/[^/?]+)?(\?.*)?$/);
  await other.close();

  // The consent is withdrawn: the parent's next page ends the session, and signing in is refused.
  await answer(page, familyRow, 'отзыв согласия', false);
  await expect
    .poll(
      async () => {
        await parent.goto(`${server.url}/diary`);
        return parent.url();
      },
      { timeout: 60_000 },
    )
    .toMatch(/\/diary\/login/);
  await expect(parent.locator('body')).toContainText('доступ к электронному дневнику закрыт');
  await parent.locator('#login').fill(login!);
  await parent.locator('#password').fill('Семья-Пароль-2026');
  await parent.getByRole('button', { name: 'Войти' }).click();
  await expect(parent.getByRole('alert')).toContainText(
    'согласие на обработку персональных данных отозвано',
  );
  await parent.screenshot({ path: `${SHOTS}/refused-390.png` });
  await phone.close();
});
