import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  anniversaryInYear,
  billingDate,
  daysBetween,
  fromDayNumber,
  inWindow,
  isIsoDate,
  leavesWindowOn,
  monthEnd,
  reviewDate,
  sixMonthsBefore,
  toDayNumber,
  windowStartExclusive,
} from '../../src/rules/dates.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';

const T2019 = RULESET_2019.reviewTransitions;

describe('day arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2019-10-01', 90)).toBe('2019-12-30');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2019-11-30', '2019-12-13')).toBe(13); // cli.md example
    expect(daysBetween('2020-01-01', '2021-01-01')).toBe(366);
    expect(daysBetween('2019-12-13', '2019-11-30')).toBe(-13);
  });

  it('agrees with UTC Date arithmetic over 1900–2100 (no time zone involved)', () => {
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    for (let n = start; n < start + 73_415; n += 7) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(toDayNumber(iso)).toBe(n);
      expect(fromDayNumber(n)).toBe(iso);
    }
  });

  it('rejects malformed and impossible dates', () => {
    expect(isIsoDate('2019-02-29')).toBe(false);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2019-2-01')).toBe(false);
    expect(() => addDays('2019-13-01', 1)).toThrow(RangeError);
  });
});

describe('months (rules.md, Dates)', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonthsClamped('2019-08-31', -6)).toBe('2019-02-28');
    expect(addMonthsClamped('2020-08-31', -6)).toBe('2020-02-29');
    expect(addMonthsClamped('2019-01-31', 1)).toBe('2019-02-28');
    expect(addMonthsClamped('2019-12-15', 1)).toBe('2020-01-15');
    expect(addMonthsClamped('2020-01-15', -1)).toBe('2019-12-15');
  });

  it('six months before D, clamped (2019-08-31 → 2019-02-28), 29 February included', () => {
    expect(sixMonthsBefore('2019-08-31')).toBe('2019-02-28');
    expect(sixMonthsBefore('2020-08-31')).toBe('2020-02-29');
    expect(sixMonthsBefore('2020-08-29')).toBe('2020-02-29');
    expect(sixMonthsBefore('2021-08-29')).toBe('2021-02-28');
  });

  it('month ends, 29 February in leap years', () => {
    expect(monthEnd('2020-02-10')).toBe('2020-02-29');
    expect(monthEnd('2019-02-10')).toBe('2019-02-28');
    expect(monthEnd('2019-04-01')).toBe('2019-04-30');
  });
});

describe('the 12-month window W(E) = (E − 12 months, E]', () => {
  it('starts after the same day a year earlier; 29 February − 12 months = 28 February', () => {
    expect(windowStartExclusive('2019-11-30')).toBe('2018-11-30');
    expect(windowStartExclusive('2020-02-29')).toBe('2019-02-28');
    expect(windowStartExclusive('2021-02-28')).toBe('2020-02-28');
  });

  it('an item dated exactly one year before E no longer counts (rules.md Decision)', () => {
    expect(inWindow('2018-11-30', '2019-11-30')).toBe(false);
    expect(inWindow('2018-12-01', '2019-11-30')).toBe(true);
    expect(inWindow('2019-11-30', '2019-11-30')).toBe(true);
    expect(inWindow('2019-12-01', '2019-11-30')).toBe(false);
  });

  it('29 February: E = 2020-02-29 excludes 2019-02-28; E = 2021-02-28 still holds 2020-02-29', () => {
    expect(inWindow('2019-02-28', '2020-02-29')).toBe(false);
    expect(inWindow('2019-03-01', '2020-02-29')).toBe(true);
    expect(inWindow('2020-02-29', '2021-02-28')).toBe(true);
    expect(inWindow('2020-02-28', '2021-02-28')).toBe(false);
  });
});

