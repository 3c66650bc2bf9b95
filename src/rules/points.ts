// The evaluation points of one partner on D: the parameters the SQL layer binds to compute an
// EvidenceFigures for each (rules.md, Dates, What counts, Projection).

import {
  addDays,
  addMonthsClamped,
  billingDate as billingDateOf,
  compareDates,
  daysBetween,
  firstOfMonth,
  reviewDate as reviewDateOf,
  sixMonthsBefore,
  windowStartExclusive,
} from './dates.js';
import { memoized } from './memo.js';
import type { RuleSet } from './ruleset.js';
import type { IsoDate, PartnerFacts } from './types.js';

/**
 * One evaluation date E and what counts there. How the SQL layer uses it, per evidence kind:
 *
 * - dated evidence in the window (launched_on, legacy submitted_on, public reference dates,
 *   CSAT submitted_on): `windowStartExclusive < date AND date <= cutoff`. cutoff ≤ e always, so this
 *   is "date ∈ W(e) and dated on or before D": the projection never counts an item dated after D.
 * - held credentials and program validations: `issued_on/validated_on <= cutoff AND
 *   (expires_on IS NULL OR expires_on >= e)`: held on e (the expiry day still counts) and obtained
 *   by D; one expiring before the review date drops out of the projection.
 * - legacy revenue credits: only when `legacyCreditsActive` (E ≤ 2020-03-31, FAQ 25).
 * - direct revenue: rows with `month BETWEEN revenueMonthFrom AND revenueMonthTo` (months stored as
 *   their first day). These are the complete months whose last day is in W(e) and not after the
 *   cutoff: a month that is not over on D is not evidence dated on or before D. The range is empty
 *   (from > to) when no month qualifies, e.g. a review date more than a year after D's months.
 */
export interface EvaluationPoint {
  point: 'asOf' | 'review';
  /** the evaluation date: D, or the review date R(D) */
  e: IsoDate;
  /** E − 12 months: W(E) = (windowStartExclusive, E] */
  windowStartExclusive: IsoDate;
  /** only evidence dated on or before D counts, at both points */
  cutoff: IsoDate;
  legacyCreditsActive: boolean;
  /** first day of the first complete month whose last day is in W(E) */
  revenueMonthFrom: IsoDate;
  /** first day of the last complete month whose last day is ≤ cutoff */
  revenueMonthTo: IsoDate;
}

// A point depends on its dates alone, and a roster shares a few hundred of them: each is computed
// once per rule set and shared, frozen.
// The key is "kind e cutoff".
const POINTS = new WeakMap<RuleSet, (key: string) => Readonly<EvaluationPoint>>();

function point(kind: EvaluationPoint['point'], e: IsoDate, cutoff: IsoDate, ruleSet: RuleSet): Readonly<EvaluationPoint> {
  let pointOf = POINTS.get(ruleSet);
  if (pointOf === undefined) {
    pointOf = memoized((key: string) => {
      const [k, date, cut] = key.split(' ') as [EvaluationPoint['point'], IsoDate, IsoDate];
      return Object.freeze(computePoint(k, date, cut, ruleSet));
    });
    POINTS.set(ruleSet, pointOf);
  }
  return pointOf(`${kind} ${e} ${cutoff}`);
}

function computePoint(kind: EvaluationPoint['point'], e: IsoDate, cutoff: IsoDate, ruleSet: RuleSet): EvaluationPoint {
  const start = windowStartExclusive(e, ruleSet.windowMonths);
  return {
    point: kind,
    e,
    windowStartExclusive: start,
    cutoff,
    legacyCreditsActive: compareDates(e, ruleSet.legacyRevenueCredits.lastEvaluationDate) <= 0,
    // The first month whose last day is after `start` is the month of the day after `start`.
    revenueMonthFrom: firstOfMonth(addDays(start, 1)),
    // The last month whose last day is ≤ cutoff is the month before the one holding cutoff + 1.
    revenueMonthTo: addMonthsClamped(firstOfMonth(addDays(cutoff, 1)), -1),
  };
}

/** The review date R(D) for a partner that has one: a tier above registered and a renewal date. */
export function partnerReviewDate(facts: PartnerFacts, asOf: IsoDate, ruleSet: RuleSet): IsoDate | null {
  if (facts.currentTier === 'registered' || facts.renewalDate === null) return null;
  return reviewDateOf(facts.renewalDate, asOf, ruleSet.reviewTransitions);
}

/** The billing date B(D), or null without a renewal date (never moved by a transition, FAQ 6). */
export function partnerBillingDate(facts: PartnerFacts, asOf: IsoDate): IsoDate | null {
  return facts.renewalDate === null ? null : billingDateOf(facts.renewalDate, asOf);
}

/**
 * The points to evaluate for a partner on D: always D itself, plus the projection to R(D) for a
 * partner above registered with a renewal date (registered partners are not reviewed).
 */
export function evaluationPoints(facts: PartnerFacts, asOf: IsoDate, ruleSet: RuleSet): EvaluationPoint[] {
  const points = [point('asOf', asOf, asOf, ruleSet)];
  const r = partnerReviewDate(facts, asOf, ruleSet);
  if (r !== null) points.push(point('review', r, asOf, ruleSet));
  return points;
}

/**
 * The stored daily history sustained_premier reads: the days of (D − 6 months, D) — D excluded,
 * since D's own premier criteria come from the evaluation being made. `days` is how many there are;
 * missingDays = days − stored evaluations found in [from, to].
 */
export function sustainedHistoryRange(asOf: IsoDate, ruleSet: RuleSet): { from: IsoDate; to: IsoDate; days: number } {
  const startExclusive = sixMonthsBefore(asOf, ruleSet.sustained.months);
  const from = addDays(startExclusive, 1);
  const to = addDays(asOf, -1);
  return { from, to, days: daysBetween(from, to) + 1 };
}
