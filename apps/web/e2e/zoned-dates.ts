// Dates as a workspace's clock shows them, for browser tests that plan posts: the day `days` from now in a zone,
// and the instant a wall time of that zone stands for, computed from Intl's own offsets (not the product's code).

/** The calendar date (YYYY-MM-DD) in `timeZone`, `days` after now. */
export function dateIn(timeZone: string, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** The instant clocks in `timeZone` show `date` at `time`, computed from Intl's own offset name. */
export function instantOf(date: string, time: string, timeZone: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const name = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(asUtc))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(asUtc - offsetMinutes * 60_000).toISOString();
}
