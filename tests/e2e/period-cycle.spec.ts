// The period cycle in Chromium: a teacher accepts the proposals and defers one mark; the deputy
// closes the period, which makes the period marks and the journal read-only; the deputy reopens it;
// the deputy's statistics and failing-marks report match the grading rules computed on the same data.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { countLessonsMissed } from '../../shared/attendance';
import { todayIso } from '../../shared/dates';
import type { Course } from '../../shared/course';
import { proposePeriodMark, proposeYearMark, studentMarks } from '../../shared/grading';
import { MARK_LABELS } from '../../shared/grading-policy';
import type { Lesson } from '../../shared/lesson';
import { periodsOfScheme, type Period } from '../../shared/period';
import type { PeriodMarks } from '../../shared/period-mark';
import { failingMarksReport } from '../../shared/reports/failing-marks';
import { schoolStatistics } from '../../shared/reports/school-statistics';
import { toTableReport, type TableReport } from '../../shared/reports/table-report';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { StaffMember } from '../../shared/staff';
import type { Student } from '../../shared/student';
import { cell, openDemoAsTeacher, readLayout } from './journal-helpers';
import { downloadBy, goHash, readCollection, switchIdentity } from './period-helpers';

const SHOTS = 'test-results/period-cycle';
const TEACHER = /Учитель-предметник/;
const DEPUTY = /Заместитель директора по УВР/;

function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

const rows = (page: Page) => page.locator('.period-marks-table tbody tr');
const setMark = (page: Page, i: number) => rows(page).nth(i).getByTestId('set-mark');

/** Cell texts of a screen table, the way the page prints them. */
function expectedRows(report: TableReport): string[] {
  return report.rows.map((r) =>
    report.columns
      .map((c) => {
        const v = r[c.key];
        if (v === null || v === undefined) return '';
        return typeof v === 'number' ? String(v).replace('.', ',') : v;
      })
      .join('|'),
  );
}

async function screenRows(page: Page, scope: string): Promise<string[]> {
  return page.locator(`${scope} table.report-table tbody tr`).evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.querySelectorAll('td'))
        .map((td) => (td.textContent ?? '').trim())
        .join('|'),
    ),
  );
}

