// «Загрузка из файла»: a timetable program's export (aSc Timetables XML, or the XLSX/CSV table of
// docs/TIMETABLE-IMPORT.md) sent to the server for a preview — its row errors, what it adds and the
// lessons it creates and removes — then committed all or nothing once the deputy confirms.
import { useState } from 'react';
import { formatDate } from '../../../shared/dates';
import type { ImportResult } from '../../../shared/school-setup-api';
import type { SchoolData } from '../../data/use-school-data';
import type { ActiveSession } from '../../sync/session-store';
import { checkRuDate, RU_DATE_PLACEHOLDER } from '../class/ru-date';
import { requestErrorText, scheduleApi } from './api';
import { lessonCount } from './change-summary';

const MAX_BYTES = 10 * 1024 * 1024;

interface Picked {
  name: string;
  bytes: Uint8Array;
}

export function ImportTab({ session, data }: { session: ActiveSession; data: SchoolData }) {
  const [file, setFile] = useState<Picked | null>(null);
  const [dateText, setDateText] = useState('');
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const date = checkRuDate(dateText, { required: false });
  const api = scheduleApi(session);

  const pick = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    setPreview(null);
    setDone(null);
    setConfirming(false);
    setError(null);
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_BYTES) {
      setFile(null);
      return setError('Файл больше 10 МБ: выгрузите из программы расписание только этого года');
    }
    setFile({ name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) });
  };

  const options = () => ({
    validFrom: date.ok && date.iso ? date.iso : undefined,
    name: name.trim() || undefined,
  });

  const run = async (mode: 'preview' | 'commit') => {
    if (!file || !date.ok) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.importTimetable(file.bytes, { mode, ...options() });
      if (mode === 'preview') setPreview(result);
      else {
        setDone(result);
        setPreview(result.committed ? null : result);
      }
    } catch (e) {
      setError(requestErrorText(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section className="school-tab import-tab">
      <h2>Загрузка расписания из файла</h2>
      <p className="timetable-hint">
        Выгрузка из aSc Timetables («Файл → Экспорт → aSc Timetables XML») или таблица XLSX/CSV со
        столбцами Класс, День недели, Урок, Предмет, Группа, Учитель, Кабинет. Сначала файл
        проверяется; в журнал он попадает целиком или не попадает совсем. Уроки с отметками, темой
        или заданием никогда не удаляются.
      </p>
      <div className="school-actions">
        {/* The browser's own file button speaks the OS language; this one speaks Russian. */}
        <label className="file-pick">
          <input
            type="file"
            aria-label="Файл расписания"
            accept=".xml,.xlsx,.csv,.txt"
            onChange={(e) => void pick(e.currentTarget)}
          />
          <span className="file-pick-button">Выбрать файл…</span>{' '}
          <span className="file-pick-name">{file?.name ?? 'файл не выбран'}</span>
        </label>
        <label>
          Действует с{' '}
          <input
            value={dateText}
            onChange={(e) => {
              setDateText(e.target.value);
              setPreview(null);
            }}
            placeholder={RU_DATE_PLACEHOLDER}
            size={11}
            aria-invalid={!date.ok}
          />
        </label>
        <label>
          Название{' '}
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setPreview(null);
            }}
            placeholder="Основное расписание"
            maxLength={80}
          />
        </label>
        <button
          type="button"
          disabled={!file || !date.ok || busy}
          onClick={() => void run('preview')}
        >
          Проверить файл
        </button>
      </div>
      {!date.ok && (
        <p className="field-error" role="alert">
          {date.error}
        </p>
      )}
      <p className="timetable-hint">
        Без даты: с начала учебного года ({formatDate(data.school.year.start)}), пока в школе нет
        расписания, иначе с сегодняшнего дня.
      </p>
      {busy && <p role="status">Сервер проверяет файл…</p>}
      {error && (
        <p className="timetable-problems" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <ImportPreview
          result={preview}
          busy={busy}
          confirming={confirming}
          onCommit={() => setConfirming(true)}
          onConfirm={() => void run('commit')}
          onCancel={() => setConfirming(false)}
        />
      )}
      {done?.committed && (
        <p className="timetable-notice" role="status">
          Расписание загружено: {done.timetable?.timetables ?? 0} кл. с{' '}
          {formatDate(done.timetable?.validFrom ?? '')}; создано{' '}
          {lessonCount(done.lessons?.created ?? 0)}, удалено {done.lessons?.removed ?? 0}, оставлено
          не по расписанию {done.lessons?.flagged ?? 0}. Учителя увидят уроки после синхронизации.
        </p>
      )}
    </section>
  );
}

