// The dialog to add or edit a staff member: surname, name, patronymic, position, roles and whether
// they still work at the school. Each field says in Russian what is wrong next to it; nothing is
// saved until every field is right.
import { useState, type FormEvent } from 'react';
import { NamePartSchema } from '../../../../shared/common';
import { ROLE_LABELS, RoleSchema, type Role, type StaffMember } from '../../../../shared/staff';
import type { StaffFields } from '../../../data/staff-repository';
import { WriteError } from '../../../data/write-error';

interface Props {
  /** null: a new staff member. */
  initial: StaffMember | null;
  onSave: (fields: StaffFields) => Promise<void>;
  onClose: () => void;
}

const NAME_LETTERS = /^[А-ЯЁа-яёA-Za-z][А-ЯЁа-яёA-Za-z' -]*$/;
const NAME_LETTERS_MESSAGE = 'Только буквы, дефис, апостроф и пробел';

type Errors = Partial<
  Record<'lastName' | 'firstName' | 'middleName' | 'position' | 'roles' | 'form', string>
>;

function checkName(value: string, required: boolean): string | undefined {
  const v = value.trim();
  if (!v) return required ? 'Заполните это поле' : undefined;
  if (!NAME_LETTERS.test(v)) return NAME_LETTERS_MESSAGE;
  const parsed = NamePartSchema.safeParse(v);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Неверное значение');
}

export function StaffForm({ initial, onSave, onClose }: Props) {
  const [fields, setFields] = useState<StaffFields>({
    lastName: initial?.lastName ?? '',
    firstName: initial?.firstName ?? '',
    middleName: initial?.middleName ?? '',
    position: initial?.position ?? '',
    roles: initial?.roles ?? ['teacher'],
    active: initial?.active ?? true,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {
      lastName: checkName(fields.lastName, true),
      firstName: checkName(fields.firstName, true),
      middleName: checkName(fields.middleName, false),
      position: fields.position.length > 120 ? 'Не длиннее 120 знаков' : undefined,
      roles: fields.roles.length === 0 ? 'Отметьте хотя бы одну роль' : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    setBusy(true);
    onSave({
      ...fields,
      lastName: fields.lastName.trim(),
      firstName: fields.firstName.trim(),
      middleName: fields.middleName.trim(),
      position: fields.position.trim(),
    })
      .catch((e: unknown) =>
        setErrors({
          form: e instanceof WriteError ? e.message : 'Не удалось сохранить. Попробуйте ещё раз',
        }),
      )
      .finally(() => setBusy(false));
  };

  const text = (key: 'lastName' | 'firstName' | 'middleName' | 'position', label: string) => (
    <label>
      {label}
      <input
        type="text"
        value={fields[key]}
        aria-invalid={errors[key] ? true : undefined}
        onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))}
      />
      {errors[key] && <span className="field-error">{errors[key]}</span>}
    </label>
  );

  const toggleRole = (role: Role) =>
    setFields((f) => ({
      ...f,
      roles: f.roles.includes(role) ? f.roles.filter((r) => r !== role) : [...f.roles, role],
    }));

  return (
    <div className="accounts-overlay">
      <form
        className="accounts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="staff-form-title"
        noValidate
        onSubmit={submit}
      >
        <h2 id="staff-form-title">
          {initial ? 'Изменить сведения о сотруднике' : 'Новый сотрудник'}
        </h2>
        {text('lastName', 'Фамилия')}
        {text('firstName', 'Имя')}
        {text('middleName', 'Отчество')}
        {text('position', 'Должность (печатается в документах)')}
        <fieldset className="staff-roles">
          <legend>Роли в журнале</legend>
          {RoleSchema.options.map((role) => (
            <label key={role} className="accounts-confirm">
              <input
                type="checkbox"
                checked={fields.roles.includes(role)}
                onChange={() => toggleRole(role)}
              />
              {ROLE_LABELS[role]}
            </label>
          ))}
          {errors.roles && <span className="field-error">{errors.roles}</span>}
        </fieldset>
        {initial && (
          <label className="accounts-confirm">
            <input
              type="checkbox"
              checked={fields.active}
              onChange={(e) => setFields((f) => ({ ...f, active: e.target.checked }))}
            />
            Работает в школе
          </label>
        )}
        {errors.form && <p role="alert">{errors.form}</p>}
        <div className="accounts-actions">
          <button type="submit" className="primary" disabled={busy}>
            Сохранить
          </button>
          <button type="button" onClick={onClose} disabled={busy}>
            Отмена
          </button>
        </div>
      </form>
    </div>
  );
}
