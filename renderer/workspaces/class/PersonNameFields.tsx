// Surname, name and patronymic fields, in the Russian order, for any form that edits a person.
import { FormField } from './FormField';
import type { FieldErrors } from './student-form';

type NamePart = 'lastName' | 'firstName' | 'middleName';

interface Props {
  values: Record<NamePart, string>;
  errors: FieldErrors<NamePart>;
  onChange: (part: NamePart, value: string) => void;
}

const PARTS: readonly [NamePart, string][] = [
  ['lastName', 'Фамилия'],
  ['firstName', 'Имя'],
  ['middleName', 'Отчество'],
];

export function PersonNameFields({ values, errors, onChange }: Props) {
  return (
    <>
      {PARTS.map(([part, label]) => (
        <FormField key={part} label={label} error={errors[part]}>
          <input value={values[part]} onChange={(e) => onChange(part, e.target.value)} />
        </FormField>
      ))}
    </>
  );
}
