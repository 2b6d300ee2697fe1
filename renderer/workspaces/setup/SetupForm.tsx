// The pieces every set-up page is made of: a text field with its message under it, a cell of a
// table row with its message, the save bar (the result, and messages no field shows), and the
// save action that turns a repository refusal into field messages.
import { useState, type ReactNode } from 'react';
import { SetupRefusal } from '../../data/setup-repository';
import { WriteError } from '../../data/write-error';
import { FormField } from '../class/FormField';
import { RU_DATE_PLACEHOLDER } from '../class/ru-date';
import { errorsOf, type ErrorPlacement } from './form-problems';

interface TextProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  path: string;
  errors: ErrorPlacement;
  placeholder?: string;
  /** A date typed as ДД.ММ.ГГГГ. */
  date?: boolean;
  className?: string;
}

export function TextField({
  label,
  value,
  onChange,
  path,
  errors,
  placeholder,
  date,
  className,
}: TextProps) {
  return (
    <div className={className}>
      <FormField label={label} error={errors.at(path)}>
        <input
          type="text"
          inputMode={date ? 'numeric' : undefined}
          placeholder={date ? RU_DATE_PLACEHOLDER : placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </FormField>
    </div>
  );
}

/** An input inside a table cell: labelled for screen readers, its message below it. */
export function CellInput({
  label,
  value,
  onChange,
  path,
  errors,
  date,
  width,
}: Omit<TextProps, 'className' | 'placeholder'> & { width?: string }) {
  const error = errors.at(path);
  return (
    <td className={error ? 'setup-cell invalid' : 'setup-cell'}>
      <input
        type="text"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        placeholder={date ? RU_DATE_PLACEHOLDER : undefined}
        style={width ? { width } : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && <small className="field-error">{error}</small>}
    </td>
  );
}

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/**
 * Runs a save: refused by the checks → the messages by path (nothing was written); another write
 * error → its message.
 */
export function useSave(): {
  state: SaveState;
  errors: Record<string, string>;
  setErrors: (errors: Record<string, string>) => void;
  run: (save: () => Promise<unknown>, refusalPrefix?: string) => Promise<boolean>;
} {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [errors, setErrorsState] = useState<Record<string, string>>({});
  const setErrors = (e: Record<string, string>) => {
    setErrorsState(e);
    setState(
      Object.keys(e).length > 0
        ? { kind: 'failed', message: 'Не сохранено: исправьте отмеченные поля' }
        : { kind: 'idle' },
    );
  };
  const run = async (save: () => Promise<unknown>, refusalPrefix = '') => {
    setState({ kind: 'saving' });
    try {
      await save();
      setErrorsState({});
      setState({ kind: 'saved' });
      return true;
    } catch (error) {
      if (error instanceof SetupRefusal) {
        setErrors(errorsOf(error.problems, refusalPrefix));
      } else {
        console.error(error);
        setState({
          kind: 'failed',
          message:
            error instanceof WriteError
              ? error.message
              : 'Не удалось сохранить. Попробуйте ещё раз',
        });
      }
      return false;
    }
  };
  return { state, errors, setErrors, run };
}

export function SaveBar({
  state,
  errors,
  children,
}: {
  state: SaveState;
  errors: ErrorPlacement;
  children?: ReactNode;
}) {
  const unplaced = errors.unplaced();
  return (
    <div className="setup-save">
      {unplaced.length > 0 && (
        <ul className="setup-problems" role="alert">
          {unplaced.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        {state.kind === 'saved' && (
          <span role="status" className="form-status">
            Сохранено
          </span>
        )}
        {state.kind === 'failed' && (
          <span role="alert" className="form-message">
            {state.message}
          </span>
        )}
        {children}
        <button type="submit" className="primary" disabled={state.kind === 'saving'}>
          {state.kind === 'saving' ? 'Сохраняем…' : 'Сохранить'}
        </button>
      </div>
    </div>
  );
}
