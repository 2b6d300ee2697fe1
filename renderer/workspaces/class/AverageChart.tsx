// A small inline SVG line chart of a running average (marks 1–5 on the vertical axis).
import type { AveragePoint } from '../../../shared/reports/class-overview';
import { formatAverage } from '../../../shared/statistics';
import { formatDayMonth } from '../../../shared/dates';

interface Props {
  points: readonly AveragePoint[];
  /** The period's first and last day: the horizontal axis. */
  from: string;
  to: string;
  title: string;
}

const W = 560;
const H = 220;
const PAD = { left: 34, right: 14, top: 12, bottom: 28 };

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

export function AverageChart({ points, from, to, title }: Props) {
  const x0 = dayNumber(from);
  const span = Math.max(1, dayNumber(to) - x0);
  const x = (iso: string) => PAD.left + ((dayNumber(iso) - x0) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((5 - v) / 4) * (H - PAD.top - PAD.bottom);
  const path = points
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.average).toFixed(1)}`)
    .join(' ');
  const last = points[points.length - 1];

  return (
    <figure className="average-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {[1, 2, 3, 4, 5].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid-line" />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" className="axis-label">
              {v}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 8} className="axis-label">
          {formatDayMonth(from)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="axis-label">
          {formatDayMonth(to)}
        </text>
        {points.length > 0 && <path d={path} className="series" />}
        {points.map((p) => (
          <circle key={p.date} cx={x(p.date)} cy={y(p.average)} r={3.5} className="point">
            <title>{`${formatDayMonth(p.date)}: ${formatAverage(p.average)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        {points.length === 0
          ? 'В этом периоде по предмету ещё нет отметок.'
          : `Средний балл на ${formatDayMonth(last?.date ?? to)}: ${formatAverage(last?.average ?? null)}`}
      </figcaption>
    </figure>
  );
}
