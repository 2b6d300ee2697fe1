// A small inline SVG bar chart: one row per label, up to two bars (e.g. success and quality, in %).
interface Series {
  name: string;
  color: string;
  values: readonly (number | null)[];
}

interface Props {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  /** The value a full bar stands for (100 for percents). */
  max: number;
  unit?: string;
}

const LABEL_W = 150;
const BAR_W = 360;
const BAR_H = 9;
const GAP = 6;

export function BarChart({ title, labels, series, max, unit = '' }: Props) {
  const rowH = series.length * (BAR_H + 1) + GAP;
  const height = labels.length * rowH + 24;
  const width = LABEL_W + BAR_W + 60;
  return (
    <figure className="bar-chart">
      <figcaption>
        {title}{' '}
        {series.map((s) => (
          <span key={s.name} className="legend">
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={s.color} />
            </svg>{' '}
            {s.name}
          </span>
        ))}
      </figcaption>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line
              x1={LABEL_W + f * BAR_W}
              x2={LABEL_W + f * BAR_W}
              y1={0}
              y2={height - 16}
              stroke="#d6dae1"
            />
            <text
              x={LABEL_W + f * BAR_W}
              y={height - 4}
              fontSize="10"
              textAnchor="middle"
              fill="#6b7280"
            >
              {Math.round(f * max)}
              {unit}
            </text>
          </g>
        ))}
        {labels.map((label, i) => {
          const y = i * rowH;
          return (
            <g key={`${label}-${i}`}>
              <text x={LABEL_W - 6} y={y + rowH / 2} fontSize="11" textAnchor="end" fill="#1d2430">
                {label.length > 24 ? `${label.slice(0, 23)}…` : label}
              </text>
              {series.map((s, k) => {
                const v = s.values[i] ?? null;
                const w = v === null ? 0 : (Math.max(0, Math.min(v, max)) / max) * BAR_W;
                const by = y + k * (BAR_H + 1);
                return (
                  <g key={s.name}>
                    <rect x={LABEL_W} y={by} width={w} height={BAR_H} fill={s.color}>
                      <title>{`${label}: ${s.name} ${v === null ? '—' : String(v).replace('.', ',')}${unit}`}</title>
                    </rect>
                    <text x={LABEL_W + w + 4} y={by + BAR_H - 1} fontSize="9" fill="#6b7280">
                      {v === null ? '—' : String(v).replace('.', ',')}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
