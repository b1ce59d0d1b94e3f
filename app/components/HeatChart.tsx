/**
 * A thread's comments and flags hour by hour as a small chart drawn on the server (an inline
 * SVG: no script, no request). Comments are bars, flags a darker bar in front; the last hour is
 * on the right. Its text alternative says the same figures.
 */
export function HeatChart({ comments, flags }: { comments: number[]; flags: number[] }) {
  const hours = comments.length;
  const width = 12 * hours;
  const height = 40;
  const top = Math.max(1, ...comments, ...flags);
  const bar = (n: number) => Math.round((n / top) * (height - 2));
  const label = `Comments per hour, oldest first: ${comments.join(", ")}. Flags per hour: ${flags.join(", ")}.`;
  return (
    <svg
      className="heat-chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} className="heat-axis" />
      {[
        { counts: comments, className: "heat-comments", inset: 1, width: 10 },
        { counts: flags, className: "heat-flags", inset: 3, width: 6 },
      ].flatMap(({ counts, className, inset, width: barWidth }) =>
        counts.map((n, hour) =>
          n ? (
            <rect
              key={`${className}${hour}`}
              className={className}
              x={hour * 12 + inset}
              y={height - bar(n)}
              width={barWidth}
              height={bar(n)}
            />
          ) : null,
        ),
      )}
    </svg>
  );
}
