// Feed dates: RFC 822 (RSS), ISO 8601 (Atom, JSON Feed, Dublin Core) and the broken variants real feeds send —
// two-digit years, times without colons, localised day and month names, US zone names, no zone at all — and
// asctime and JavaScript Date strings. No library reads this mix (date-fns and luxon parse one format at a time,
// Date.parse accepts nonsense), so the formats are written out here, each named.
// A date that cannot be read is null, never "now": a guessed date would reorder a listening timeline.

// Month abbreviations, lower case, without accents: English, then French, Portuguese, Spanish, German, Italian,
// Dutch, Hungarian, Greek.
// Looked up by the name's first four letters, then three, so French "juin" and "juil." stay apart.
const MONTHS = new Map<string, number>(
  [
    'jan janv ene gen ιαν',
    'feb fev fevr febr φεβ',
    'mar mrz mrt μαρ',
    'apr avr abr απρ',
    'may mai mag mei maj μαι',
    'jun juin giu ιουν',
    'jul juil lug ιουλ',
    'aug aou aout ago αυγ',
    'sep sept set sze σεπ',
    'oct okt out ott οκτ',
    'nov νοε',
    'dec dez dic δεκ',
  ].flatMap((names, month) => names.split(' ').map((name) => [name, month] as const)),
);

/** Offsets in minutes for the zone names RFC 822 allows, plus the ones feeds use anyway (US, European, Asian). */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  // US zones; "ET", "CT", "MT", "PT" name the zone without saying summer or winter: read as standard time.
  ast: -240,
  adt: -180,
  est: -300,
  edt: -240,
  et: -300,
  cst: -360,
  cdt: -300,
  ct: -360,
  mst: -420,
  mdt: -360,
  mt: -420,
  pst: -480,
  pdt: -420,
  pt: -480,
  akst: -540,
  akdt: -480,
  hst: -600,
  nst: -210,
  ndt: -150,
  ist: 330,
  sgt: 480,
  hkt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

const TIME = String.raw`(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?(?:\s*([ap])\.?m\.?)?|(\d{2})(\d{2})(\d{2})?`;
const ZONE = String.raw`(?:(?:gmt|utc|ut)\s*)?[+-]\d{1,2}(?::?\d{2})?|etc\/(?:gmt|utc)(?:[+-]\d{1,2})?|[a-z]{1,5}`;

/**
 * ISO 8601 as feeds write it (W3CDTF, RFC 3339, the basic format, a space for the "T", year or month alone).
 * A zone is only read after a time, so "2013-01-27-01" is refused rather than read as the 27th at UTC−1.
 */
const ISO = new RegExp(
  String.raw`^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:(?:t|\s+)(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(z|[+-]\d{2}(?::?\d{2})?|[a-z]{2,5})?)?)?)?$`,
  'i',
);
/** Day first: RFC 822 / 2822 / 850 ("Mon, 13 Feb 2012 10:00:00 GMT", "Mon, 13 Feb, 2012", "13-Feb-12"). */
const DAY_FIRST = new RegExp(
  String.raw`^(?:[\p{L}.]+,?\s*)?(\d{1,2})(?:st|nd|rd|th|er)?\.?[\s-]+([\p{L}.]+),?[\s-]+(\d{2,4}),?(?:(?:\s+|t)(?:${TIME}))?\s*(${ZONE})?(?:\s*\(.*\))?$`,
  'iu',
);
/**
 * Month first: asctime ("Sun Jan  4 16:29:06 2004"), JavaScript's Date ("Sun Jul 15 01:16:00 +0000 2012",
 * "Sun Jul 15 2012 01:16:00 GMT+0000 (UTC)") and US prose ("January 4, 2004 4:29 PM").
 */
const MONTH_FIRST = new RegExp(
  String.raw`^(?:[\p{L}]+\.?,?\s+)?([\p{L}]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}),?)?(?:\s+(?:at\s+)?(?:${TIME}))?(?:\s*(${ZONE}))?(?:\s+(\d{4}))?(?:\s*\(.*\))?$`,
  'iu',
);

/** Milliseconds since the epoch, or null when the text is not a date a feed would send. */
export function parseFeedDate(raw: string | undefined | null): number | null {
  if (raw === undefined || raw === null) return null;
  const text = rewriteVariants(raw.trim().replace(/\s+/g, ' '));
  if (text === '') return null;
  const ordinal = /^(\d{4})-?(\d{3})$/.exec(text);
  if (ordinal) {
    // ISO 8601 ordinal date: the year's nth day.
    const day = +ordinal[2]!;
    const start = Date.UTC(+ordinal[1]!, 0, 1);
    const time = start + (day - 1) * 86_400_000;
    return day >= 1 && new Date(time).getUTCFullYear() === +ordinal[1]! ? time : null;
  }
  const iso = ISO.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    return build(+year!, month === undefined ? 0 : +month - 1, day === undefined ? 1 : +day, {
      hour,
      minute,
      second,
      fraction,
      zone,
    });
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, day, monthName, yearText, hour, minute, second, meridiem, hhmmH, hhmmM, hhmmS, zone] = dayFirst;
    const month = monthOf(monthName!);
    if (month === undefined) return null;
    return build(fullYear(yearText!), month, +day!, {
      hour: twelveHour(hour ?? hhmmH, meridiem),
      minute: minute ?? hhmmM,
      second: second ?? hhmmS,
      zone,
    });
  }
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) {
    const [, monthName, day, yearBefore, hour, minute, second, meridiem, hhmmH, hhmmM, hhmmS, zone, yearAfter] =
      monthFirst;
    const month = monthOf(monthName!);
    const yearText = yearBefore ?? yearAfter;
    if (month === undefined || yearText === undefined || (yearBefore && yearAfter)) return null;
    return build(+yearText, month, +day!, {
      hour: twelveHour(hour ?? hhmmH, meridiem),
      minute: minute ?? hhmmM,
      second: second ?? hhmmS,
      zone,
    });
  }
  return null;
}

