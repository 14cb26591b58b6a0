/**
 * Partial ISO dates (`2015`, `2020-07`, `2020-07-01`) compared as periods: a
 * start date means its first day, an end date its last day, so a membership
 * that ended "2019" counts as running until 31 Dec 2019.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE.test(value);
}

export function firstDay(value: string): string {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return value;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
}

export function lastDay(value: string): string {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return value;
  if (m[3]) return value;
  if (!m[2]) return `${m[1]}-12-31`;
  const days = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return `${m[1]}-${m[2]}-${String(days).padStart(2, '0')}`;
}

export type PeriodStatus = 'ACTIVE' | 'ENDED' | 'UPCOMING' | 'UNKNOWN';

/** Where a period stands on `today` (YYYY-MM-DD). */
export function periodStatus(start: string | null, end: string | null, today: string): PeriodStatus {
  if (end && lastDay(end) < today) return 'ENDED';
  if (start && firstDay(start) > today) return 'UPCOMING';
  if (!start && !end) return 'UNKNOWN';
  return 'ACTIVE';
}

export function yearOf(value: string | null): number | null {
  const m = value ? PARTIAL_DATE.exec(value) : null;
  return m ? Number(m[1]) : null;
}

/** The network lives in Germany: its days (membership ends, rounds, campaigns) are Berlin days. */
export const NETWORK_TIME_ZONE = 'Europe/Berlin';

// en-CA formats dates as YYYY-MM-DD; built once, formatting is the hot part.
const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: NETWORK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in Europe/Berlin. A UTC
 * day would keep a membership that ended on 31 December running for the
 * first one or two hours of the new year.
 */
export function networkDay(instant: Date): string {
  return BERLIN_DAY.format(instant);
}
