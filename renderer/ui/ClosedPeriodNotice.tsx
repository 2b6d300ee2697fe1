// The banner of a page whose period the deputy closed: what on the page can no longer be changed.
import type { Period } from '../../shared/period';

interface Props {
  period: Pick<Period, 'name' | 'closed'>;
  /** What the page holds: "отметки, пропуски и уроки", "отметки". */
  locked: string;
}

export function ClosedPeriodNotice({ period, locked }: Props) {
  if (!period.closed) return null;
  return (
    <p className="period-closed-notice" role="status">
      <strong>Период закрыт.</strong> Заместитель директора закрыл период «{period.name}»: {locked}{' '}
      изменить нельзя.
    </p>
  );
}
