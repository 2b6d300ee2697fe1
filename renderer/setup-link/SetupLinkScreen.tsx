// The page opened by the set-up link of an empty server (`/?setup=<code>`): creates the first
// administrator through POST /api/v1/setup, then hands over to the usual sign-in, which opens
// «Школа → Настройка».
import { useEffect, useState, type FormEvent } from 'react';
import { SETUP_PATH, SetupStatusSchema } from '../../shared/setup';
import { FormField } from '../workspaces/class/FormField';
import {
  checkSetupLinkForm,
  serverErrors,
  SETUP_LOGIN_KEY,
  type SetupLinkErrors,
  type SetupLinkField,
  type SetupLinkFields,
} from './setup-link-form';

type Phase = 'checking' | 'form' | 'done' | 'notNeeded' | 'unreachable';

interface Props {
  code: string;
  /** Leave the set-up page for the usual sign-in. */
  onDone: () => void;
}

export function SetupLinkScreen({ code, onDone }: Props) {
  const [phase, setPhase] = useState<Phase>('checking');
  const [fields, setFields] = useState<SetupLinkFields>({
    login: 'admin',
    displayName: '',
    password: '',
    passwordAgain: '',
  });
  const [errors, setErrors] = useState<SetupLinkErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void fetch(SETUP_PATH)
      .then(async (res) => SetupStatusSchema.parse(await res.json()))
      .then((status) => !cancelled && setPhase(status.required ? 'form' : 'notNeeded'))
      .catch(() => !cancelled && setPhase('unreachable'));
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkSetupLinkForm(code, fields);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await fetch(SETUP_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(checked.request),
      });
      const body: unknown = await res.json().catch(() => null);
      if (res.status === 201) {
        sessionStorage.setItem(SETUP_LOGIN_KEY, checked.request.login);
        setPhase('done');
      } else {
        setErrors(serverErrors(res.status, body));
      }
    } catch {
      setErrors({ form: 'Сервер школы недоступен: проверьте, что он запущен, и повторите' });
    } finally {
      setBusy(false);
    }
  };

  const input = (key: SetupLinkField, type = 'text', autoComplete = 'off') => (
    <input
      type={type}
      autoComplete={autoComplete}
      value={fields[key]}
      onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))}
    />
  );

  return (
    <main className="first-run">
      <h1>Классный журнал</h1>
      {phase === 'checking' && <p className="loading">Проверяем ссылку для настройки…</p>}
      {phase === 'unreachable' && (
        <p role="alert" className="form-message">
          Сервер школы не отвечает. Проверьте, что он запущен, и откройте ссылку снова.
        </p>
      )}
      {phase === 'notNeeded' && (
        <div className="server-form">
          <h2>Сервер уже настроен</h2>
          <p>Администратор уже создан. Войдите со своим логином и паролем.</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={onDone}>
              Перейти ко входу
            </button>
          </div>
        </div>
      )}
      {phase === 'done' && (
        <div className="server-form">
          <h2>Администратор создан</h2>
          <p role="status">
            Учётная запись «{fields.login.trim()}» создана. Теперь войдите с ней в журнал: откроется
            раздел «Школа → Настройка», где заполняются сведения о школе.
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={onDone}>
              Перейти ко входу
            </button>
          </div>
        </div>
      )}
      {phase === 'form' && (
        <form className="server-form" noValidate onSubmit={(e) => void submit(e)}>
          <h2>Первый запуск: администратор школы</h2>
          <p className="lead">
            На сервере ещё нет ни одной учётной записи. Создайте учётную запись администратора: с
            ней настраивают школу и выдают логины сотрудникам. Ссылка действует один раз.
          </p>
          <FormField label="Логин администратора" error={errors.login}>
            {input('login', 'text', 'username')}
          </FormField>
          <FormField label="Фамилия, имя, отчество" error={errors.displayName}>
            {input('displayName', 'text', 'name')}
          </FormField>
          <FormField label="Пароль (не короче 10 знаков)" error={errors.password}>
            {input('password', 'password', 'new-password')}
          </FormField>
          <FormField label="Пароль ещё раз" error={errors.passwordAgain}>
            {input('passwordAgain', 'password', 'new-password')}
          </FormField>
          {errors.form && (
            <p role="alert" className="form-message">
              {errors.form}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Создаём…' : 'Создать администратора'}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
