// The annual program fee's status on D (rules.md, Tier status: fee.status; guide step 1, FAQ 6).

import { addDays, billingDate, compareDates } from './dates.js';
import type { RuleSet } from './ruleset.js';
import type { FeePaymentsByYear, FeeResult, IsoDate, PartnerFacts } from './types.js';
import { atLeastUsd } from './shortfall.js';

/**
 * In order:
 * - registered: not_applicable (the fee is billed to Select and above);
 * - no renewal date (exports.md allows it for registered partners only, so this is bad data):
 *   unknown, billingDate and graceEndsOn null. **Decision**: nothing can be said about a bill
 *   whose date is unknown, and no flag should fire on it;
 * - tier_since after B(D): not_due, the first bill is the next anniversary (rules.md Decision);
 * - no fee_payments snapshot ever loaded (feePayments null): unknown;
 * - payments for membership_year_start = B(D) sum to ≥ the fee: paid;
 * - D ≤ B(D) + 90 days: grace (B is day 0, day 90 is the last day of grace); then overdue.
 * billingDate = B(D) and graceEndsOn = B(D) + 90 days whenever B(D) is known, whatever the status.
 * B(D) always exists with a renewal date: anniversaries recur before its year too (dates.ts).
 * B(D) is the plain anniversary: the 2019 review transition never moves billing (FAQ 6).
 */
export function feeStatus(
  facts: PartnerFacts,
  asOf: IsoDate,
  feePayments: FeePaymentsByYear | null,
  ruleSet: RuleSet,
): FeeResult {
  if (facts.currentTier === 'registered') return { status: 'not_applicable', billingDate: null, graceEndsOn: null };
  if (facts.renewalDate === null) return { status: 'unknown', billingDate: null, graceEndsOn: null };

  const b = billingDate(facts.renewalDate, asOf);
  const graceEndsOn = addDays(b, ruleSet.fee.graceDays);
  const result = (status: FeeResult['status']): FeeResult => ({ status, billingDate: b, graceEndsOn });

  if (facts.tierSince !== null && compareDates(facts.tierSince, b) > 0) return result('not_due');
  if (feePayments === null) return result('unknown');
  const paid = Object.hasOwn(feePayments, b) ? (feePayments[b] ?? 0) : 0;
  if (atLeastUsd(paid, ruleSet.fee.amountUsd)) return result('paid');
  return result(compareDates(asOf, graceEndsOn) <= 0 ? 'grace' : 'overdue');
}