/**
 * Spellings that are ISO 8601 in all but form, rewritten to it: slashes (Perforce's "2006/01/20 14:13:09"), a month
 * name between dashes (Hungarian "2004-július-13T9:15+02:00"), Korean "2004년 05월 28일" with 오전/오후 (a.m./p.m.),
 * which Korean feeds write in Korea's time, UTC+9.
 */
function rewriteVariants(text: string): string {
  let rewritten = text.replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/, (_all, y: string, m: string, d: string) =>
    isoDate(y, m, d),
  );
  rewritten = rewritten.replace(/^(\d{4})-(\p{L}+)\.?-(\d{1,2})(?!\d)/u, (all, y: string, name: string, d: string) => {
    const month = monthOf(name);
    return month === undefined ? all : isoDate(y, String(month + 1), d);
  });
  rewritten = rewritten.replace(/^(\d{4}-\d{2}-\d{2}T)(\d):/, (_all, date: string, hour: string) => `${date}0${hour}:`);
  const korean =
    /^(?:(\d{4})년 ?(\d{1,2})월 ?(\d{1,2})일|(\d{4})-(\d{2})-(\d{2}))(?: ?(오전|오후))? ?(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(
      rewritten,
    );
  if (korean && (korean[1] !== undefined || korean[7] !== undefined)) {
    const [y, m, d] =
      korean[1] !== undefined ? [korean[1], korean[2]!, korean[3]!] : [korean[4]!, korean[5]!, korean[6]!];
    let hour = +korean[8]!;
    if (korean[7] === '오후' && hour < 12) hour += 12;
    if (korean[7] === '오전' && hour === 12) hour = 0;
    return `${isoDate(y, m, d)}T${pad(hour)}:${korean[9]}:${korean[10] ?? '00'}+09:00`;
  }
  return rewritten;
}

function isoDate(year: string, month: string, day: string): string {
  return `${year}-${pad(+month)}-${pad(+day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function monthOf(name: string): number | undefined {
  const folded = foldAccents(name);
  return MONTHS.get(folded.slice(0, 4)) ?? MONTHS.get(folded.slice(0, 3));
}

/** RFC 2822 §4.3: two-digit years 00–49 are 20xx and 50–99 are 19xx; three-digit years add 1900. */
function fullYear(text: string): number {
  const year = +text;
  if (text.length === 2) return year + (year < 50 ? 2000 : 1900);
  if (text.length === 3) return year + 1900;
  return year;
}

function twelveHour(hour: string | undefined, meridiem: string | undefined): string | undefined {
  if (hour === undefined || meridiem === undefined) return hour;
  const h = +hour;
  if (h < 1 || h > 12) return '99';
  return String((h % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0));
}

interface TimeParts {
  hour?: string | undefined;
  minute?: string | undefined;
  second?: string | undefined;
  fraction?: string | undefined;
  zone?: string | undefined;
}

function build(year: number, month: number, day: number, time: TimeParts): number | null {
  const h = time.hour === undefined ? 0 : +time.hour;
  const m = time.minute === undefined ? 0 : +time.minute;
  const s = time.second === undefined ? 0 : +time.second;
  if (month < 0 || month > 11 || day < 1 || day > 31 || h > 24 || m > 59 || s > 60) return null;
  const offset = parseZone(time.zone);
  if (offset === null) return null;
  const ms = time.fraction === undefined ? 0 : Math.round(Number(`0.${time.fraction}`) * 1000);
  const utc = Date.UTC(year, month, day, h, m, s, ms) - offset * 60_000;
  // Date.UTC rolls 31 February over into March: refuse it rather than invent a day.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return null;
  return year >= 1970 && year <= 2200 ? utc : null;
}

/** Minutes east of UTC; no zone means UTC (the feed gave no better hint); an unknown name is refused. */
function parseZone(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  const text = zone.toLowerCase().replace(/\s+/g, '');
  // POSIX names count the other way: Etc/GMT+5 is five hours behind UTC.
  const posix = /^etc\/(?:gmt|utc)(?:([+-])(\d{1,2}))?$/.exec(text);
  if (posix) return posix[1] === undefined ? 0 : (posix[1] === '+' ? -1 : 1) * +posix[2]! * 60;
  const numeric = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (numeric) {
    const [, sign, hours, minutes] = numeric;
    // "+530" is +05:30: three digits are an hour and its minutes.
    const [h, m] = hours!.length === 1 && minutes ? [+hours!, +minutes] : [+hours!, +(minutes ?? 0)];
    if (h > 14 || m > 59) return null;
    return (sign === '-' ? -1 : 1) * (h * 60 + m);
  }
  const named = ZONES[text];
  if (named !== undefined) return named;
  // RFC 822 military zones are a single letter whose sign was defined backwards; RFC 2822 §4.3 says read them as
  // -0000, an unknown offset: UTC.
  return /^[a-ik-z]$/.test(text) ? 0 : null;
}

function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f.]/g, '')
    .toLowerCase();
}
