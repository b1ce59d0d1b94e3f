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
      {comments.map((n, hour) => (
        <rect
          key={`c${hour}`}
          className="heat-comments"
          x={hour * 12 + 1}
          y={height - bar(n)}
          width="10"
          height={bar(n)}
        />
      ))}
      {flags.map((n, hour) =>
        n ? (
          <rect
            key={`f${hour}`}
            className="heat-flags"
            x={hour * 12 + 3}
            y={height - bar(n)}
            width="6"
            height={bar(n)}
          />
        ) : null,
      )}
    </svg>
  );
}
