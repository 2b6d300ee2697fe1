// The deputy prints the year-end paper journal in Chromium: one class, then the whole school while the
// page keeps answering (the progress bar moves class by class); the PDFs are read back with poppler.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openDemoAsTeacher } from './journal-helpers';
import { goHash, switchIdentity } from './period-helpers';

const SHOTS = 'test-results/year-journal';
mkdirSync(SHOTS, { recursive: true });
const DEPUTY = /Заместитель директора/;

/** Saves the built PDF from the print dialog and returns its page texts. */
async function saveJournal(page: Page, file: string): Promise<string[]> {
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('iframe.print-preview')).toBeVisible({ timeout: 110_000 });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Сохранить…' }).click();
  const download = await downloading;
  const path = `${SHOTS}/${file}.pdf`;
  await download.saveAs(path);
  execFileSync('qpdf', ['--check', path]);
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  return execFileSync('pdftotext', ['-layout', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  })
    .split('\f')
    .slice(0, -1);
}

test('year-end journal: one class, then the whole school with a moving progress bar', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openDemoAsTeacher(page);
  await switchIdentity(page, DEPUTY);
  await goHash(page, '#/school/summary');
  const panel = page.getByRole('region', { name: 'Классный журнал за год' });
  await expect(panel).toBeVisible();
  // The year variant of the summary asks for the council's protocol; the journal panel below.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page
    .locator('.summary-tab select')
    .nth(1)
    .selectOption({ label: 'Год (годовая ведомость)' });
  await expect(page.getByLabel(/Протокол педсовета/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/summary-tab.png` });
  const options = await panel.getByLabel('Класс журнала').locator('option').allTextContents();
  const classes = options.slice(1);
  expect(classes.length).toBeGreaterThan(5);

  // One class: its sheets numbered from 1, the count certified on the last one.
  await panel.getByLabel('Класс журнала').selectOption({ label: classes[4]! });
  await panel.getByRole('button', { name: 'Напечатать журнал за год' }).click();
  const one = await saveJournal(page, 'journal-class');
  expect(one[0]).toContain('КЛАССНЫЙ ЖУРНАЛ');
  expect(one[0]).toContain(`${classes[4]} класса`);
  one.forEach((p, i) => expect(p).toMatch(new RegExp(`Лист ${i + 1}\\s*$`)));
  expect(one.at(-1)!.replace(/\s+/g, ' ')).toContain(`прошнуровано ${one.length} (`);

  // The whole school: the progress bar passes through the classes one by one.
  await panel.getByLabel('Класс журнала').selectOption({ index: 0 });
  await panel.getByRole('button', { name: 'Напечатать журнал за год' }).click();
  // Two different intermediate counts seen on screen: the page kept drawing while the worker worked.
  const status = page.getByRole('dialog').locator('.print-progress');
  const done = async () => {
    const m = /Готово: (\d+) из/.exec((await status.textContent().catch(() => '')) ?? '');
    return m ? Number(m[1]) : -1;
  };
  await expect.poll(done, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(0);
  const first = await done();
  expect(first).toBeLessThan(classes.length);
  await page.screenshot({ path: `${SHOTS}/journal-progress.png` });
  await expect.poll(done, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(first);
  const all = await saveJournal(page, 'journal-school');
  const titles = all.filter((p) => p.includes('КЛАССНЫЙ ЖУРНАЛ'));
  expect(titles).toHaveLength(classes.length);
  expect(all.filter((p) => p.includes('пронумеровано и прошнуровано'))).toHaveLength(
    classes.length,
  );
});