test('period marks: accept, defer, close, read-only, reopen; deputy numbers match the rules', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openDemoAsTeacher(page);

  // --- The teacher: the first course, the current period.
  await page.getByRole('navigation', { name: 'Разделы' }).getByText('Отметки за период').click();
  await page.getByRole('navigation', { name: 'Мои курсы' }).getByRole('button').first().click();
  const periodSelect = page.locator('.page-toolbar select');
  const periodId = await periodSelect.inputValue();
  await periodSelect.selectOption(periodId);
  const periodName = (await periodSelect.locator('option:checked').textContent())!.trim();
  const courseId = decodeURIComponent(/#\/period-marks\/([^/]+)/.exec(page.url())![1]!);
  expect(periodName).not.toMatch(/закрыт/);
  await expect(rows(page).first()).toBeVisible();

  // Accept all proposals by the keyboard shortcut.
  await page.locator('.period-marks-table').focus();
  const firstBefore = (await setMark(page, 0).textContent()) ?? '';
  await page.keyboard.press('Control+Enter');
  // It asks first, saying what it will set; Esc keeps everything as it was.
  const confirmAll = page.getByRole('alertdialog', { name: 'Принять все предложения?' });
  await expect(confirmAll).toContainText('Будут выставлены отметки');
  await page.keyboard.press('Escape');
  await expect(confirmAll).toBeHidden();
  await expect(setMark(page, 0)).toHaveText(firstBefore);
  await page.keyboard.press('Control+Enter');
  await confirmAll.getByRole('button', { name: /Выставить отметок/ }).click();
  await expect(page.locator('.period-marks-page .hint')).toContainText('Принято предложений');
  const count = await rows(page).count();
  for (let i = 0; i < count; i++) {
    const proposal = (await rows(page).nth(i).locator('td.proposal').textContent())!.trim();
    if (proposal !== '—') await expect(setMark(page, i)).toHaveText(proposal);
  }

  // Defer the second student's mark: Д (the L key on a ЙЦУКЕН keyboard), reason and due date.
  await rows(page).nth(1).locator('td.explanation').click();
  await page.keyboard.press('KeyL');
  const form = page.getByRole('form', { name: /Отсрочка/ });
  await form.getByLabel('Причина').fill('болезнь, справка');
  await form.getByLabel('Срок').fill('15.01.2027');
  await form.getByRole('button', { name: 'Сохранить отсрочку' }).click();
  await expect(setMark(page, 1)).toHaveText('отср.');
  await expect(rows(page).nth(1).locator('td.note')).toContainText(
    'Отсрочка до 15.01.2027: болезнь, справка',
  );
  const deferredId = await rows(page).nth(1).getAttribute('data-student-id');
  await shot(page, '1-teacher-period-marks');

  // The stored proposals are the grading rules on the period's lessons.
  const [school] = await readCollection<School>(page, 'school');
  const lessons = await readCollection<Lesson>(page, 'lessons');
  const periods = await readCollection<Period>(page, 'periods');
  const courses = await readCollection<Course>(page, 'courses');
  const period = periods.find((p) => p.id === periodId)!;
  const course = courses.find((c) => c.id === courseId)!;
  const held = lessons.filter(
    (l) =>
      l.courseId === courseId &&
      l.date >= period.start &&
      l.date <= period.end &&
      l.status === 'held',
  );
  const doc = (await readCollection<PeriodMarks>(page, 'periodMarks')).find(
    (d) => d.courseId === courseId && d.periodId === periodId,
  )!;
  let checked = 0;
  for (const [studentId, entry] of Object.entries(doc.marks)) {
    const p = proposePeriodMark(
      {
        marks: studentMarks(held, studentId).map((m) => m.mark),
        lessonsHeld: held.length,
        lessonsMissed: countLessonsMissed(held, studentId, school!.attendanceCodes),
        periodKind: period.kind,
        assessment: course.assessment,
      },
      school!.policy,
    );
    expect(entry.proposed).toBe(p.value);
    expect(entry.average).toBe(p.average);
    if (studentId === deferredId) {
      expect(entry.value).toBeNull();
      expect(entry.deferral).toEqual({ reason: 'болезнь, справка', due: '2027-01-15' });
    } else expect(entry.value).toBe(p.value);
    checked++;
  }
  expect(checked).toBe(count);
  expect(doc.stamps[`marks.${deferredId}`]?.by).toBe('staff-teacher');

  // --- The deputy closes the period.
  await switchIdentity(page, DEPUTY);
  await goHash(page, '#/school/periods');
  const closeButton = page.getByRole('button', { name: `Закрыть период «${periodName}»` });
  await closeButton.first().click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`Закрыть период «${periodName}»?`);
  await dialog.getByRole('button', { name: 'Закрыть период' }).click();
  const periodRow = page.locator(`tr[data-period-id="${periodId}"]`);
  await expect(periodRow.locator('td.state')).toHaveText('закрыт');
  await expect(page.locator('.period-log')).toContainText(`«${periodName}» закрыт`);
  await shot(page, '2-deputy-periods');

  // --- The teacher can no longer change the period marks or the journal of that period.
  await switchIdentity(page, TEACHER);
  await goHash(page, `#/period-marks/${courseId}/${periodId}`);
  await expect(page.locator('.period-closed-notice')).toContainText('Период закрыт');
  await expect(page.getByRole('button', { name: 'Принять все предложения' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Отсрочка…' })).toBeDisabled();
  const before = await setMark(page, 2).textContent();
  await rows(page).nth(2).locator('td.explanation').click();
  await page.keyboard.press(before === '5' ? '4' : '5');
  await expect(page.locator('.period-marks-page .hint')).toContainText('закрыт');
  await expect(setMark(page, 2)).toHaveText(before ?? '');
  await shot(page, '3-teacher-closed-period-marks');

  await goHash(page, `#/journal/${courseId}/${periodId}`);
  await expect(page.locator('.journal-page .period-closed-notice')).toContainText('Период закрыт');
  const { names, dates } = await readLayout(page);
  const target = cell(page, names[0]!, dates[0]!);
  const cellBefore = await target.textContent();
  await target.click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('3');
  await expect(page.locator('.journal-page .hint')).toContainText('закрыт');
  await expect(target).toHaveText(cellBefore ?? '');
  await expect(page.getByLabel('Тема урока')).toBeDisabled();
  await shot(page, '4-teacher-closed-journal');

  // --- The deputy reopens it; the teacher can change it again.
  await switchIdentity(page, DEPUTY);
  await goHash(page, '#/school/periods');
  await page
    .getByRole('button', { name: `Открыть период «${periodName}»` })
    .first()
    .click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Открыть период' }).click();
  await expect(periodRow.locator('td.state')).toHaveText('открыт');
  await switchIdentity(page, TEACHER);
  await goHash(page, `#/period-marks/${courseId}/${periodId}`);
  await expect(page.locator('.period-closed-notice')).toHaveCount(0);
  await rows(page).nth(2).locator('td.explanation').click();
  const next = before === '5' ? '4' : '5';
  await page.keyboard.press(next);
  await expect(setMark(page, 2)).toHaveText(next);

  // The year mark is proposed from the period marks (the mean of the numeric ones).
  await periodSelect.selectOption({ label: 'Годовая' });
  await expect(page.locator('.period-marks-table caption')).toContainText('Годовая');
  const klass = (await readCollection<SchoolClass>(page, 'classes')).find(
    (c) => c.id === course.classId,
  )!;
  const yearDocs = await readCollection<PeriodMarks>(page, 'periodMarks');
  const firstId = (await rows(page).first().getAttribute('data-student-id'))!;
  const yearProposal = proposeYearMark(
    periodsOfScheme(periods, klass.periodScheme).map(
      (p) =>
        yearDocs.find((d) => d.courseId === courseId && d.periodId === p.id)?.marks[firstId]
          ?.value ?? null,
    ),
    school!.policy,
  );
  await expect(rows(page).first().locator('td.proposal')).toHaveText(
    yearProposal.value === null ? '—' : MARK_LABELS[yearProposal.value],
  );
  await expect(rows(page).first().locator('td.explanation')).toHaveText(yearProposal.explanation);
  await shot(page, '4b-teacher-year-marks');

  // --- The deputy's statistics and failing-marks report against the rules on the same documents.
  await switchIdentity(page, DEPUTY);
  await goHash(page, '#/school/statistics');
  await page.locator('.school-toolbar select').selectOption(periodId);
  await expect(page.locator('.statistics-tab table.report-table tbody tr').first()).toBeVisible();
  const [marks, students, classes, staff, allLessons] = await Promise.all([
    readCollection<PeriodMarks>(page, 'periodMarks'),
    readCollection<Student>(page, 'students'),
    readCollection<SchoolClass>(page, 'classes'),
    readCollection<StaffMember>(page, 'staff'),
    readCollection<Lesson>(page, 'lessons'),
  ]);
  const stats = schoolStatistics({
    period,
    courses,
    periodMarks: marks,
    lessons: allLessons,
    students,
    classes,
    subjects: school!.subjects,
    staff,
    classIds: classes.filter((c) => c.periodScheme === period.scheme).map((c) => c.id),
    asOf: todayIso(),
  });
  const byClass = toTableReport({ kind: 'schoolStatistics', report: stats, by: 'class' });
  await expect.poll(() => screenRows(page, '.statistics-tab')).toEqual(expectedRows(byClass));
  // A hand count for the teacher's class: the 5s among its courses' period marks.
  const classRow = stats.byClass.find((r) => r.key === course.classId)!;
  const fives = marks
    .filter(
      (d) =>
        d.periodId === periodId &&
        courses.find((c) => c.id === d.courseId)?.classId === course.classId,
    )
    .flatMap((d) =>
      Object.entries(d.marks).filter(
        ([id, e]) => e.value === '5' && students.find((s) => s.id === id)?.status === 'active',
      ),
    ).length;
  expect(classRow.counts['5']).toBe(fives);
  await shot(page, '5-deputy-statistics');
  await page.getByRole('radio', { name: 'по учителям' }).click();
  const byTeacher = toTableReport({ kind: 'schoolStatistics', report: stats, by: 'teacher' });
  await expect.poll(() => screenRows(page, '.statistics-tab')).toEqual(expectedRows(byTeacher));

  await goHash(page, '#/school/reports');
  await expect(page.locator('.reports-tab .report-count')).toBeVisible();
  const failing = failingMarksReport({
    lessons: allLessons,
    students,
    courses,
    subjects: school!.subjects,
    policy: school!.policy,
    from: period.start,
    to: period.end,
  });
  expect(failing.rows.length).toBeGreaterThan(0);
  await expect(page.locator('.reports-tab .report-count')).toHaveText(
    `Строк: ${failing.rows.length}`,
  );
  // «Все классы»: each row names its class and the course's teacher.
  const courseLabels = new Map(
    courses.map((c) => {
      const t = staff.find((x) => x.id === c.teacherId)!;
      const initials = [t.firstName, t.middleName].filter(Boolean).map((x) => `${x[0]}.`);
      return [
        c.id,
        {
          className: classes.find((k) => k.id === c.classId)!.name,
          teacher: [t.lastName, ...initials].join(' '),
        },
      ];
    }),
  );
  const failingTable = toTableReport({ kind: 'failingMarks', report: failing, courseLabels });
  expect(failingTable.columns.map((c) => c.header)).toContain('Учитель');
  const shown = await screenRows(page, '.reports-tab');
  expect(shown).toEqual(expectedRows(failingTable).slice(0, 500));
  await shot(page, '6-deputy-reports');

  // Exports: a PDF through the worker and an XLSX, both as downloads in the browser.
  const pdf = await downloadBy(page, 'Сохранить PDF');
  expect(pdf.suggestedFilename()).toMatch(/^Неудовлетворительные отметки.*\.pdf$/);
  const pdfPath = `${SHOTS}/failing-marks.pdf`;
  await pdf.saveAs(pdfPath);
  execFileSync('qpdf', ['--check', pdfPath]);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text.replace(/\s+/g, '')).toContain(failing.rows[0]!.student.replace(/\s+/g, ''));
  const xlsx = await downloadBy(page, 'Сохранить XLSX');
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  // Dates and marks in the file are real dates and numbers (they sort as such).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  const sheet = wb.worksheets[0]!;
  const headers = (sheet.getRow(3).values as unknown[]).slice(1);
  const first = sheet.getRow(4);
  expect(first.getCell(headers.indexOf('Дата') + 1).value).toBeInstanceOf(Date);
  expect(typeof first.getCell(headers.indexOf('Отметка') + 1).value).toBe('number');

  // The remaining tabs, for the eye.
  await goHash(page, '#/school/overview');
  await expect(page.locator('.overview-matrix tbody tr').first()).toBeVisible();
  await shot(page, '7-deputy-overview');
  await goHash(page, '#/school/summary');
  await page.locator('.summary-tab select').first().selectOption(course.classId);
  await page.getByRole('button', { name: 'Сформировать ведомость' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Сохранить…' })).toBeVisible({ timeout: 60_000 });
  await page.waitForTimeout(1500); // the built-in PDF viewer draws the preview
  await shot(page, '8-deputy-summary');
});
