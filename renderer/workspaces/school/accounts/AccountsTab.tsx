// «Школа → Учётные записи» (online only): the school server's accounts, their devices, recent login
// attempts, and «Пароль скомпрометирован…» with the report of undone changes (docs/OPERATIONS.md);
// the administrator also blocks and unblocks accounts and sets one-time passwords.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSyncClient } from '../../../sync/sync-context';
import type { ActiveSession } from '../../../sync/session-store';
import {
  adminApi,
  adminErrorText,
  isAdmin,
  type AdminAccount,
  type AdminDevice,
  type CompromiseReport,
  type LoginAttempt,
  type ReportSummary,
} from './api';
import { CompromiseDialog } from './CompromiseDialog';
import { CompromiseReportView } from './CompromiseReportView';
import { dateTime, isFailure, outcomeText, rolesText } from './format';
import { PasswordDialog } from './PasswordDialog';
import './accounts.css';

export const OFFLINE_TEXT = 'Доступно при подключении к серверу школы';
const REVOKE_FORBIDDEN =
  'Отозвать отдельное устройство может только администратор школы. Если пароль раскрыт, отметьте учётную запись «Пароль скомпрометирован…» — это отключит все её устройства.';

export function AccountsTab() {
  const client = useSyncClient();
  if (!client) {
    return (
      <section className="accounts-tab">
        <h2>Учётные записи</h2>
        <p className="accounts-offline">{OFFLINE_TEXT}</p>
      </section>
    );
  }
  return <AccountsPanel session={client.session} />;
}

interface Lists {
  accounts: AdminAccount[];
  devices: AdminDevice[];
  attempts: LoginAttempt[];
  reports: ReportSummary[];
}

function accountState(a: AdminAccount): string {
  if (a.disabled) return 'заблокирована';
  if (a.compromisedAt) {
    return `скомпрометирована ${dateTime(a.compromisedAt)}${a.passwordResetRequired ? ', нужен новый пароль' : ''}`;
  }
  if (a.passwordResetRequired) return 'нужен новый пароль';
  if (a.mustChangePassword) return 'действует, выдан временный пароль';
  return 'действует';
}

