// The diary's pages of one child: the week, marks by subject with the forecast and how it is
// computed, the period and final marks, the schedule (tests, holidays, teachers, bells), and who
// changed or viewed the child's data. Each renders a model built from the child-only source.
import { formatDate } from '../../../shared/dates';
import { ABSENCE_REASON_LABELS } from '../../../shared/attendance-code';
import type { DiaryPeriodView } from '../../../shared/diary/subjects';
import type { DiaryResults } from '../../../shared/diary/results';
import type { DiarySchedule } from '../../../shared/diary/schedule';
import type { DiaryLesson, DiaryWeek } from '../../../shared/diary/week';
import { html, query, raw, type Html } from '../html';
import { childPath, page, type PageFrame } from './layout';

function markClass(value: string): string {
  const digit = value.charAt(0);
  return /[1-5]/.test(digit) ? `mark m${digit}` : 'mark';
}

function lessonHtml(l: DiaryLesson): Html {
  const marks = l.marks.map(
    (m) =>
      html`<span class="${markClass(m.value)}" title="${m.workType}, вес ${m.weight}"
          >${m.value}</span
        ><span class="why"
          >${m.workType}, вес ${m.weight}${m.comment ? html` — ${m.comment}` : ''}</span
        > `,
  );
  const attendance = l.attendance
    ? html`<span class="mark absent">${l.attendance.code}</span
        ><span class="why">${l.attendance.label}</span>`
    : '';
  return html`<div class="lesson${l.cancelled ? ' cancelled' : ''}">
    <div class="num"><b>${l.slot}</b>${l.time}</div>
    <div class="body">
      <div class="subj">
        ${l.subject}${l.isTest ? html`<span class="badge test">${l.lessonType ?? 'контрольная'}</span>` : l.lessonType ? html`<span class="badge">${l.lessonType}</span>` : ''}${l.cancelled ? html`<span class="badge">урок отменён</span>` : ''}
      </div>
      <div class="meta">
        ${l.substitute ? html`Замена: ${l.substitute} (вместо ${l.teacher})` : l.teacher}
      </div>
      ${l.topic ? html`<div class="topic"><b>Тема:</b> ${l.topic}</div>` : ''}${l.homework ? html`<div class="hw"><b>Домашнее задание:</b> ${l.homework}</div>` : ''}${marks.length > 0 || attendance ? html`<div class="marks">${marks}${attendance}</div>` : ''}
    </div>
  </div>`;
}

export function weekPage(
  frame: PageFrame,
  studentId: string,
  week: DiaryWeek,
  today: string,
): string {
  const base = childPath(studentId, 'week');
  const pager = html`<div class="pager">
    <a href="${base}${query({ week: week.prevStart })}">← Прошлая</a
    >${week.containsToday ? html`<span>Эта неделя</span>` : html`<a href="${base}${query({ week: today })}">Сегодня</a>`}<a
      href="${base}${query({ week: week.nextStart })}"
      >Следующая →</a
    >
  </div>`;
  const days = week.days.map(
    (d) =>
      html`<section
        class="day${d.isToday ? ' today' : ''}"
        ${d.isToday ? raw(' id="today"') : ''}
        aria-label="${d.title}"
      >
        <h2>${d.title}${d.isToday ? html` <small>сегодня</small>` : ''}</h2>
        ${d.holiday ? html`<p class="holiday">${d.holiday}</p>` : ''}${d.lessons.length === 0 && !d.holiday ? html`<p class="empty">Уроков нет</p>` : ''}${d.lessons.map(lessonHtml)}
      </section>`,
  );
  return page(
    { ...frame, title: `Неделя ${week.label}`, section: 'week' },
    html`<h1>Неделя ${week.label}</h1>
      ${pager}${days}${pager}`,
  );
}

export function marksPage(
  frame: PageFrame,
  studentId: string,
  view: DiaryPeriodView,
  rules: string[],
): string {
  const base = childPath(studentId, 'marks');
  const periods = html`<p class="pager">
    ${view.periods.map((p) =>
      p.id === view.periodId
        ? html`<strong>${p.name}</strong>`
        : html`<a href="${base}${query({ period: p.id })}">${p.name}</a>`,
    )}
  </p>`;
  const cards = view.subjects.map((s) => {
    const resultLabel =
      s.result.kind === 'set'
        ? 'Отметка за период'
        : s.result.kind === 'forecast'
          ? 'Предложение'
          : s.result.kind === 'deferred'
            ? 'Отметка'
            : '';
    return html`<section class="card" aria-label="${s.subject}">
      <h2>
        <span>${s.subject}</span
        ><span class="res"
          >${resultLabel ? html`${resultLabel}: ` : ''}<strong>${s.result.text}</strong></span
        >
      </h2>
      <div class="meta">
        ${s.teacher} · средний балл
        ${s.average}${s.classAverage ? html` · в классе ${s.classAverage}` : ''} · пропущено уроков:
        ${s.lessonsMissed} из ${s.lessonsHeld}
      </div>
      <div class="marks">
        ${s.marks.length === 0 ? html`<span class="empty">Отметок пока нет</span>` : s.marks.map((m) => html`<span class="${markClass(m.value)}" title="${m.date}: ${m.workType}, вес ${m.weight}">${m.value}</span>`)}
      </div>
      ${
        s.explanation.length > 0
          ? html`<details>
              <summary>
                ${s.result.kind === 'set' ? 'Как получен результат' : 'Как получено предложение'}
              </summary>
              ${s.explanation.map((line) => html`<p>${line}</p>`)}${s.marks.length > 0 ? html`<p>${s.marks.map((m) => html`${m.date} — ${m.value} (${m.workType.toLowerCase()}, вес ${m.weight})${m.comment ? html`: ${m.comment}` : ''}`).map((x, i) => (i === 0 ? x : html`; ${x}`))}.</p>` : ''}
            </details>`
          : ''
      }
    </section>`;
  });
  const a = view.absences;
  return page(
    { ...frame, title: `Отметки: ${view.periodName}`, section: 'marks' },
    html`<h1>Отметки: ${view.periodName}</h1>
      ${periods}
      <p class="meta">
        ${formatDate(view.from)} – ${formatDate(view.to)}; учтены уроки по
        ${formatDate(view.until)}. Предложение отметки считается по тем же правилам, что и в журнале
        учителя; отметку за период выставляет учитель.
      </p>
      ${cards}
      <section class="card">
        <h2>Пропуски за период</h2>
        <p>
          Пропущено уроков: ${a.lessonsMissed} (${ABSENCE_REASON_LABELS.illness} —
          ${a.byReason.illness}, ${ABSENCE_REASON_LABELS.excused} — ${a.byReason.excused},
          ${ABSENCE_REASON_LABELS.unexcused} — ${a.byReason.unexcused}); дней целиком:
          ${a.daysMissed}; опозданий: ${a.lateCount}.
        </p>
      </section>
      <details>
        <summary>Правила школы для предложения отметки</summary>
        ${rules.map((r) => html`<p>${r}</p>`)}
      </details>`,
  );
}

