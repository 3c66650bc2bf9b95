// A row of the figures query (see figures.ts) as the driver returns it, and its decoding into the
// figures the rules read (pure), apart from the query that produces it.
import { addDays, addMonthsClamped } from '../rules/dates.js';
import type { EvidenceFigures } from '../rules/types.js';

/** A partner's figures at its points, the fee paid and the stored history. */
export interface FigureRow {
  partnerId: string;
  /** D */
  day: string;
  onD: EvidenceFigures;
  /** at the review date, from the evidence dated on or before D; null without a review date */
  atReview: EvidenceFigures | null;
  /** fee payments made by D for the membership year starting on B(D) */
  feePaidUsd: number;
  /** stored days of the sustained period before D, and those with the premier criteria met */
  storedDays: number;
  storedDaysMet: number;
}

export type FigureRecord = Record<string, string | boolean | null> & { partner_id: string; day: string; has_review: boolean };

const num = (v: string | boolean | null | undefined) => (v === null || v === undefined ? 0 : Number(v));
const date = (v: string | boolean | null | undefined) => (typeof v === 'string' ? v : null);

function figuresOf(r: FigureRecord, x: 'd' | 'r'): EvidenceFigures {
  const revOldest = date(r[`${x}_rev_oldest`]);
  return {
    accreditation: { technicalOnly: num(r[`${x}_acc_t`]), businessOnly: num(r[`${x}_acc_b`]), both: num(r[`${x}_acc_k`]) },
    foundational: num(r[`${x}_foundational`]),
    technical: { total: num(r[`${x}_technical`]), professionalOrSpecialty: num(r[`${x}_pro`]) },
    launched: {
      opportunities: num(r[`${x}_opp_n`]), mrrUsd: num(r[`${x}_opp_mrr`]), legacyCredits: num(r[`${x}_legacy_n`]),
      oldestLaunchedOn: date(r[`${x}_opp_oldest`]), oldestLegacySubmittedOn: date(r[`${x}_legacy_oldest`]),
    },
    directRevenue: { usd: num(r[`${x}_rev_usd`]), oldestMonthEnd: revOldest === null ? null : addDays(addMonthsClamped(revOldest, 1), -1) },
    publicReferences: { customers: num(r[`${x}_ref_n`]), oldestOn: date(r[`${x}_ref_oldest`]) },
    csat: { responses: num(r[`${x}_csat_n`]), oldestOn: date(r[`${x}_csat_oldest`]) },
    validations: {
      premierEligible: num(r[`${x}_val_n`]),
      includesMspOrDevOps: r[`${x}_val_msp_or_devops`] === true,
      technicalBaselineReview: r[`${x}_val_tbr`] === true,
    },
  };
}

export function toFigureRow(r: FigureRecord): FigureRow {
  return {
    partnerId: r.partner_id,
    day: r.day,
    onD: figuresOf(r, 'd'),
    atReview: r.has_review ? figuresOf(r, 'r') : null,
    feePaidUsd: num(r.fee_paid),
    storedDays: num(r.stored_days),
    storedDaysMet: num(r.stored_met),
  };
}
