// The «Дневник» cell of a consent-registry row: the family's login and when they last opened the
// diary (from the school server), and the actions there: issue the login, a new password (a lost
// slip or a compromise), unlock a login locked by wrong passwords, a student's own login from 14.
import { useState } from 'react';
import type { FamilyViewRow } from '../../../shared/family-view-rows';

interface Props {
  /** The row's holder as the server sees it; undefined while loading or offline. */
  row: FamilyViewRow | undefined;
  online: boolean;
  /** The registry answer allows a login (consent, electronic) and none is open. */
  canIssue: boolean;
  onIssue: () => void;
  onNewPassword: (compromised: boolean) => void;
  onUnlock: () => void;
  /** "Алиева Г. В." for the buttons' accessible names. */
  who: string;
}

export function DiaryAccessCell(props: Props) {
  const { row, online, canIssue, onIssue, onNewPassword, onUnlock, who } = props;
  const [confirming, setConfirming] = useState(false);
  const [compromised, setCompromised] = useState(false);
  const open = row !== undefined && (row.access === 'active' || row.access === 'issued');
  return (
    <div className="diary-access">
      {row?.login && <code className="diary-login">{row.login}</code>}{' '}
      {row && (
        <span className={`diary-status${row.needsPaper ? ' diary-stale' : ''}`}>{row.status}</span>
      )}
      {row?.locked && (
        <span className="diary-locked">вход заблокирован: много неверных паролей</span>
      )}
      {!online && <span className="muted">нет связи с сервером</span>}
      <div className="diary-actions">
        {online && row?.locked && (
          <button type="button" onClick={onUnlock} aria-label={`Разблокировать вход: ${who}`}>
            Разблокировать вход
          </button>
        )}
        {online && canIssue && !open && (
          <button type="button" onClick={onIssue} aria-label={`Выдать логин: ${who}`}>
            Выдать логин
          </button>
        )}
        {online && open && !confirming && (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            aria-label={`Новый пароль: ${who}`}
          >
            Новый пароль
          </button>
        )}
      </div>
      {confirming && (
        <div className="diary-confirm" role="group" aria-label="Новый пароль для дневника">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={compromised}
              onChange={(e) => setCompromised(e.target.checked)}
            />
            Пароль стал известен посторонним (компрометация)
          </label>
          <p className="muted">
            Старый пароль перестанет действовать, все сеансы семьи завершатся.
            {compromised ? ' Письма-уведомления отключатся, пока семья не включит их снова.' : ''}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setConfirming(false);
              onNewPassword(compromised);
            }}
          >
            Выдать новый пароль
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Отмена
          </button>
        </div>
      )}
    </div>
  );
}
