// Which partner notices an evaluation calls for (rules.md, Notices). Pure: the outbox decides
// whether each one was already sent.
import { addDays, daysBetween } from '../rules/dates.js';
import { atRiskThresholds, feeGraceThresholds, noticeBucket } from '../rules/notices.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { IsoDate, PartnerEvaluation } from '../rules/types.js';

export type NoticeKind = 'at_risk' | 'fee_grace' | 'fee_overdue';

/**
 * One event a notice goes out for: a partner, its kind and the date it is about (R for at_risk,
 * the end of the grace period for fee_grace, the billing date for fee_overdue), and for the
 * reminders the bucket (days before that date) it falls in.
 */
export interface NoticeEvent {
  kind: NoticeKind;
  partnerId: string;
  anchor: IsoDate;
  bucket: number | null;
  /** days left to the anchor (at_risk, fee_grace) */
  daysLeft: number | null;
}

export function noticeEvents(evaluation: PartnerEvaluation, asOf: IsoDate, settings: { ruleSet: RuleSet; horizonDays: number }): NoticeEvent[] {
  const events: NoticeEvent[] = [];
  const { partnerId, flags, fee } = evaluation;
  if (flags.includes('at_risk') && evaluation.reviewDate !== null && evaluation.daysToReview !== null) {
    const bucket = noticeBucket(evaluation.daysToReview, atRiskThresholds(settings.horizonDays, settings.ruleSet));
    if (bucket !== null) events.push({ kind: 'at_risk', partnerId, anchor: evaluation.reviewDate, bucket, daysLeft: evaluation.daysToReview });
  }
  if (flags.includes('fee_grace') && fee.graceEndsOn !== null) {
    const daysLeft = daysBetween(asOf, fee.graceEndsOn);
    const bucket = noticeBucket(daysLeft, feeGraceThresholds(settings.ruleSet));
    if (bucket !== null) events.push({ kind: 'fee_grace', partnerId, anchor: fee.graceEndsOn, bucket, daysLeft });
  }
  if (flags.includes('fee_overdue') && fee.billingDate !== null) {
    events.push({ kind: 'fee_overdue', partnerId, anchor: fee.billingDate, bucket: null, daysLeft: null });
  }
  return events;
}

/** The first day after the grace period (the fee is overdue from then). */
export function overdueFrom(graceEndsOn: IsoDate): IsoDate {
  return addDays(graceEndsOn, 1);
}
