// A small list to pick the work type of the selected cell's last mark: arrows + Enter, or the
// first letter of the work type, or a click. Escape closes it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { WorkType } from '../../shared/grading-policy';

interface Props {
  workTypes: readonly WorkType[];
  onChoose: (workTypeId: string) => void;
  onClose: () => void;
}

export function WorkTypePicker({ workTypes, onChoose, onClose }: Props) {
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => listRef.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    const key = event.key;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      const step = key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + workTypes.length) % workTypes.length);
    } else if (key === 'Enter') {
      const chosen = workTypes[active];
      if (chosen) onChoose(chosen.id);
    } else if (key === 'Escape') {
      onClose();
    } else if (key.length === 1) {
      // The first letter jumps to the next work type starting with it (Д: домашняя, диктант…).
      const letter = key.toLocaleLowerCase('ru');
      const n = workTypes.length;
      for (let k = 1; k <= n; k++) {
        const i = (active + k) % n;
        if (workTypes[i]?.name.toLocaleLowerCase('ru').startsWith(letter)) {
          setActive(i);
          break;
        }
      }
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="work-type-picker" role="dialog" aria-label="Вид работы">
      <p>Вид работы для последней отметки в клетке:</p>
      <ul
        ref={listRef}
        role="listbox"
        tabIndex={0}
        aria-activedescendant={`wt-${active}`}
        onKeyDown={onKeyDown}
        onBlur={onClose}
      >
        {workTypes.map((w, i) => (
          <li
            key={w.id}
            id={`wt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              onChoose(w.id);
            }}
          >
            {w.name}{' '}
            <small>
              ({w.short}, вес {w.weight})
            </small>
          </li>
        ))}
      </ul>
    </div>
  );
}