function AccountsPanel({ session }: { session: ActiveSession }) {
  const api = useMemo(() => adminApi(session), [session]);
  const admin = isAdmin(session);
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [compromise, setCompromise] = useState<AdminAccount | null>(null);
  const [password, setPassword] = useState<AdminAccount | null>(null);
  const [report, setReport] = useState<CompromiseReport | null>(null);
  const [loginFilter, setLoginFilter] = useState<string | null>(null);

  const reload = useCallback(() => {
    Promise.all([api.accounts(), api.devices(), api.attempts(50), api.reports()])
      .then(([accounts, devices, attempts, reports]) => {
        setLists({ accounts, devices, attempts, reports });
        setError(null);
      })
      .catch((e: unknown) =>
        setError(
          adminErrorText(
            e,
            'Список учётных записей доступен заместителю директора и администратору',
          ),
        ),
      );
  }, [api]);
  useEffect(reload, [reload]);

  const revoke = (device: AdminDevice) => {
    setNotice(null);
    api
      .revokeDevice(device.id)
      .then(() => {
        setNotice(`Устройство «${device.name}» отключено`);
        reload();
      })
      .catch((e: unknown) => setNotice(adminErrorText(e, REVOKE_FORBIDDEN)));
  };

  const setDisabled = (account: AdminAccount, disabled: boolean) => {
    setNotice(null);
    api
      .setDisabled(account.login, disabled)
      .then(() => {
        setNotice(
          disabled
            ? `Учётная запись «${account.login}» заблокирована: войти в неё нельзя, её сеансы завершены`
            : `Учётная запись «${account.login}» разблокирована`,
        );
        reload();
      })
      .catch((e: unknown) =>
        setNotice(adminErrorText(e, 'Блокирует учётные записи только администратор школы')),
      );
  };

  const openReport = (id: number) => {
    api
      .report(id)
      .then(setReport)
      .catch((e: unknown) => setNotice(adminErrorText(e, 'Отчёт недоступен')));
  };

  const shown = <T extends { login?: string }>(rows: T[]) =>
    loginFilter ? rows.filter((r) => r.login === loginFilter) : rows;

  return (
    <section className="accounts-tab">
      <div className="accounts-heading">
        <h2>Учётные записи</h2>
        <button type="button" onClick={reload}>
          Обновить
        </button>
        {loginFilter && (
          <button type="button" onClick={() => setLoginFilter(null)}>
            Показать все ({loginFilter})
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      {notice && (
        <p role="status" className="accounts-notice">
          {notice}
        </p>
      )}
      {report && <CompromiseReportView report={report} onClose={() => setReport(null)} />}
      {!lists && !error && <p className="loading">Загружаем с сервера школы…</p>}
      {lists && (
        <>
          <table className="accounts-table" aria-label="Учётные записи">
            <thead>
              <tr>
                <th>Логин</th>
                <th>Имя</th>
                <th>Роли</th>
                <th>Состояние</th>
                <th>Устройства</th>
                <th>Действия</th>
              </tr>
            </thead>
            <tbody>
              {lists.accounts.map((a) => {
                const devices = lists.devices.filter((d) => d.accountId === a.id);
                const live = devices.filter((d) => !d.revokedAt).length;
                const self = a.login === session.account.login;
                return (
                  <tr key={a.id} className={a.disabled || a.compromisedAt ? 'inactive' : undefined}>
                    <td>
                      <button
                        type="button"
                        className="link"
                        title="Показать устройства и попытки входа только этой учётной записи"
                        onClick={() => setLoginFilter(a.login)}
                      >
                        {a.login}
                      </button>
                    </td>
                    <td>{a.displayName || '—'}</td>
                    <td>{rolesText(a.roles)}</td>
                    <td>{accountState(a)}</td>
                    <td>
                      {live} из {devices.length}
                    </td>
                    <td>
                      <div className="accounts-row-actions">
                        <button
                          type="button"
                          className="danger"
                          disabled={self}
                          title={
                            self
                              ? 'Собственную учётную запись отмечает другой сотрудник'
                              : undefined
                          }
                          aria-label={`Пароль скомпрометирован… (${a.login})`}
                          onClick={() => setCompromise(a)}
                        >
                          Пароль скомпрометирован…
                        </button>
                        {admin && (
                          <button
                            type="button"
                            aria-label={`Задать новый пароль (${a.login})`}
                            onClick={() => setPassword(a)}
                          >
                            Задать новый пароль
                          </button>
                        )}
                        {admin && !self && (
                          <button
                            type="button"
                            aria-label={`${a.disabled ? 'Разблокировать' : 'Заблокировать'} (${a.login})`}
                            onClick={() => setDisabled(a, !a.disabled)}
                          >
                            {a.disabled ? 'Разблокировать' : 'Заблокировать'}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          <h3>Устройства{loginFilter ? ` — ${loginFilter}` : ''}</h3>
          <table className="accounts-table" aria-label="Устройства">
            <thead>
              <tr>
                <th>Учётная запись</th>
                <th>Устройство</th>
                <th>Подключено</th>
                <th>Последний раз на связи</th>
                <th>Адрес</th>
                <th>Состояние</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown(lists.devices).map((d) => (
                <tr key={d.id} className={d.revokedAt ? 'inactive' : undefined}>
                  <td>{d.login ?? '—'}</td>
                  <td>{d.name}</td>
                  <td>{dateTime(d.createdAt)}</td>
                  <td>{dateTime(d.lastSeenAt)}</td>
                  <td>{d.lastIp ?? '—'}</td>
                  <td>{d.revokedAt ? `отозвано ${dateTime(d.revokedAt)}` : 'действует'}</td>
                  <td>
                    {!d.revokedAt && (
                      <button type="button" onClick={() => revoke(d)}>
                        Отозвать устройство
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>Попытки входа{loginFilter ? ` — ${loginFilter}` : ' (последние 50)'}</h3>
          <table className="accounts-table" aria-label="Попытки входа">
            <thead>
              <tr>
                <th>Время</th>
                <th>Логин</th>
                <th>Адрес</th>
                <th>Итог</th>
              </tr>
            </thead>
            <tbody>
              {shown(lists.attempts).map((t) => (
                <tr key={t.id} className={isFailure(t.outcome) ? 'failed' : undefined}>
                  <td>{dateTime(t.at, true)}</td>
                  <td>{t.login}</td>
                  <td>{t.ip ?? '—'}</td>
                  <td>{outcomeText(t.outcome)}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>Отчёты о компрометации</h3>
          {lists.reports.length === 0 ? (
            <p className="accounts-empty">Учётные записи не отмечались скомпрометированными.</p>
          ) : (
            <table className="accounts-table" aria-label="Отчёты о компрометации">
              <thead>
                <tr>
                  <th>№</th>
                  <th>Учётная запись</th>
                  <th>Недействительно с</th>
                  <th>Отмечено</th>
                  <th>Кем</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {lists.reports.map((r) => (
                  <tr key={r.id}>
                    <td>{r.id}</td>
                    <td>{r.login}</td>
                    <td>{dateTime(r.since, true)}</td>
                    <td>{dateTime(r.createdAt, true)}</td>
                    <td>{r.by}</td>
                    <td>
                      <button type="button" onClick={() => openReport(r.id)}>
                        Открыть отчёт
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {compromise && (
        <CompromiseDialog
          api={api}
          account={compromise}
          onClose={() => setCompromise(null)}
          onDone={(r) => {
            setCompromise(null);
            setReport(r);
            reload();
          }}
        />
      )}
      {password && (
        <PasswordDialog
          api={api}
          account={password}
          admin={admin}
          onClose={() => setPassword(null)}
          onDone={reload}
        />
      )}
    </section>
  );
}