function ImportPreview({
  result,
  busy,
  confirming,
  onCommit,
  onConfirm,
  onCancel,
}: {
  result: ImportResult;
  busy: boolean;
  confirming: boolean;
  onCommit: () => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = result.timetable;
  const l = result.lessons;
  return (
    <div className="import-preview">
      <h3>
        Проверка: {result.format}
        {result.encoding ? `, ${result.encoding}` : ''}
      </h3>
      {result.errors.length > 0 && (
        <div className="timetable-problems" role="alert">
          <p>
            Ошибок: {result.errors.length}. Исправьте файл и проверьте снова — пока есть ошибки,
            ничего не загружается.
          </p>
          <ul>
            {result.errors.slice(0, 200).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {result.warnings.length > 0 && (
        <div className="timetable-warnings">
          <p>Предупреждения:</p>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {t && (
        <table className="report-table" aria-label="Что будет загружено">
          <tbody>
            <tr>
              <th>Действует с</th>
              <td>{formatDate(t.validFrom)}</td>
            </tr>
            <tr>
              <th>Классов</th>
              <td>
                {t.timetables}
                {t.replacedVersions > 0 ? ` (заменяется версий: ${t.replacedVersions})` : ''}
              </td>
            </tr>
            <tr>
              <th>Уроков в неделю</th>
              <td>
                {Object.entries(t.lessonsPerWeek)
                  .map(([cls, n]) => `${cls}: ${n}`)
                  .join('; ')}
              </td>
            </tr>
            {t.subjectsAdded.length > 0 && (
              <tr>
                <th>Новые предметы</th>
                <td>{t.subjectsAdded.join(', ')}</td>
              </tr>
            )}
            {t.groupsAdded.length > 0 && (
              <tr>
                <th>Новые группы</th>
                <td>{t.groupsAdded.join(', ')}</td>
              </tr>
            )}
            <tr>
              <th>Курсы</th>
              <td>
                новых {t.coursesCreated}, со сменой учителя {t.coursesRetaught}
              </td>
            </tr>
            {l && (
              <tr>
                <th>Уроки в журнале</th>
                <td>
                  будет создано {l.created}, удалено пустых {l.removed}, останутся не по расписанию
                  (в них есть записи) {l.flagged}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {result.errors.length === 0 && !result.committed && (
        <div className="school-actions">
          {confirming ? (
            <div className="confirm-box" role="alertdialog" aria-label="Подтверждение загрузки">
              <p>
                Загрузить расписание {t ? `с ${formatDate(t.validFrom)}` : ''}? Будет создано{' '}
                {lessonCount(l?.created ?? 0)}
                {l && l.removed > 0 ? `, удалено пустых ${l.removed}` : ''}
                {l && l.flagged > 0 ? `, не по расписанию останутся ${l.flagged}` : ''}.
              </p>
              <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
                Загрузить
              </button>{' '}
              <button type="button" disabled={busy} onClick={onCancel}>
                Отмена
              </button>
            </div>
          ) : (
            <button type="button" className="primary" disabled={busy} onClick={onCommit}>
              Загрузить в журнал…
            </button>
          )}
        </div>
      )}
    </div>
  );
}
