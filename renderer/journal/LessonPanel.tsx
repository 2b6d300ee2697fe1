// The right page of the paper journal for the selected lesson: topic, homework, type, status and
// the teacher who held it. Every input event is written at once, so a crash loses no typing.
import { useEffect, useRef, useState } from 'react';
import { fullName } from '../../shared/common';
import { LESSON_TYPE_LABELS, LessonTypeSchema, type Lesson } from '../../shared/lesson';
import { RIGHTS_REFUSALS } from '../../shared/lesson-rights';
import type { LessonField, LessonFields } from '../data/lesson-repository';
import { useRepositories } from '../data/session';
import { formatDate, weekday, WEEKDAY_SHORT } from '../../shared/dates';
import type { SchoolData } from '../data/use-school-data';
import { TestScheduleWarning } from './TestScheduleWarning';
import {
  describeContents,
  isEmptyLesson,
  lessonContents,
  lessonRemovalRefusal,
} from '../../shared/lesson-contents';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/** A text field that keeps its own value while focused, so remote updates never move the caret. */
function LiveText(props: {
  label: string;
  value: string;
  multiline?: boolean;
  onInput: (value: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(props.value);
  }, [props.value]);
  const common = {
    value: draft,
    onFocus: () => (focused.current = true),
    onBlur: () => {
      focused.current = false;
      setDraft(props.value);
    },
    onChange: (e: { target: { value: string } }) => {
      setDraft(e.target.value);
      props.onInput(e.target.value);
    },
  };
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
    </label>
  );
}

interface Props {
  lesson: Lesson;
  data: SchoolData;
  /** Why the signed-in person may only read this lesson (shared/lesson-rights.ts), or null. */
  readOnly: string | null;
  /** The course teacher and the deputy appoint a substitute; a substitute does not. */
  canAppoint: boolean;
}

export function LessonPanel({ lesson, data, readOnly, canAppoint }: Props) {
  const { lessons: repository } = useRepositories();
  const [error, setError] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState(0);

  const save = <F extends LessonField>(field: F, value: LessonFields[F]) => {
    setInFlight((n) => n + 1);
    repository
      .setLessonField(lesson.id, field, value)
      .then(() => setError(null))
      .catch((e: unknown) => {
        console.error(e);
        setError(`Не сохранено: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => setInFlight((n) => n - 1));
  };

  // «Отменить урок» asks first when the lesson holds anything; «Удалить урок» always asks.
  const [asking, setAsking] = useState<'cancel' | 'remove' | null>(null);
  const contents = lessonContents(lesson);
  const askCancel = () =>
    isEmptyLesson(contents) ? save('status', 'cancelled') : setAsking('cancel');
  const removal = lessonRemovalRefusal(lesson);

  const teacher = data.staff.get(lesson.teacherId);
  const teachers = data.staffList.filter(
    (s) => s.active && (s.roles.includes('teacher') || s.roles.includes('classTeacher')),
  );

  return (
    <section className="lesson-panel" aria-label="Урок">
      <h2>
        Урок {formatDate(lesson.date)} ({WEEKDAY_SHORT[weekday(lesson.date)]}), {lesson.slot}-й урок
      </h2>
      {readOnly && (
        <p className="read-only-notice" role="status">
          {readOnly}: этот урок можно только просматривать.
        </p>
      )}
      <fieldset className="closed-guard" disabled={readOnly !== null}>
        <LiveText label="Тема урока" value={lesson.topic} onInput={(v) => save('topic', v)} />
        <LiveText
          label="Домашнее задание"
          value={lesson.homework}
          multiline
          onInput={(v) => save('homework', v)}
        />
        <label className="field">
          <span>Тип урока</span>
          <select
            value={lesson.lessonType}
            onChange={(e) => save('lessonType', LessonTypeSchema.parse(e.target.value))}
          >
            {LessonTypeSchema.options.map((t) => (
              <option key={t} value={t}>
                {LESSON_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <TestScheduleWarning lesson={lesson} data={data} />
        <label className="field">
          <span>Вид работы по умолчанию</span>
          <select
            value={lesson.workTypeId ?? ''}
            onChange={(e) => save('workTypeId', e.target.value === '' ? null : e.target.value)}
          >
            <option value="">
              По умолчанию школы (
              {
                data.school.policy.workTypes.find(
                  (w) => w.id === data.school.policy.defaultWorkTypeId,
                )?.name
              }
              )
            </option>
            {data.school.policy.workTypes.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} (вес {w.weight})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Учитель (замена)</span>
          <select
            value={lesson.teacherId}
            disabled={!canAppoint}
            title={canAppoint ? undefined : RIGHTS_REFUSALS.appointSubstitute}
            onChange={(e) => save('teacherId', e.target.value)}
          >
            {!teachers.some((t) => t.id === lesson.teacherId) && (
              <option value={lesson.teacherId}>
                {teacher ? fullName(teacher) : lesson.teacherId}
              </option>
            )}
            {teachers.map((t) => (
              <option key={t.id} value={t.id}>
                {fullName(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={lesson.status === 'held'}
            onChange={(e) => (e.target.checked ? save('status', 'held') : askCancel())}
          />
          Урок проведён
        </label>
        {lesson.status === 'held' ? (
          <button type="button" className="danger" onClick={askCancel}>
            Отменить урок
          </button>
        ) : (
          <p className="cancelled-note">Урок отменён: отметки и пропуски в нём не учитываются.</p>
        )}
        {/* Only an empty lesson (added by mistake) can be removed: shared/lesson-contents.ts. */}
        {canAppoint && removal === null && (
          <button
            type="button"
            className="danger"
            title="Удалить урок, добавленный по ошибке (в нём ничего нет)"
            onClick={() => setAsking('remove')}
          >
            Удалить урок
          </button>
        )}
      </fieldset>
      {asking === 'cancel' && (
        <ConfirmDialog
          title={`Отменить урок ${formatDate(lesson.date)}, ${lesson.slot}-й урок?`}
          confirmLabel="Отменить урок"
          danger
          onConfirm={() => {
            setAsking(null);
            save('status', 'cancelled');
          }}
          onCancel={() => setAsking(null)}
        >
          <p>В уроке: {describeContents(contents)}.</p>
          <p>
            Отметки и пропуски останутся в журнале, но не будут учитываться в средних баллах,
            предложениях и отчётах. Вернуть урок: отметить «Урок проведён».
          </p>
        </ConfirmDialog>
      )}
      {asking === 'remove' && (
        <ConfirmDialog
          title={`Удалить урок ${formatDate(lesson.date)}, ${lesson.slot}-й урок?`}
          confirmLabel="Удалить урок"
          danger
          onConfirm={() => {
            setAsking(null);
            repository
              .removeLesson(lesson.id)
              .catch((e: unknown) =>
                setError(`Не удалено: ${e instanceof Error ? e.message : String(e)}`),
              );
          }}
          onCancel={() => setAsking(null)}
        >
          <p>
            Урок исчезнет из журнала. Урок на эту дату с этим номером потом добавить нельзя:
            удаляйте только урок, добавленный по ошибке.
          </p>
        </ConfirmDialog>
      )}
      <p className="save-state" role="status" data-saving={inFlight > 0}>
        {inFlight > 0 ? 'Сохраняем…' : 'Все изменения сохранены на этом компьютере'}
      </p>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
