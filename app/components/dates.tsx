// Dates are shown in UTC, the same on the server and in every browser, so hydration agrees.
const FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function When({ iso, day = false }: { iso: string; day?: boolean }) {
  return <time dateTime={iso}>{(day ? DAY : FORMAT).format(new Date(iso))}</time>;
}