export function resultsPage(frame: PageFrame, results: DiaryResults): string {
  const notes = results.rows.flatMap((r) => r.notes.map((n) => `${r.subject} — ${n}`));
  return page(
    { ...frame, title: 'Итоговые отметки', section: 'results' },
    html`<h1>Отметки за периоды и итоговые</h1>
      ${results.anySet ? '' : html`<p class="empty">Отметки за периоды ещё не выставлены.</p>`}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Предмет</th>
              ${results.columns.map((c) => html`<th>${c.name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${results.rows.map(
              (r) =>
                html`<tr>
                  <td>${r.subject}</td>
                  ${r.cells.map((c) => html`<td class="c">${c}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        notes.length > 0
          ? html`<h2>Отсрочки</h2>
              ${notes.map((n) => html`<p>${n}</p>`)}`
          : ''
      }
      <p class="note">Отметка появляется здесь, как только учитель её выставил.</p>`,
  );
}

export function schedulePage(frame: PageFrame, s: DiarySchedule): string {
  const tests = s.tests.map((t) => {
    const text =
      t.topic && t.topic.toLowerCase().includes(t.kind.toLowerCase())
        ? t.topic
        : t.topic
          ? `${t.kind}: ${t.topic}`
          : t.kind;
    return html`<li${t.past ? raw(' class="past"') : ''}><div class="meta">${t.day}${t.past ? ' · прошла' : ''}</div><div><b>${t.subject}</b> — ${text}</div></li>`;
  });
  return page(
    { ...frame, title: 'Расписание', section: 'schedule' },
    html`<h1>Контрольные работы: ${s.periodName}</h1>
      ${
        s.tests.length === 0
          ? html`<p class="empty">Контрольных работ в этом периоде не запланировано.</p>`
          : html`<ul class="log">
              ${tests}
            </ul>`
      }
      <p class="note">Уроки по дням с заменами и отменами — в разделе «Неделя».</p>
      <h2>Каникулы и выходные</h2>
      <ul class="log">
        ${s.holidays.map((h) => html`<li${h.current ? raw(' aria-current="true"') : ''}><b>${h.name}</b>${h.current ? ' (сейчас)' : ''}<div class="meta">${h.dates}</div></li>`)}
      </ul>
      <h2>Учителя</h2>
      <ul class="log">
        ${s.teachers.map(
          (t) =>
            html`<li>
              <div class="meta">${t.subject}</div>
              <div>${t.name}${t.position ? html`, ${t.position}` : ''}</div>
            </li>`,
        )}
      </ul>
      ${
        s.bells.length > 0
          ? html`<h2>Звонки</h2>
              <ul class="log bells">
                ${s.bells.map((b) => html`<li>${b.slot} урок: ${b.time}</li>`)}
              </ul>`
          : ''
      }`,
  );
}

export interface ChangeRow {
  at: string;
  who: string;
  what: string;
}

export interface ViewerRow {
  who: string;
  count: number;
  last: string;
}

export function changesPage(
  frame: PageFrame,
  changes: ChangeRow[],
  viewers: ViewerRow[],
  limited: boolean,
): string {
  return page(
    { ...frame, title: 'Кто изменял сведения', section: 'changes' },
    html`<h1>Кто в школе изменял сведения о ребёнке</h1>
      <p class="note">
        Из журнала изменений школьного сервера за этот учебный год: отметки, посещаемость, отметки
        за периоды, карточка ученика, согласия (152-ФЗ, ст. 14).
      </p>
      ${
        changes.length === 0
          ? html`<p class="empty">Изменений нет.</p>`
          : html`<ul class="log">
              ${changes.map(
                (c) =>
                  html`<li>
                    <div class="meta">${c.at} · ${c.who}</div>
                    <div>${c.what}</div>
                  </li>`,
              )}
            </ul>`
      }${limited ? html`<p class="note">Показаны последние изменения; полный список выдаст школа по запросу.</p>` : ''}
      <h2>Кто открывал дневник ребёнка</h2>
      ${
        viewers.length === 0
          ? html`<p class="empty">Пока никто.</p>`
          : html`<ul class="log">
              ${viewers.map(
                (v) =>
                  html`<li>
                    <b>${v.who}</b>
                    <div class="meta">страниц открыто: ${v.count}; последний раз ${v.last}</div>
                  </li>`,
              )}
            </ul>`
      }`,
  );
}
