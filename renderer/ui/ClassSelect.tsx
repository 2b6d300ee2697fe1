// A class selector ("Класс 5А"), optionally with a first choice for every class at once.
import type { SchoolClass } from '../../shared/school-class';

interface Props {
  classes: readonly SchoolClass[];
  value: string;
  onChange: (classId: string) => void;
  /** The label of the '' choice ("Все классы"); none when absent. */
  allLabel?: string;
}

export function ClassSelect({ classes, value, onChange, allLabel }: Props) {
  return (
    <label>
      Класс{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {classes.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