describe('leavesWindowOn: the first E at which an item no longer counts', () => {
  it('is the anniversary of an ordinary date', () => {
    expect(leavesWindowOn('2019-05-10')).toBe('2020-05-10');
    expect(leavesWindowOn('2019-02-28')).toBe('2020-02-28');
    expect(leavesWindowOn('2019-03-01')).toBe('2020-03-01');
    expect(leavesWindowOn('2020-02-28')).toBe('2021-02-28');
  });

  it('2020-02-29 still counts on 2021-02-28 (window starts after 2020-02-28) and leaves on 2021-03-01', () => {
    expect(leavesWindowOn('2020-02-29')).toBe('2021-03-01');
  });

  it('agrees with the window definition for every item date of 2019–2021', () => {
    for (let n = toDayNumber('2019-01-01'); n <= toDayNumber('2021-12-31'); n += 1) {
      const item = fromDayNumber(n);
      const leaves = leavesWindowOn(item);
      expect(inWindow(item, addDays(leaves, -1))).toBe(true);
      expect(inWindow(item, leaves)).toBe(false);
      expect(inWindow(item, addDays(leaves, 1))).toBe(false);
    }
  });
});

describe('anniversaries, billing B(D) and review R(D)', () => {
  it('29 February renews on 28 February in other years', () => {
    expect(anniversaryInYear('2016-02-29', 2019)).toBe('2019-02-28');
    expect(anniversaryInYear('2016-02-29', 2020)).toBe('2020-02-29');
    expect(anniversaryInYear('2019-10-01', 2017)).toBe('2017-10-01');
  });

  it('B(D) is the latest anniversary on or before D', () => {
    expect(billingDate('2019-10-01', '2019-11-30')).toBe('2019-10-01');
    expect(billingDate('2019-10-01', '2019-10-01')).toBe('2019-10-01');
    expect(billingDate('2019-10-01', '2019-09-30')).toBe('2018-10-01');
    expect(billingDate('2016-02-29', '2019-03-01')).toBe('2019-02-28');
    expect(billingDate('2016-02-29', '2020-02-28')).toBe('2019-02-28');
    expect(billingDate('2016-02-29', '2020-02-29')).toBe('2020-02-29');
  });

  it('Decision: anniversaries recur before the renewal date too, so a future renewal date still has a B(D)', () => {
    expect(billingDate('2020-05-01', '2019-11-30')).toBe('2019-05-01');
    expect(reviewDate('2021-01-15', '2019-11-30', T2019)).toBe('2020-01-15');
  });

  it('R(D) is the earliest anniversary on or after D (no transition)', () => {
    expect(reviewDate('2019-10-01', '2019-11-30')).toBe('2020-10-01');
    expect(reviewDate('2016-02-29', '2019-02-28', T2019)).toBe('2019-02-28');
    expect(reviewDate('2016-02-29', '2019-03-01', T2019)).toBe('2020-02-29');
    expect(reviewDate('2019-03-31', '2019-01-15', T2019)).toBe('2019-03-31');
    expect(reviewDate('2019-03-31', '2019-04-15', T2019)).toBe('2020-03-31');
    expect(reviewDate('2019-12-14', '2019-06-01', T2019)).toBe('2019-12-14');
  });

  it('FAQ 4: 2019 anniversaries from 2019-04-01 to 2019-12-13 are reviewed on 2019-12-13', () => {
    // cli.md example: anniversary 10-01, D 2019-11-30 → review 2019-12-13.
    expect(reviewDate('2019-10-01', '2019-11-30', T2019)).toBe('2019-12-13');
    expect(reviewDate('2019-04-01', '2019-01-15', T2019)).toBe('2019-12-13');
    expect(reviewDate('2019-12-13', '2019-06-01', T2019)).toBe('2019-12-13');
    // D after the 2018 anniversary, up to 2019-12-13 inclusive
    expect(reviewDate('2019-10-01', '2018-10-01', T2019)).toBe('2018-10-01');
    expect(reviewDate('2019-10-01', '2018-10-02', T2019)).toBe('2019-12-13');
    expect(reviewDate('2019-10-01', '2019-12-13', T2019)).toBe('2019-12-13');
    expect(reviewDate('2019-10-01', '2019-12-14', T2019)).toBe('2020-10-01');
  });

  it('FAQ 6: the transition never moves billing', () => {
    expect(reviewDate('2019-06-01', '2019-11-30', T2019)).toBe('2019-12-13');
    expect(billingDate('2019-06-01', '2019-11-30')).toBe('2019-06-01');
  });
});
