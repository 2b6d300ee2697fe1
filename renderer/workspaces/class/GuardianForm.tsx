// Adding or editing one guardian (parent or legal representative) with contacts and the documents
// the consent form names (152-ФЗ art. 9 part 4: identity document, document confirming authority).
import { useState, type FormEvent } from 'react';
import { GUARDIAN_KIND_LABELS, type Guardian, type GuardianKind } from '../../../shared/student';
import { todayIso } from '../../../shared/dates';
import { FormField } from './FormField';
import { PersonNameFields } from './PersonNameFields';
import { RU_DATE_PLACEHOLDER } from './ru-date';
import { validateGuardian, type FieldErrors, type GuardianFormValues } from './student-form';

interface Props {
  initial: GuardianFormValues;
  submitLabel: string;
  onSubmit: (value: Guardian) => Promise<void>;
  onCancel: () => void;
}

const KINDS = Object.entries(GUARDIAN_KIND_LABELS) as [GuardianKind, string][];

export function GuardianForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<keyof GuardianFormValues>>({});
  const [message, setMessage] = useState<string | null>(null);

  const set = <K extends keyof GuardianFormValues>(key: K, value: GuardianFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateGuardian(values, todayIso());
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('Исправьте отмеченные поля.');
      return;
    }
    try {
      await onSubmit(checked.value);
    } catch (error) {
      console.error(error);
      setMessage(error instanceof Error ? error.message : 'Не удалось сохранить.');
    }
  };

  return (
    <form
      className="class-form guardian-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Родитель (законный представитель)"
    >
      <FormField label="Кем приходится" error={errors.kind}>
        <select value={values.kind} onChange={(e) => set('kind', e.target.value as GuardianKind)}>
          {KINDS.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      <PersonNameFields values={values} errors={errors} onChange={set} />
      <FormField label="Телефон" error={errors.phone}>
        <input type="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} />
      </FormField>
      <FormField label="Электронная почта" error={errors.email}>
        <input type="email" value={values.email} onChange={(e) => set('email', e.target.value)} />
      </FormField>
      <FormField label="Адрес регистрации" error={errors.address}>
        <textarea
          rows={2}
          value={values.address}
          onChange={(e) => set('address', e.target.value)}
        />
      </FormField>
      <fieldset className="guardian-documents">
        <legend>Документ, удостоверяющий личность (для заявления о согласии)</legend>
        <FormField label="Вид документа" error={errors.docKind}>
          <input
            value={values.docKind}
            placeholder="паспорт гражданина Российской Федерации"
            onChange={(e) => set('docKind', e.target.value)}
          />
        </FormField>
        <FormField label="Серия" error={errors.docSeries}>
          <input value={values.docSeries} onChange={(e) => set('docSeries', e.target.value)} />
        </FormField>
        <FormField label="Номер" error={errors.docNumber}>
          <input value={values.docNumber} onChange={(e) => set('docNumber', e.target.value)} />
        </FormField>
        <FormField label="Дата выдачи" error={errors.docIssuedOn}>
          <input
            inputMode="numeric"
            placeholder={RU_DATE_PLACEHOLDER}
            value={values.docIssuedOn}
            onChange={(e) => set('docIssuedOn', e.target.value)}
          />
        </FormField>
        <FormField label="Кем выдан" error={errors.docIssuedBy}>
          <input value={values.docIssuedBy} onChange={(e) => set('docIssuedBy', e.target.value)} />
        </FormField>
      </fieldset>
      <FormField
        label="Документ, подтверждающий полномочия (свидетельство о рождении ребёнка и т. п.)"
        error={errors.authorityDocument}
      >
        <input
          value={values.authorityDocument}
          placeholder="свидетельство о рождении II-АБ № 123456 от 12.03.2015"
          onChange={(e) => set('authorityDocument', e.target.value)}
        />
      </FormField>
      <div className="form-actions">
        {message && (
          <span className="form-status" role="status">
            {message}
          </span>
        )}
        <button type="button" onClick={onCancel}>
          Отмена
        </button>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
