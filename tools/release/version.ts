// Release versions: calendar tags vYYYY.MM.DD, then vYYYY.MM.DD.1, .2, ... for further releases on
// one day. The day comes from the data (the source commit's date), never from the clock.

/** A release tag of ours, split into its day and its sequence number (0 for the day's first). */
export interface CalendarVersion {
  day: string; // YYYY.MM.DD
  sequence: number;
}

const TAG = /^v(\d{4})\.(\d{2})\.(\d{2})(?:\.([1-9]\d{0,5}))?$/;

export function parseTag(tag: string): CalendarVersion | undefined {
  const match = TAG.exec(tag);
  if (!match) return undefined;
  const [, y, m, d, n] = match;
  if (!isCalendarDay(`${y}-${m}-${d}`)) return undefined;
  return { day: `${y}.${m}.${d}`, sequence: n ? Number(n) : 0 };
}

export function formatTag(version: CalendarVersion): string {
  return `v${version.day}${version.sequence > 0 ? `.${version.sequence}` : ''}`;
}

export function compareVersions(a: CalendarVersion, b: CalendarVersion): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.sequence - b.sequence;
}

function isCalendarDay(iso: string): boolean {
  const time = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(iso);
}

/**
 * The release day of data committed at `dataVersion` (YYYY-MM-DDTHH:MM:SSZ, UTC) or on an explicit
 * `date` (YYYY-MM-DD), as YYYY.MM.DD. Undefined when neither is usable.
 */
export function releaseDay(dataVersion: string | null, date?: string): string | undefined {
  const iso = date ?? dataVersion?.slice(0, 10);
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isCalendarDay(iso)) return undefined;
  return iso.replaceAll('-', '.');
}

/**
 * The tag for a new release on `day`, given the tags already taken. Versions only grow: when the
 * newest existing version is on `day` or later (data committed earlier than the last release, e.g.
 * a back-dated commit), the release takes the next number on that newest day instead.
 */
export function nextVersion(day: string, takenTags: Iterable<string>): string {
  let newest: CalendarVersion | undefined;
  for (const tag of takenTags) {
    const v = parseTag(tag);
    if (v && (!newest || compareVersions(v, newest) > 0)) newest = v;
  }
  if (!newest || newest.day < day) return formatTag({ day, sequence: 0 });
  return formatTag({ day: newest.day, sequence: newest.sequence + 1 });
}
