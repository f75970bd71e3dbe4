// Paper dates that may be partial (YYYY-MM or YYYY): where such a date starts and ends.

/** Is the date missing its day (YYYY-MM) or its month and day (YYYY)? */
export function isPartialDate(date: string): boolean {
  return date.length === 4 || date.length === 7;
}

/** The first day of the date's period: 2019 -> 2019-01-01, 2019-05 -> 2019-05-01; a full date is itself. Ordering uses it. */
export function periodStart(date: string): string {
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/** The last day of the date's period: 2019 -> 2019-12-31, 2019-02 -> 2019-02-28; a full date is itself. */
export function periodEnd(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length !== 7) return date;
  const [year, month] = date.split('-').map(Number);
  // Day 0 of the next month is the last day of this one.
  return `${date}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
}
