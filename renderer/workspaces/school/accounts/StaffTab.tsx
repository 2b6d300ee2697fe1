// «Школа → Сотрудники»: the staff list (name, position, roles, the subjects they teach, the account),
// adding and editing staff (the administrator), creating accounts with one-time passwords for the
// checked people and printing their login sheets, a new one-time password for one person.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { oneTimePassword, suggestLogin } from '../../../../shared/account-credentials';
import { fullName, shortName } from '../../../../shared/common';
import type { LoginSheetEntry } from '../../../../shared/documents/login-sheet-model';
import type { StaffMember } from '../../../../shared/staff';
import { useSession } from '../../../data/session';
import { useSetupData } from '../../../data/use-setup-data';
import { loginSheetJob } from '../../../print/jobs';
import { PrintDialog } from '../../../print/PrintDialog';
import type { PrintJob } from '../../../print/print-job';
import { useSyncClient } from '../../../sync/sync-context';
import type { ActiveSession } from '../../../sync/session-store';
import { adminApi, adminErrorText, isAdmin, type AdminAccount } from './api';
import { OFFLINE_TEXT } from './AccountsTab';
import { rolesText } from './format';
import { StaffForm } from './StaffForm';
import './accounts.css';

const ADMIN_ONLY = 'Сотрудников и их учётные записи ведёт администратор школы';

export function StaffTab() {
  const client = useSyncClient();
  if (!client) {
    return (
      <section className="accounts-tab">
        <h2>Сотрудники</h2>
        <p className="accounts-offline">{OFFLINE_TEXT}</p>
      </section>
    );
  }
  return <StaffPanel session={client.session} />;
}

