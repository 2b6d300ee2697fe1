// A compact reporting-period selector (journal, period marks, class workspace).
import type { Period } from '../../shared/period';

interface Props {
  periods: readonly Period[];
  value: string;
  onChange: (periodId: string) => void;
  label?: string;
}

export function PeriodSelect({ periods, value, onChange, label = 'Период' }: Props) {
  return (
    <label className="inline-field">
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {periods.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.closed ? ' (закрыт)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
