// Feed dates: RFC 822 (RSS), ISO 8601 (Atom, JSON Feed, Dublin Core) and the broken variants real feeds send —
// two-digit years, times without colons, localised day and month names, US zone names, no zone at all.
// A date that cannot be read is null, never "now": a guessed date would reorder a listening timeline.

// Month abbreviations, lower case, without accents: English, then French, Portuguese, Spanish, German, Italian.
// Looked up by the name's first four letters, then three, so French "juin" and "juil." stay apart.
const MONTHS = new Map<string, number>(
  [
    'jan janv ene gen',
    'feb fev fevr febr',
    'mar mrz',
    'apr avr abr',
    'may mai mag',
    'jun juin giu',
    'jul juil lug',
    'aug aou aout ago',
    'sep sept set',
    'oct okt out ott',
    'nov',
    'dec dez dic',
  ].flatMap((names, month) => names.split(' ').map((name) => [name, month] as const)),
);

/** Offsets in minutes for the zone names RFC 822 allows, plus the ones feeds use anyway. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  met: 60,
  cest: 120,
  mest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ist: 330,
  jst: 540,
  aest: 600,
  aedt: 660,
};

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?|[a-z]{1,5})?$/i;
const RFC822 =
  /^(?:[\p{L}.]+,?\s*)?(\d{1,2})[\s-]+([\p{L}.]+)[\s-]+(\d{2,4})(?:[\sT]+(\d{1,2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?)?\s*(z|[+-]\d{2}:?\d{2}|[a-z]{1,5})?(?:\s*\(.*\))?$/iu;

/** Milliseconds since the epoch, or null when the text is not a date a feed would send. */
export function parseFeedDate(raw: string | undefined | null): number | null {
  if (raw === undefined || raw === null) return null;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    return build(+year!, +month! - 1, +day!, hour, minute, second, fraction, zone);
  }
  const rfc = RFC822.exec(text);
  if (rfc) {
    const [, day, monthName, yearText, hour, minute, second, zone] = rfc;
    const folded = foldAccents(monthName!);
    const month = MONTHS.get(folded.slice(0, 4)) ?? MONTHS.get(folded.slice(0, 3));
    if (month === undefined) return null;
    let year = +yearText!;
    // RFC 822 two-digit years; RFC 2822 §4.3 says 00–49 are 20xx and 50–99 are 19xx.
    if (yearText!.length === 2) year += year < 50 ? 2000 : 1900;
    return build(year, month, +day!, hour, minute, second, undefined, zone);
  }
  return null;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  zone: string | undefined,
): number | null {
  const h = hour === undefined ? 0 : +hour;
  const m = minute === undefined ? 0 : +minute;
  const s = second === undefined ? 0 : +second;
  if (month < 0 || month > 11 || day < 1 || day > 31 || h > 24 || m > 59 || s > 60) return null;
  const offset = parseZone(zone);
  if (offset === null) return null;
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const time = Date.UTC(year, month, day, h, m, s, ms) - offset * 60_000;
  // Date.UTC rolls 31 February over into March: refuse it rather than invent a day.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return year >= 1970 && year <= 2200 ? time : null;
}

/** Minutes east of UTC; no zone means UTC (the feed gave no better hint); an unknown name is refused. */
function parseZone(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = +numeric[2]! * 60 + +(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  // RFC 822 military zones are a single letter whose sign was defined backwards; RFC 2822 says treat as UTC.
  return /^[a-z]$/i.test(zone) ? 0 : null;
}

function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f.]/g, '')
    .toLowerCase();
}
