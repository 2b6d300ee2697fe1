// The report of a compromise marking: what was undone (where, the value written with the account →
// the value restored, device, time), what colleagues changed later and stays, documents created.
import type { CompromiseReport } from './api';
import { dateTime, deviceText, valueText } from './format';

/** "7А, Математика, урок 12.11.2026 (2-й), Иванова М. П.: отметки" → [where, what]. */
export function splitLabel(label: string): [string, string] {
  const i = label.lastIndexOf(': ');
  return i < 0 ? [label, ''] : [label.slice(0, i), label.slice(i + 2)];
}

const ACTIONS: Record<string, string> = {
  cancelled: 'урок отменён',
  cleared: 'отметки удалены',
  removed: 'удалено',
  manual: 'проверить вручную',
};

export function CompromiseReportView(props: { report: CompromiseReport; onClose: () => void }) {
  const { report } = props;
  return (
    <section className="compromise-report" aria-labelledby="compromise-report-title">
      <header>
        <h3 id="compromise-report-title">
          Отчёт № {report.id}: учётная запись «{report.login}»
          {report.displayName ? ` (${report.displayName})` : ''} скомпрометирована
        </h3>
        <button type="button" onClick={props.onClose}>
          Закрыть отчёт
        </button>
      </header>
      <p>
        Недействительны все действия с <b>{dateTime(report.since, true)}</b>. Отметил(а):{' '}
        {report.by.name ?? report.by.login ?? '—'}, {dateTime(report.createdAt, true)}.
      </p>
      <p>
        Отключено устройств: {report.revokedDevices}, сеансов: {report.revokedTokens}.{' '}
        {report.passwordVoided
          ? 'Пароль аннулирован: войти можно будет только с новым паролем, который задаст администратор.'
          : 'Пароль уже был аннулирован ранее.'}
      </p>

      <h4>Отменено изменений: {report.undone.length}</h4>
      {report.undone.length === 0 ? (
        <p className="accounts-empty">
          После указанного момента с этой учётной записи ничего не менялось.
        </p>
      ) : (
        <table className="accounts-table" aria-label="Отменённые изменения">
          <thead>
            <tr>
              <th>Где</th>
              <th>Что</th>
              <th>Было записано</th>
              <th>Восстановлено</th>
              <th>Устройство</th>
              <th>Время</th>
            </tr>
          </thead>
          <tbody>
            {report.undone.map((c) => {
              const [where, what] = splitLabel(c.label);
              return (
                <tr key={`${c.collection}/${c.docId}/${c.path}/${c.seq}`}>
                  <td>{where}</td>
                  <td>{what}</td>
                  <td className="value compromised">{valueText(c.compromisedValue)}</td>
                  <td className="value">{valueText(c.restoredValue)}</td>
                  <td>{deviceText(c.device)}</td>
                  <td>{dateTime(c.at, true)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h4>Оставлены изменения других сотрудников: {report.kept.length}</h4>
      {report.kept.length === 0 ? (
        <p className="accounts-empty">Нет: никто не менял эти записи позже.</p>
      ) : (
        <table className="accounts-table" aria-label="Оставленные изменения других сотрудников">
          <thead>
            <tr>
              <th>Где</th>
              <th>Что</th>
              <th>Было записано</th>
              <th>Изменил(а) потом</th>
              <th>Оставлено</th>
              <th>Время</th>
            </tr>
          </thead>
          <tbody>
            {report.kept.map((c) => {
              const [where, what] = splitLabel(c.label);
              return (
                <tr key={`${c.collection}/${c.docId}/${c.path}/${c.seq}`}>
                  <td>{where}</td>
                  <td>{what}</td>
                  <td className="value compromised">{valueText(c.compromisedValue)}</td>
                  <td>{c.by.name ?? c.by.login ?? '—'}</td>
                  <td className="value">{valueText(c.keptValue)}</td>
                  <td>{dateTime(c.at, true)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {report.created.length > 0 && (
        <>
          <h4>Записи, созданные с этой учётной записи: {report.created.length}</h4>
          <ul>
            {report.created.map((d) => (
              <li key={`${d.collection}/${d.docId}`}>
                {d.label} — {ACTIONS[d.action] ?? d.action}
                {d.note ? `: ${d.note}` : ''} ({deviceText(d.device)}, {dateTime(d.at, true)})
              </li>
            ))}
          </ul>
        </>
      )}
      {report.alreadyUndone > 0 && <p>Уже отменено прежними отметками: {report.alreadyUndone}.</p>}
      <p className="accounts-hint">
        Верные отметки, которые владелец поставил после этого момента, отменены вместе с чужими: их
        нужно внести заново по этому отчёту.
      </p>
    </section>
  );
}
