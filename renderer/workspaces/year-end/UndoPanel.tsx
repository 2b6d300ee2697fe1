// The undo of the last year transition, offered while the new year has not started: what it
// removes (counted by the server), a confirmation, then the finished year is current and open
// again. The server refuses it in Russian once anything was entered in the new year.
import { useState } from 'react';
import { formatDate } from '../../../shared/dates';
import type { PastYear } from '../../../shared/school-years';
import type { YearUndoResult } from '../../../shared/year-end/plan';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { requestErrorText } from '../timetable/api';
import type { yearEndApi } from './api';

interface Props {
  past: PastYear;
  yearName: string;
  api: ReturnType<typeof yearEndApi>;
  onUndone: (result: YearUndoResult) => void;
}

export function UndoPanel({ past, yearName, api, onUndone }: Props) {
  const [preview, setPreview] = useState<YearUndoResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (mode: 'preview' | 'commit') => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.undo(mode);
      if (mode === 'preview') setPreview(result);
      else {
        setPreview(null);
        onUndone(result);
      }
    } catch (e) {
      setPreview(null);
      setError(requestErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const c = preview?.counts;
  return (
    <section className="timetable-draft year-end-undo" aria-label="Отмена перехода">
      <p>
        Переход с {past.year.name} на {yearName} выполнен {formatDate(past.closedAt.slice(0, 10))}{' '}
        (приказ № {past.order.number} от {formatDate(past.order.date)}). Пока учебный год {yearName}{' '}
        не начался и в его журнале ничего не записано, переход можно отменить.
      </p>
      <div className="school-actions">
        <button type="button" disabled={busy} onClick={() => void run('preview')}>
          Отменить переход…
        </button>
      </div>
      {error && (
        <p className="timetable-problems" role="alert">
          {error}
        </p>
      )}
      {preview && c && (
        <ConfirmDialog
          title={`Отменить переход на ${preview.removed}?`}
          confirmLabel="Отменить переход"
          danger
          onCancel={() => setPreview(null)}
          onConfirm={() => void run('commit')}
        >
          Учебный год {preview.reopened} снова станет текущим и открытым для изменений. Будут
          удалены классы {preview.removed} ({c.classes}), учебный план ({c.courses}), расписание (
          {c.timetables}), уроки ({c.lessons}) и отсрочки по задолженностям ({c.periodMarks});
          ученики ({c.students}) вернутся в свои классы {preview.reopened}.
        </ConfirmDialog>
      )}
    </section>
  );
}
