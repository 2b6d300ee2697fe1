// «Пароль скомпрометирован…»: the reported moment (date + time, now by default), what it does, an
// explicit confirmation, then the marking on the server; the report comes back to the tab.
import { useState, type FormEvent } from 'react';
import { adminErrorText, type AdminAccount, type AdminApi, type CompromiseReport } from './api';
import { momentFields, parseMoment } from './format';

interface Props {
  api: AdminApi;
  account: AdminAccount;
  onDone: (report: CompromiseReport) => void;
  onClose: () => void;
}

export function CompromiseDialog({ api, account, onDone, onClose }: Props) {
  const [fields, setFields] = useState(() => momentFields(new Date()));
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const since = parseMoment(fields.date, fields.time);
    if (typeof since === 'string') return setError(since);
    if (since.getTime() > Date.now() + 60_000) {
      return setError('Момент не может быть позже текущего времени');
    }
    if (!confirmed) return setError('Подтвердите, что пароль раскрыт');
    setBusy(true);
    setError(null);
    api
      .markCompromised(account.login, since)
      .then(onDone)
      .catch((e: unknown) => {
        setError(
          adminErrorText(
            e,
            'Отметить учётную запись может только заместитель директора или администратор',
          ),
        );
        setBusy(false);
      });
  };

  return (
    <div className="accounts-overlay">
      <form
        className="accounts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="compromise-title"
        onSubmit={submit}
      >
        <h2 id="compromise-title">Пароль скомпрометирован</h2>
        <p>
          Учётная запись <b>{account.login}</b>
          {account.displayName ? ` — ${account.displayName}` : ''}.
        </p>
        <p className="accounts-warning">
          Все действия с этой учётной записью после указанного момента будут отменены; её устройства
          будут отключены. Пароль перестанет действовать — новый задаёт администратор.
        </p>
        <fieldset className="accounts-moment">
          <legend>Когда пароль стал известен посторонним (или начались чужие действия)</legend>
          <label>
            Дата
            <input
              value={fields.date}
              inputMode="numeric"
              placeholder="ДД.ММ.ГГГГ"
              onChange={(e) => setFields({ ...fields, date: e.target.value })}
            />
          </label>
          <label>
            Время
            <input
              value={fields.time}
              inputMode="numeric"
              placeholder="ЧЧ:ММ"
              onChange={(e) => setFields({ ...fields, time: e.target.value })}
            />
          </label>
        </fieldset>
        <p className="accounts-hint">
          Выбирайте момент скорее раньше, чем позже: отменяются только записи этой учётной записи,
          изменения других сотрудников после него останутся.
        </p>
        <label className="accounts-confirm">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          Подтверждаю: пароль учётной записи «{account.login}» раскрыт, её действия после этого
          момента недействительны
        </label>
        {error && <p role="alert">{error}</p>}
        <div className="accounts-actions">
          <button type="submit" className="danger" disabled={busy || !confirmed}>
            {busy ? 'Отменяем действия…' : 'Отметить и отменить действия'}
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Отмена
          </button>
        </div>
      </form>
    </div>
  );
}
