// «Расписание классов»: a class's weekly timetable of the version in force (or another one chosen
// from the list of versions with their «действует с» dates), the editor that saves a new version
// from a date, the drafts (next year's copy) the deputy reviews and puts in force for the class or
// for every class, and the class's lessons a change left outside the timetable while they hold data.
import { useMemo, useState } from 'react';
import { formatDate, todayIso } from '../../../shared/dates';
import { compareLessons } from '../../../shared/lesson';
import { holdsData } from '../../../shared/lesson-regeneration';
import type { SetupContext } from '../../../shared/setup/context';
import { compareClasses } from '../../../shared/school-class';
import { timetableAt, versionsOfClass, type Timetable } from '../../../shared/timetable';
import { WEEKDAY_SHORT } from '../../../shared/bells';
import type { SchoolData } from '../../data/use-school-data';
import { useClassLessonsFrom, type TimetableData } from '../../data/use-timetables';
import type { ActiveSession } from '../../sync/session-store';
import { ClassSelect } from '../../ui/ClassSelect';
import { requestErrorText, scheduleApi } from './api';
import { courseNames, type CourseNames } from './schedule-names';
import { gridFromCells, gridSlots, slotKey, WEEKDAYS } from './timetable-grid';
import { TimetableEditor } from './TimetableEditor';

interface Props {
  data: SchoolData;
  tt: TimetableData;
  ctx: SetupContext;
  /** The school server's session; null when the journal works without one. */
  session: ActiveSession | null;
}

const SOURCE_LABELS: Record<Timetable['source'], string> = {
  manual: 'вручную',
  asc: 'из aSc Timetables',
  table: 'из таблицы',
  demo: 'пример',
};

