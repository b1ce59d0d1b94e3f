// Dates are shown in UTC, the same on the server and in every browser, so hydration agrees.
const FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Formatted minutes, remembered: a thread shows hundreds of comments from the same few hours. */
const minutes = new Map<string, string>();

function atMinute(iso: string): string {
  const minute = iso.slice(0, 16);
  let text = minutes.get(minute);
  if (text === undefined) {
    text = FORMAT.format(new Date(iso));
    if (minutes.size >= 10_000) minutes.clear();
    minutes.set(minute, text);
  }
  return text;
}

export function When({ iso, day = false }: { iso: string; day?: boolean }) {
  return <time dateTime={iso}>{day ? DAY.format(new Date(iso)) : atMinute(iso)}</time>;
}
