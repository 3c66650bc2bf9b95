// Pure calendar arithmetic on `YYYY-MM-DD` strings (rules.md, Dates).
//
// Dates are converted to integer day numbers with a proleptic-Gregorian civil calendar algorithm
// (H. Hinnant's days_from_civil), never through `Date` objects: no time zone, no DST, no local
// clock can shift a day. Every function here takes the dates it needs as parameters.

import { memoized } from './memo.js';
import type { IsoDate } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month m (1..12) of year y. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const parse = memoized((date: IsoDate): Readonly<Ymd> => {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return Object.freeze({ y, m, d });
});

function format({ y, m, d }: Ymd): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True when `date` is a valid `YYYY-MM-DD` calendar date. */
export function isIsoDate(date: string): boolean {
  try {
    parse(date);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 (negative before). */
export const toDayNumber: (date: IsoDate) => number = memoized((date: IsoDate) => {
  const { y: year, m, d } = parse(date);
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
});

/** Inverse of toDayNumber. */
export const fromDayNumber: (dayNumber: number) => IsoDate = memoized((dayNumber: number) => {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`not a day number: ${dayNumber}`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return format({ y, m, d });
});

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** `to − from` in days (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function yearOf(date: IsoDate): number {
  return parse(date).y;
}

/**
 * The same day `months` months later (earlier when negative), clamped to the end of a shorter
 * month: 2019-08-31 − 6 months = 2019-02-28; 2020-02-29 − 12 months = 2019-02-28.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`not a whole number of months: ${months}`);
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** Last day of the date's month. */
export function monthEnd(date: IsoDate): IsoDate {
  const { y, m } = parse(date);
  return format({ y, m, d: daysInMonth(y, m) });
}

/** First day of the date's month. */
export function firstOfMonth(date: IsoDate): IsoDate {
  const { y, m } = parse(date);
  return format({ y, m, d: 1 });
}

/**
 * The exclusive start of the window W(E) = (E − months, E] (rules.md: "after the same calendar
 * day one year earlier"; 29 February − 12 months = 28 February). The evaluation passes the rule
 * set's window length; 12 is the 2019 program's.
 */
export function windowStartExclusive(e: IsoDate, months = 12): IsoDate {
  return months === 12 ? yearWindowStart(e) : addMonthsClamped(e, -months);
}

const yearWindowStart = memoized((e: IsoDate) => addMonthsClamped(e, -12));

/** item ∈ W(E): after E − months and not after E. */
export function inWindow(item: IsoDate, e: IsoDate, months = 12): boolean {
  return compareDates(item, windowStartExclusive(e, months)) > 0 && compareDates(item, e) <= 0;
}

/**
 * The first evaluation date E on which an item dated `item` no longer counts, i.e. the smallest
 * E > item with windowStartExclusive(E) ≥ item. windowStartExclusive is non-decreasing in E, so we
 * start at the item's anniversary (clamped) and step forward. Usually that anniversary itself
 * (an item dated exactly one year before E no longer counts); but for 2020-02-29 the clamped
 * anniversary 2021-02-28 still counts (its window starts on 2020-02-28), so it leaves on 2021-03-01.
 */
export function leavesWindowOn(item: IsoDate, months = 12): IsoDate {
  return months === 12 ? leavesYearWindowOn(item) : computeLeavesWindowOn(item, months);
}

const leavesYearWindowOn = memoized((item: IsoDate) => computeLeavesWindowOn(item, 12));

function computeLeavesWindowOn(item: IsoDate, months: number): IsoDate {
  const itemDay = toDayNumber(item);
  let e = toDayNumber(addMonthsClamped(item, months));
  while (toDayNumber(windowStartExclusive(fromDayNumber(e), months)) < itemDay) e += 1;
  return fromDayNumber(e);
}

/** The same day six months (or `months`) earlier, clamped (2019-08-31 → 2019-02-28). */
export function sixMonthsBefore(d: IsoDate, months = 6): IsoDate {
  return addMonthsClamped(d, -months);
}

/**
 * The renewal date's anniversary in `year`: same month and day; 29 February falls on 28 February
 * in other years. **Decision**: anniversaries recur in every year, before the renewal date's own
 * year as well as after it. partners.csv carries the membership renewal date as Partner Central
 * shows it (typically the upcoming one, moved forward a year after each renewal), so only its month
 * and day carry meaning; the billing date B(D) is therefore always defined when renewal_date is.
 */
export function anniversaryInYear(renewalDate: IsoDate, year: number): IsoDate {
  const { m, d } = parse(renewalDate);
  return format({ y: year, m, d: Math.min(d, daysInMonth(year, m)) });
}

/** B(D): the latest anniversary on or before D. Never moved by a review transition (FAQ 6). */
export function billingDate(renewalDate: IsoDate, d: IsoDate): IsoDate {
  const y = yearOf(d);
  const thisYear = anniversaryInYear(renewalDate, y);
  return compareDates(thisYear, d) <= 0 ? thisYear : anniversaryInYear(renewalDate, y - 1);
}

/** The earliest anniversary on or after D, without any transition. */
export function nextAnniversary(renewalDate: IsoDate, d: IsoDate): IsoDate {
  const y = yearOf(d);
  const thisYear = anniversaryInYear(renewalDate, y);
  return compareDates(thisYear, d) >= 0 ? thisYear : anniversaryInYear(renewalDate, y + 1);
}

/**
 * A one-off move of compliance reviews (FAQ 4 for 2019): a partner whose anniversary in
 * year(reviewOn) falls in [anniversaryFrom, anniversaryTo] is reviewed on `reviewOn` instead, for
 * every D after its anniversary of the previous year and up to `reviewOn`.
 */
export interface ReviewTransition {
  anniversaryFrom: IsoDate;
  anniversaryTo: IsoDate;
  reviewOn: IsoDate;
}

/**
 * R(D): the earliest anniversary on or after D, unless a review transition applies (rules.md).
 * With the 2019 transition, a 2019-06-01 anniversary is reviewed on 2019-12-13 for any D in
 * (2018-06-01, 2019-12-13], including D after 2019-06-01 whose plain R would be 2020-06-01.
 */
export function reviewDate(
  renewalDate: IsoDate,
  d: IsoDate,
  transitions: readonly ReviewTransition[] = [],
): IsoDate {
  for (const t of transitions) {
    const year = yearOf(t.reviewOn);
    const anniversary = anniversaryInYear(renewalDate, year);
    const previous = anniversaryInYear(renewalDate, year - 1);
    if (
      compareDates(anniversary, t.anniversaryFrom) >= 0 &&
      compareDates(anniversary, t.anniversaryTo) <= 0 &&
      compareDates(d, previous) > 0 &&
      compareDates(d, t.reviewOn) <= 0
    ) {
      return t.reviewOn;
    }
  }
  return nextAnniversary(renewalDate, d);
}