export function WeekTab({ data, tt, ctx, session }: Props) {
  const classes = useMemo(() => [...data.classes.values()].sort(compareClasses), [data]);
  const [classId, setClassId] = useState(classes[0]?.id ?? '');
  const [versionId, setVersionId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = todayIso();
  const names = useMemo(() => courseNames(data), [data]);
  const yearId = data.school.year.id;
  const versions = useMemo(
    () => versionsOfClass(tt.timetables, classId, yearId),
    [tt.timetables, classId, yearId],
  );
  const drafts = useMemo(
    () => tt.timetables.filter((t) => t.yearId === yearId && t.draft),
    [tt.timetables, yearId],
  );
  const classDrafts = drafts.filter((t) => t.classId === classId);
  const inForce = timetableAt(tt.timetables, classId, yearId, today) ?? versions[0];
  const shown =
    [...versions, ...classDrafts].find((v) => v.id === versionId) ?? inForce ?? classDrafts[0];
  const cls = data.classes.get(classId);

  /** After set-up corrections: the class's lessons from today follow the timetable again. */
  const regenerate = async (server: ActiveSession, name: string) => {
    setBusy(true);
    setNotice(null);
    try {
      const r = await scheduleApi(server).regenerate([classId], today);
      setNotice(
        `Уроки ${name} класса с ${formatDate(today)} сверены с расписанием: создано ${r.created}, удалено пустых ${r.removed}, не по расписанию ${r.flagged}.`,
      );
    } catch (e) {
      setNotice(requestErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  /** Drafts put in force on the server: of this class, or of every class. */
  const publish = async (server: ActiveSession, all: boolean) => {
    setBusy(true);
    setNotice(null);
    try {
      const r = await scheduleApi(server).publish(all ? undefined : [classId]);
      setVersionId(null);
      setNotice(
        `Расписание введено в действие: ${r.classes.join(', ')}. Создано уроков: ${r.lessons.created}.`,
      );
    } catch (e) {
      setNotice(requestErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  const chooseClass = (id: string) => {
    setClassId(id);
    setVersionId(null);
    setEditing(false);
    setNotice(null);
  };

  if (!cls) return <p className="timetable-empty">В школе пока нет классов.</p>;
  return (
    <div className="school-tab week-tab">
      <div className="school-actions">
        <ClassSelect classes={classes} value={classId} onChange={chooseClass} />
        {!editing && (
          <button type="button" className="primary" onClick={() => setEditing(true)}>
            Изменить расписание…
          </button>
        )}
        {!editing && session && shown && (
          <button
            type="button"
            disabled={busy}
            title="Если уроки в журнале разошлись с расписанием (например, после исправления каникул или учителей курсов). Уроки с записями не удаляются."
            onClick={() => void regenerate(session, cls.name)}
          >
            Сверить уроки с расписанием
          </button>
        )}
      </div>
      {!editing && classDrafts.length > 0 && (
        <div className="timetable-draft" role="note">
          <p>
            Черновик расписания {cls.name} класса с {formatDate(classDrafts[0]!.validFrom)} не
            действует: уроков по нему в журнале нет. Проверьте его и введите в действие — уроки
            появятся у учителей.
          </p>
          {session ? (
            <div className="school-actions">
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void publish(session, false)}
              >
                Ввести в действие расписание {cls.name}
              </button>
              {drafts.length > classDrafts.length && (
                <button type="button" disabled={busy} onClick={() => void publish(session, true)}>
                  Ввести в действие все черновики ({drafts.length})
                </button>
              )}
            </div>
          ) : (
            <p className="timetable-offline">Доступно при подключении к серверу школы</p>
          )}
        </div>
      )}
      {notice && (
        <p className="timetable-notice" role="status">
          {notice}
        </p>
      )}
      {editing ? (
        <TimetableEditor
          key={`${classId}|${shown?.id ?? ''}`}
          data={data}
          ctx={ctx}
          classId={classId}
          base={shown ?? null}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            setVersionId(saved.id);
            setNotice(
              session
                ? `Расписание ${cls.name} класса с ${formatDate(saved.validFrom)} сохранено. Уроки с этой даты сервер школы пересоздаст по новому расписанию; уроки с отметками, темой или заданием останутся.`
                : `Расписание ${cls.name} класса с ${formatDate(saved.validFrom)} сохранено на этом компьютере. Уроки по нему создаёт сервер школы: журнал сейчас работает без сервера.`,
            );
          }}
        />
      ) : (
        <>
          <VersionList
            versions={[...versions, ...classDrafts]}
            shownId={shown?.id ?? null}
            inForceId={inForce?.id ?? null}
            onShow={setVersionId}
          />
          {shown ? (
            <>
              <h2>
                {cls.name} класс: {shown.name || 'расписание'}{' '}
                <small>
                  {shown.draft ? 'черновик с' : 'действует с'} {formatDate(shown.validFrom)}
                </small>
              </h2>
              <WeekGrid version={shown} ctx={ctx} names={names} tt={tt} />
            </>
          ) : (
            <p className="timetable-empty">
              У {cls.name} класса нет расписания. Загрузите его из файла программы составления
              расписания или составьте здесь («Изменить расписание…»).
            </p>
          )}
        </>
      )}
      <OffTimetableLessons
        key={`${classId}|${data.school.year.start}`}
        classId={classId}
        data={data}
        names={names}
        tt={tt}
      />
    </div>
  );
}

function VersionList({
  versions,
  shownId,
  inForceId,
  onShow,
}: {
  versions: Timetable[];
  shownId: string | null;
  inForceId: string | null;
  onShow: (id: string) => void;
}) {
  if (versions.length === 0) return null;
  return (
    <table className="report-table timetable-versions" aria-label="Версии расписания">
      <thead>
        <tr>
          <th>Действует с</th>
          <th>Название</th>
          <th>Откуда</th>
          <th>Уроков в неделю</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id} className={v.id === shownId ? 'shown' : undefined}>
            <td>{formatDate(v.validFrom)}</td>
            <td>
              {v.name}
              {v.id === inForceId && <strong className="in-force"> — действует сейчас</strong>}
              {v.draft && <strong className="draft"> — черновик</strong>}
            </td>
            <td>{SOURCE_LABELS[v.source]}</td>
            <td className="num">{v.cells.length}</td>
            <td>
              {v.id === shownId ? (
                'показано'
              ) : (
                <button type="button" onClick={() => onShow(v.id)}>
                  Показать
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The week as a table: lesson numbers down, weekdays across; a split subject's groups share a cell. */
function WeekGrid({
  version,
  ctx,
  names,
  tt,
}: {
  version: Timetable;
  ctx: SetupContext;
  names: CourseNames;
  tt: TimetableData;
}) {
  const grid = useMemo(() => gridFromCells(version.cells), [version]);
  const slots = gridSlots(ctx.school, version.cells);
  const courses = useMemo(() => new Map(tt.courses.map((c) => [c.id, c])), [tt.courses]);
  const days = WEEKDAYS.filter((d) => d < 6 || version.cells.some((c) => c.weekday === 6));
  const titleOf = (courseId: string) => {
    const course = courses.get(courseId);
    return course ? names.title(course) : courseId;
  };
  const byTitle = (a: { courseId: string }, b: { courseId: string }) =>
    titleOf(a.courseId).localeCompare(titleOf(b.courseId), 'ru', { numeric: true });
  return (
    <div className="report-table-wrap">
      <table className="week-grid" aria-label="Расписание на неделю">
        <thead>
          <tr>
            <th>Урок</th>
            {days.map((d) => (
              <th key={d}>{WEEKDAY_SHORT[d]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slots.map((slot) => (
            <tr key={slot}>
              <th>{slot}</th>
              {days.map((d) => (
                <td key={d} data-slot={slotKey(d, slot)}>
                  {/* Group courses of one lesson in their groups' order (1 группа, 2 группа). */}
                  {[...(grid[slotKey(d, slot)] ?? [])].sort(byTitle).map((e) => {
                    const course = courses.get(e.courseId);
                    return (
                      <div key={e.courseId} className="week-entry">
                        <span className="subject">
                          {course ? names.title(course) : `курс ${e.courseId}`}
                        </span>
                        <span className="who">
                          {course ? names.teacher(course.teacherId) : ''}
                          {e.room ? `, ${e.room}` : ''}
                        </span>
                      </div>
                    );
                  })}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Lessons kept outside the timetable because they hold data: their teacher moves or cancels them. */
function OffTimetableLessons({
  classId,
  data,
  names,
  tt,
}: {
  classId: string;
  data: SchoolData;
  names: CourseNames;
  tt: TimetableData;
}) {
  const lessons = useClassLessonsFrom(classId, data.school.year.start);
  const courses = useMemo(() => new Map(tt.courses.map((c) => [c.id, c])), [tt.courses]);
  const flagged = useMemo(
    () => (lessons ?? []).filter((l) => l.offTimetable && l.status === 'held').sort(compareLessons),
    [lessons],
  );
  if (flagged.length === 0) return null;
  return (
    <section className="off-timetable">
      <h2>
        Уроки не по расписанию <small>{flagged.length}</small>
      </h2>
      <p>
        Расписание изменилось, а в этих уроках уже есть записи, поэтому они сохранены. Учитель
        переносит такой урок или отменяет его.
      </p>
      <table className="report-table" aria-label="Уроки не по расписанию">
        <thead>
          <tr>
            <th>Дата</th>
            <th>Урок</th>
            <th>Предмет</th>
            <th>Учитель</th>
            <th>Что записано</th>
            <th>Не по расписанию с</th>
          </tr>
        </thead>
        <tbody>
          {flagged.map((l) => {
            const course = courses.get(l.courseId);
            const marks = Object.values(l.entries).reduce((n, e) => n + e.marks.length, 0);
            const what = [
              marks > 0 ? `отметок: ${marks}` : '',
              l.topic.trim() ? 'тема' : '',
              l.homework.trim() ? 'задание' : '',
              marks === 0 && holdsData(l) && !l.topic.trim() && !l.homework.trim()
                ? 'посещаемость'
                : '',
            ].filter(Boolean);
            return (
              <tr key={l.id}>
                <td>{formatDate(l.date)}</td>
                <td className="num">{l.slot}</td>
                <td>{course ? names.title(course) : l.courseId}</td>
                <td>{names.teacher(l.teacherId)}</td>
                <td>{what.join(', ') || '—'}</td>
                <td>{formatDate(l.offTimetable!.since)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