function StaffPanel({ session }: { session: ActiveSession }) {
  const { repositories } = useSession();
  const setup = useSetupData();
  const staff = setup?.staff ?? null;
  const courses = setup?.courses ?? null;
  const school = setup?.school ?? undefined;
  const api = useMemo(() => adminApi(session), [session]);
  const admin = isAdmin(session);
  const [accounts, setAccounts] = useState<AdminAccount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [job, setJob] = useState<PrintJob | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    api
      .accounts()
      .then((list) => {
        setAccounts(list);
        setError(null);
      })
      .catch((e: unknown) => setError(adminErrorText(e, ADMIN_ONLY)));
  }, [api]);
  useEffect(reload, [reload]);

  const accountOf = useMemo(() => {
    const map = new Map<string, AdminAccount>();
    for (const a of accounts ?? []) if (a.staffId) map.set(a.staffId, a);
    return map;
  }, [accounts]);

  /** Subject names each teacher teaches (from the courses), in alphabetical order. */
  const subjectsOf = useMemo(() => {
    const names = new Map((school?.subjects ?? []).map((s) => [s.id, s.short || s.name]));
    const map = new Map<string, string[]>();
    for (const c of courses ?? []) {
      const name = names.get(c.subjectId);
      if (!name) continue;
      const list = map.get(c.teacherId) ?? [];
      if (!list.includes(name)) list.push(name);
      map.set(c.teacherId, list);
    }
    for (const list of map.values()) list.sort((a, b) => a.localeCompare(b, 'ru'));
    return map;
  }, [courses, school]);

  const sheet = (entries: LoginSheetEntry[]) =>
    setJob(
      loginSheetJob(entries, {
        schoolShortName: school?.shortName ?? '',
        serverUrl: session.serverUrl,
      }),
    );

  const withoutAccount = (staff ?? []).filter((s) => s.active && !accountOf.has(s.id));
  const chosen = withoutAccount.filter((s) => checked.has(s.id));

  /** One account per checked person, each with a one-time password, then the login sheets. */
  const createAccounts = async () => {
    setBusy(true);
    setNotice(null);
    const taken = new Set((accounts ?? []).map((a) => a.login.toLowerCase()));
    const entries: LoginSheetEntry[] = [];
    const failed: string[] = [];
    for (const person of chosen) {
      const login = suggestLogin(person, taken);
      const password = oneTimePassword();
      try {
        await api.createAccount({
          login,
          password,
          displayName: shortName(person),
          staffId: person.id,
          roles: person.roles.length > 0 ? person.roles : ['teacher'],
        });
        taken.add(login);
        entries.push({ person, login, password });
      } catch (e) {
        failed.push(`${fullName(person)}: ${adminErrorText(e, ADMIN_ONLY)}`);
      }
    }
    setBusy(false);
    setChecked(new Set());
    reload();
    setNotice(
      [
        entries.length > 0
          ? `Создано учётных записей: ${entries.length}. Распечатайте листы входа и раздайте их лично.`
          : '',
        ...failed,
      ]
        .filter(Boolean)
        .join(' '),
    );
    if (entries.length > 0) sheet(entries);
  };

  const resetPassword = async (person: StaffMember, account: AdminAccount) => {
    setNotice(null);
    const password = oneTimePassword();
    try {
      await api.setPassword(account.login, password);
      reload();
      setNotice(
        `Новый временный пароль для ${account.login} задан; старый не действует, сеансы завершены.`,
      );
      sheet([{ person, login: account.login, password }]);
    } catch (e) {
      setNotice(adminErrorText(e, ADMIN_ONLY));
    }
  };

  const save = async (fields: Parameters<typeof repositories.staff.addStaff>[0]) => {
    if (editing === 'new') {
      await repositories.staff.addStaff(fields);
      setNotice(`Сотрудник ${fullName(fields)} добавлен`);
    } else if (editing) {
      await repositories.staff.updateStaff(editing.id, fields);
      const account = accountOf.get(editing.id);
      // The server checks rights with the account's roles: keep them equal to the staff card's.
      if (account && fields.roles.join() !== account.roles.join()) {
        await api
          .setRoles(account.login, fields.roles)
          .then(reload)
          .catch((e: unknown) => setNotice(adminErrorText(e, ADMIN_ONLY)));
      }
      setNotice(`Изменения сохранены: ${fullName(fields)}`);
    }
    setEditing(null);
  };

  const toggle = (id: string) =>
    setChecked((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (!staff) return <p className="loading">Открываем список сотрудников…</p>;
  return (
    <section className="accounts-tab">
      <div className="accounts-heading">
        <h2>Сотрудники</h2>
        {admin && (
          <>
            <button type="button" onClick={() => setEditing('new')}>
              Добавить сотрудника
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy || chosen.length === 0}
              onClick={() => void createAccounts()}
            >
              {busy ? 'Создаём…' : `Создать учётные записи (${chosen.length})`}
            </button>
          </>
        )}
      </div>
      {!admin && <p className="accounts-empty">{ADMIN_ONLY}.</p>}
      {error && <p role="alert">{error}</p>}
      {notice && (
        <p role="status" className="accounts-notice">
          {notice}
        </p>
      )}
      {staff.length === 0 ? (
        <p className="accounts-empty">
          Сотрудников пока нет: добавьте их по одному или загрузите список на вкладке «Загрузка
          списков».
        </p>
      ) : (
        <table className="accounts-table" aria-label="Сотрудники">
          <thead>
            <tr>
              {admin && (
                <th>
                  <input
                    type="checkbox"
                    aria-label="Отметить всех без учётной записи"
                    disabled={withoutAccount.length === 0}
                    checked={withoutAccount.length > 0 && chosen.length === withoutAccount.length}
                    onChange={(e) =>
                      setChecked(
                        e.target.checked ? new Set(withoutAccount.map((s) => s.id)) : new Set(),
                      )
                    }
                  />
                </th>
              )}
              <th>ФИО</th>
              <th>Должность</th>
              <th>Роли</th>
              <th>Предметы</th>
              <th>Учётная запись</th>
              {admin && <th>Действия</th>}
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => {
              const account = accountOf.get(s.id);
              return (
                <tr key={s.id} className={s.active ? undefined : 'inactive'}>
                  {admin && (
                    <td>
                      {!account && s.active && (
                        <input
                          type="checkbox"
                          aria-label={`Отметить: ${fullName(s)}`}
                          checked={checked.has(s.id)}
                          onChange={() => toggle(s.id)}
                        />
                      )}
                    </td>
                  )}
                  <td>
                    {fullName(s)}
                    {!s.active && ' (не работает)'}
                  </td>
                  <td>{s.position || '—'}</td>
                  <td>{rolesText(s.roles)}</td>
                  <td>{subjectsOf.get(s.id)?.join(', ') || '—'}</td>
                  <td>
                    {account
                      ? `${account.login}${account.disabled ? ' (заблокирована)' : account.mustChangePassword ? ' (временный пароль)' : ''}`
                      : accounts
                        ? 'нет'
                        : '…'}
                  </td>
                  {admin && (
                    <td>
                      <div className="accounts-row-actions">
                        <button
                          type="button"
                          aria-label={`Изменить: ${fullName(s)}`}
                          onClick={() => setEditing(s)}
                        >
                          Изменить
                        </button>
                        {account && (
                          <button
                            type="button"
                            aria-label={`Новый временный пароль: ${fullName(s)}`}
                            onClick={() => void resetPassword(s, account)}
                          >
                            Новый временный пароль
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editing && (
        <StaffForm
          initial={editing === 'new' ? null : editing}
          onSave={save}
          onClose={() => setEditing(null)}
        />
      )}
      {job && <PrintDialog job={job} onClose={() => setJob(null)} />}
    </section>
  );
}
