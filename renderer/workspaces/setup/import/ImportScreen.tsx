// «Загрузка списков»: students with their guardians (the class lists) or staff from a CSV or XLSX
// file the secretary exported. The school server checks every row (POST /api/v1/school/import/…,
// the same planner as the admin console): the preview shows what would be loaded and each row's
// error in Russian; only a file with no errors can be loaded, all rows at once or none.
import { useMemo, useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/school-setup-api';
import { apiRequest, SyncError } from '../../../sync/api';
import type { ActiveSession } from '../../../sync/session-store';
import { useSyncClient } from '../../../sync/sync-context';
import './import.css';

export type PeopleImportKind = 'roster' | 'staff';

const KINDS: Record<PeopleImportKind, { label: string; columns: string; noun: string }> = {
  roster: {
    label: 'Ученики и родители',
    columns:
      'Фамилия; Имя; Отчество; Пол (М/Ж); Дата рождения (ДД.ММ.ГГГГ); Класс (5А); Родитель ФИО; Телефон; Адрес',
    noun: 'учеников',
  },
  staff: {
    label: 'Сотрудники',
    columns:
      'Фамилия; Имя; Отчество; Должность; Роли (через запятую: учитель, классный руководитель, завуч, администратор)',
    noun: 'сотрудников',
  },
};

/** The largest file the server takes (server/domain/school/routes.ts). */
const MAX_BYTES = 10 * 1024 * 1024;

type State =
  | { name: 'idle' }
  | { name: 'busy'; text: string }
  | { name: 'preview'; result: ImportResult }
  | { name: 'done'; result: ImportResult }
  | { name: 'failed'; message: string };

export function ImportScreen() {
  const client = useSyncClient();
  if (!client) {
    return (
      <section className="import-screen">
        <h2>Загрузка списков</h2>
        <p>Доступно при подключении к серверу школы</p>
      </section>
    );
  }
  return <ImportPanel session={client.session} />;
}

function sendImport(
  session: ActiveSession,
  kind: PeopleImportKind,
  mode: 'preview' | 'commit',
  bytes: Uint8Array,
): Promise<ImportResult> {
  return apiRequest<ImportResult>(session.serverUrl, `/api/v1/school/import/${kind}?mode=${mode}`, {
    method: 'POST',
    token: session.token,
    bytes,
  });
}

function errorText(error: unknown): string {
  if (error instanceof SyncError) {
    if (error.status === 403) return 'Списки загружает заместитель директора или администратор';
    return error.message;
  }
  return 'Не удалось отправить файл на сервер школы';
}

function ImportPanel({ session }: { session: ActiveSession }) {
  const [kind, setKind] = useState<PeopleImportKind>('roster');
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [state, setState] = useState<State>({ name: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  const check = async (bytes: Uint8Array, forKind: PeopleImportKind) => {
    setState({ name: 'busy', text: 'Проверяем файл…' });
    try {
      setState({ name: 'preview', result: await sendImport(session, forKind, 'preview', bytes) });
    } catch (e) {
      setState({ name: 'failed', message: errorText(e) });
    }
  };

  const choose = async (picked: File | undefined) => {
    if (!picked) return;
    if (picked.size > MAX_BYTES) {
      setFile(null);
      return setState({ name: 'failed', message: 'Файл больше 10 МБ: это не список школы' });
    }
    const bytes = new Uint8Array(await picked.arrayBuffer());
    setFile({ name: picked.name, bytes });
    await check(bytes, kind);
  };

  const commit = async () => {
    if (!file) return;
    setState({ name: 'busy', text: 'Загружаем…' });
    try {
      const result = await sendImport(session, kind, 'commit', file.bytes);
      setState(result.committed ? { name: 'done', result } : { name: 'preview', result });
    } catch (e) {
      setState({ name: 'failed', message: errorText(e) });
    }
  };

  const changeKind = (next: PeopleImportKind) => {
    setKind(next);
    if (file) void check(file.bytes, next);
  };

  const again = () => {
    setFile(null);
    setState({ name: 'idle' });
    if (input.current) input.current.value = '';
  };

  return (
    <section className="import-screen">
      <h2>Загрузка списков</h2>
      <fieldset className="import-kind">
        <legend>Что загрузить</legend>
        {(Object.keys(KINDS) as PeopleImportKind[]).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="import-kind"
              checked={kind === k}
              onChange={() => changeKind(k)}
            />
            {KINDS[k].label}
          </label>
        ))}
      </fieldset>
      <p className="import-columns">
        Таблица CSV (Excel: «Сохранить как → CSV», в любой кодировке) или XLSX. Первая строка —
        заголовки: {KINDS[kind].columns}.
      </p>
      {/* The native file button speaks the system's language: a Russian one stands in for it. */}
      <label className="import-file">
        Файл со списком
        <span className="import-file-row">
          <span className="import-file-button" aria-hidden="true">
            Выбрать файл…
          </span>
          <span className="import-file-name">{file?.name ?? 'файл не выбран'}</span>
        </span>
        <input
          ref={input}
          type="file"
          className="import-file-input"
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {state.name === 'busy' && <p className="loading">{state.text}</p>}
      {state.name === 'failed' && <p role="alert">{state.message}</p>}
      {state.name === 'preview' && file && (
        <Preview
          kind={kind}
          fileName={file.name}
          result={state.result}
          onCommit={() => void commit()}
          onAgain={again}
        />
      )}
      {state.name === 'done' && (
        <div role="status" className="import-done">
          <p>
            Загружено {KINDS[kind].noun}: {state.result.names.length}. Списки уже в журнале на всех
            компьютерах, подключённых к серверу.
          </p>
          <button type="button" onClick={again}>
            Загрузить ещё один файл
          </button>
        </div>
      )}
    </section>
  );
}

function Preview({
  kind,
  fileName,
  result,
  onCommit,
  onAgain,
}: {
  kind: PeopleImportKind;
  fileName: string;
  result: ImportResult;
  onCommit: () => void;
  onAgain: () => void;
}) {
  const ok = result.errors.length === 0;
  const encoding = result.format === 'CSV' ? `, кодировка ${encodingLabel(result.encoding)}` : '';
  const names = useMemo(() => result.names.slice(0, 500), [result.names]);
  return (
    <div className="import-preview">
      <p>
        Файл «{fileName}»: {result.format}
        {encoding}. Строк без ошибок: <b>{result.names.length}</b>, строк с ошибками:{' '}
        <b>{result.errors.length}</b>.
      </p>
      {!ok && (
        <>
          <p role="alert">
            В файле есть ошибки: ничего не загружено. Исправьте эти строки в таблице и выберите файл
            снова.
          </p>
          <ul className="import-errors" aria-label="Ошибки в строках">
            {result.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
      {result.warnings.length > 0 && (
        <ul className="import-warnings" aria-label="Предупреждения">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {names.length > 0 && (
        <details open={ok}>
          <summary>
            {kind === 'roster' ? 'Ученики' : 'Сотрудники'}, которые будут загружены (
            {result.names.length})
          </summary>
          <ol className="import-names" aria-label="Будут загружены">
            {names.map((n, i) => (
              <li key={`${i}-${n}`}>{n}</li>
            ))}
          </ol>
        </details>
      )}
      <div className="import-actions">
        <button type="button" className="primary" disabled={!ok} onClick={onCommit}>
          Загрузить ({result.names.length})
        </button>
        <button type="button" onClick={onAgain}>
          Выбрать другой файл
        </button>
      </div>
    </div>
  );
}

function encodingLabel(encoding: string): string {
  const names: Record<string, string> = {
    'utf-8': 'UTF-8',
    'windows-1251': 'Windows-1251',
    'koi8-r': 'KOI8-R',
    'utf-16le': 'UTF-16',
    'utf-16be': 'UTF-16',
  };
  return names[encoding] ?? encoding;
}
