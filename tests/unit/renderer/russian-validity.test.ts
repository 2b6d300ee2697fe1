// The Russian messages put on fields the browser finds invalid (instead of its English bubbles).
import { describe, expect, it } from 'vitest';
import { russianValidityMessage } from '../../../renderer/lib/russian-validity';

const validity = (failed: Partial<Record<keyof ValidityState, boolean>>) =>
  ({ valid: Object.keys(failed).length === 0, ...failed }) as ValidityState;

describe('russianValidityMessage', () => {
  it('says what is wrong in Russian', () => {
    expect(russianValidityMessage({ validity: validity({ valueMissing: true }), value: '' })).toBe(
      'Заполните это поле.',
    );
    expect(
      russianValidityMessage({
        validity: validity({ tooShort: true }),
        value: 'abc',
        minLength: 8,
      }),
    ).toBe('Не короче 8 знаков (сейчас 3).');
    expect(
      russianValidityMessage({
        validity: validity({ typeMismatch: true }),
        value: 'x',
        type: 'email',
      }),
    ).toBe('Введите адрес электронной почты.');
    expect(
      russianValidityMessage({ validity: validity({ rangeOverflow: true }), value: '9', max: '5' }),
    ).toBe('Значение не больше 5.');
  });
  it('is empty for a valid field', () => {
    expect(russianValidityMessage({ validity: validity({}), value: 'ok' })).toBe('');
  });
});
