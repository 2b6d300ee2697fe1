// Browser form checks speak the browser's language («Please fill out this field.»). Until every
// form checks itself (noValidate and its own messages), this puts a Russian message on any field
// the browser finds invalid, whatever the system's language.

interface Checked {
  validity: ValidityState;
  value: string;
  minLength?: number;
  maxLength?: number;
  min?: string;
  max?: string;
  title?: string;
  type?: string;
}

/** The Russian message for a field's failed check, or '' when it passes. */
export function russianValidityMessage(field: Checked): string {
  const v = field.validity;
  if (v.valueMissing) return 'Заполните это поле.';
  if (v.typeMismatch) {
    return field.type === 'email'
      ? 'Введите адрес электронной почты.'
      : 'Проверьте формат значения.';
  }
  if (v.tooShort) return `Не короче ${field.minLength} знаков (сейчас ${field.value.length}).`;
  if (v.tooLong) return `Не длиннее ${field.maxLength} знаков.`;
  if (v.rangeUnderflow) return `Значение не меньше ${field.min}.`;
  if (v.rangeOverflow) return `Значение не больше ${field.max}.`;
  if (v.badInput) return 'Введите число.';
  if (v.stepMismatch) return 'Введите допустимое значение.';
  if (v.patternMismatch) return field.title ? field.title : 'Проверьте формат значения.';
  return v.valid ? '' : 'Проверьте значение.';
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export function installRussianValidity(doc: Document): void {
  doc.addEventListener(
    'invalid',
    (event) => {
      const field = event.target as Field;
      if (!('setCustomValidity' in field)) return;
      field.setCustomValidity('');
      field.setCustomValidity(russianValidityMessage(field as HTMLInputElement));
    },
    true,
  );
  // Typing clears the message, so the browser checks the new value again.
  doc.addEventListener(
    'input',
    (event) => {
      const field = event.target as Field;
      if ('setCustomValidity' in field) field.setCustomValidity('');
    },
    true,
  );
}
