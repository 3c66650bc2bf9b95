// Reference implementation of "What counts" (rules.md): the EvidenceFigures of one partner at one
// evaluation point, computed row by row from that partner's rows. The production figures come from
// SQL (set-based); this is the executable statement of the same rules, for unit tests here and for
// cross-checking the SQL against it. Rows are assumed valid (ingest rejected bad ones).

import { credentialInfo, foldText, isExemptCredit } from './catalog.js';
import { compareDates, firstOfMonth, monthEnd } from './dates.js';
import type { EvaluationPoint } from './points.js';
import type { RuleSet } from './ruleset.js';
import type { EvidenceFigures, IsoDate } from './types.js';

export interface CertificationRow {
  personEmail: string;
  credential: string;
  issuedOn: IsoDate;
  expiresOn: IsoDate | null;
}

export interface OpportunityRow {
  opportunityId: string;
  customerName: string;
  stage: string;
  launchedOn: IsoDate | null;
  estimatedMrrUsd: number;
  publicReference: boolean;
  publicReferenceOn: IsoDate | null;
}

export interface LegacySubmissionRow {
  awsAccountId: string;
  submittedOn: IsoDate;
}

export interface DomainRevenueRow {
  /** `YYYY-MM` or the month's first day */
  month: string;
  chargeType: 'usage' | 'ri_purchase' | 'credit';
  creditType: string | null;
  amountUsd: number;
}

export interface PublicReferenceRow {
  customerName: string;
  source: 'manual' | 'legacy';
  submittedOn: IsoDate;
  approvedOn: IsoDate | null;
}

export interface CsatRow {
  submittedOn: IsoDate;
  emailConfirmed: boolean;
  awsCustomerVerified: boolean;
}

export interface ValidationRow {
  program: string;
  designation: string | null;
  validatedOn: IsoDate;
  expiresOn: IsoDate | null;
}

/** One partner's rows of every dataset (domain revenue already attributed through its domains). */
export interface PartnerEvidence {
  certifications: readonly CertificationRow[];
  opportunities: readonly OpportunityRow[];
  legacySubmissions: readonly LegacySubmissionRow[];
  domainRevenue: readonly DomainRevenueRow[];
  publicReferences: readonly PublicReferenceRow[];
  csat: readonly CsatRow[];
  validations: readonly ValidationRow[];
}

export { foldText };

/** Held on E and obtained by the cutoff: the expiry day itself still counts. */
function held(from: IsoDate, expiresOn: IsoDate | null, p: EvaluationPoint): boolean {
  return compareDates(from, p.cutoff) <= 0 && (expiresOn === null || compareDates(expiresOn, p.e) >= 0);
}

/** Dated in W(E) and on or before the cutoff (cutoff ≤ E). */
function dated(date: IsoDate | null, p: EvaluationPoint): date is IsoDate {
  return date !== null && compareDates(date, p.windowStartExclusive) > 0 && compareDates(date, p.cutoff) <= 0;
}

function oldest(current: IsoDate | null, date: IsoDate): IsoDate {
  return current === null || compareDates(date, current) < 0 ? date : current;
}

/**
 * Knowledge (steps 2–4, FAQ 13, 14): each individual counts once per requirement and may count
 * under all three; for technical certification once, however many certifications (professional
 * or specialty when any held is).
 */
export function knowledgeFigures(
  rows: readonly CertificationRow[],
  p: EvaluationPoint,
  ruleSet: RuleSet,
): Pick<EvidenceFigures, 'accreditation' | 'foundational' | 'technical'> {
  const categories = new Map<string, Set<string>>();
  for (const row of rows) {
    const info = credentialInfo(row.credential, ruleSet);
    if (info === undefined || !held(row.issuedOn, row.expiresOn, p)) continue;
    const person = foldText(row.personEmail);
    const set = categories.get(person) ?? new Set<string>();
    set.add(info.category);
    categories.set(person, set);
  }
  const accreditation = { technicalOnly: 0, businessOnly: 0, both: 0 };
  let foundational = 0;
  const technical = { total: 0, professionalOrSpecialty: 0 };
  for (const set of categories.values()) {
    const t = set.has('accreditation_technical');
    const b = set.has('accreditation_business');
    if (t && b) accreditation.both += 1;
    else if (t) accreditation.technicalOnly += 1;
    else if (b) accreditation.businessOnly += 1;
    if (set.has('foundational')) foundational += 1;
    if (ruleSet.technicalCategories.some((c) => set.has(c))) {
      technical.total += 1;
      if (ruleSet.professionalOrSpecialtyCategories.some((c) => set.has(c))) technical.professionalOrSpecialty += 1;
    }
  }
  return { accreditation, foundational, technical };
}

/**
 * A sum of USD amounts without float noise up to six decimals (1250.1 + 1249.9 is 2500): the
 * rules compare money exactly, as SQL's numeric sums it.
 */
function addUsd(a: number, b: number): number {
  return Math.round((a + b) * 1e6) / 1e6;
}

/** Launched opportunities in W(E), each opportunity once, and legacy credits (FAQ 25). */
export function launchedFigures(
  opportunities: readonly OpportunityRow[],
  legacy: readonly LegacySubmissionRow[],
  p: EvaluationPoint,
): EvidenceFigures['launched'] {
  const seen = new Set<string>();
  let count = 0;
  let mrr = 0;
  let oldestLaunchedOn: IsoDate | null = null;
  for (const o of opportunities) {
    if (o.stage !== 'launched' || !dated(o.launchedOn, p) || seen.has(o.opportunityId)) continue;
    seen.add(o.opportunityId);
    count += 1;
    mrr = addUsd(mrr, o.estimatedMrrUsd);
    oldestLaunchedOn = oldest(oldestLaunchedOn, o.launchedOn);
  }
  let legacyCredits = 0;
  let oldestLegacySubmittedOn: IsoDate | null = null;
  if (p.legacyCreditsActive) {
    for (const l of legacy) {
      if (!dated(l.submittedOn, p)) continue;
      legacyCredits += 1; // one credit per submission, no MRR (rules.md Decision)
      oldestLegacySubmittedOn = oldest(oldestLegacySubmittedOn, l.submittedOn);
    }
  }
  return { opportunities: count, mrrUsd: mrr, legacyCredits, oldestLaunchedOn, oldestLegacySubmittedOn };
}

/** Direct revenue of the complete months in the point's range; exempt credits left out (FAQ 40). */
export function directRevenueFigures(
  rows: readonly DomainRevenueRow[],
  p: EvaluationPoint,
  ruleSet: RuleSet,
): EvidenceFigures['directRevenue'] {
  let usd = 0;
  let oldestMonth: IsoDate | null = null;
  for (const row of rows) {
    const month = firstOfMonth(row.month.length === 7 ? `${row.month}-01` : row.month);
    if (compareDates(month, p.revenueMonthFrom) < 0 || compareDates(month, p.revenueMonthTo) > 0) continue;
    if (row.chargeType === 'credit' && isExemptCredit(row.creditType, ruleSet)) continue;
    usd = addUsd(usd, row.amountUsd); // usage and ri_purchase add, other credits (negative) reduce
    oldestMonth = oldest(oldestMonth, month);
  }
  return { usd, oldestMonthEnd: oldestMonth === null ? null : monthEnd(oldestMonth) };
}

/** Distinct referenceable customers from ACE, approved manual and legacy references in W(E). */
export function publicReferenceFigures(
  opportunities: readonly OpportunityRow[],
  references: readonly PublicReferenceRow[],
  p: EvaluationPoint,
): EvidenceFigures['publicReferences'] {
  // A customer counts while any of its references is in the window: it stops counting when its
  // latest one leaves, so the count first drops when the earliest of those latest dates leaves.
  const latestByCustomer = new Map<string, IsoDate>();
  const count = (name: string, on: IsoDate): void => {
    const customer = foldText(name);
    const latest = latestByCustomer.get(customer);
    if (latest === undefined || compareDates(on, latest) > 0) latestByCustomer.set(customer, on);
  };
  for (const o of opportunities) {
    if (o.stage === 'launched' && o.publicReference && dated(o.publicReferenceOn, p)) count(o.customerName, o.publicReferenceOn);
  }
  for (const r of references) {
    const on = r.source === 'manual' ? r.approvedOn : r.submittedOn; // manual: from approval (FAQ 50)
    if (dated(on, p)) count(r.customerName, on);
  }
  let oldestOn: IsoDate | null = null;
  for (const latest of latestByCustomer.values()) oldestOn = oldest(oldestOn, latest);
  return { customers: latestByCustomer.size, oldestOn };
}

export function csatFigures(rows: readonly CsatRow[], p: EvaluationPoint): EvidenceFigures['csat'] {
  let responses = 0;
  let oldestOn: IsoDate | null = null;
  for (const r of rows) {
    if (!r.emailConfirmed || !r.awsCustomerVerified || !dated(r.submittedOn, p)) continue;
    responses += 1;
    oldestOn = oldest(oldestOn, r.submittedOn);
  }
  return { responses, oldestOn };
}

/** Active validations; each distinct (program, designation) counts once. */
export function validationFigures(
  rows: readonly ValidationRow[],
  p: EvaluationPoint,
  ruleSet: RuleSet,
): EvidenceFigures['validations'] {
  const pv = ruleSet.programValidations;
  const eligible = new Set<string>();
  let includesMspOrDevOps = false;
  let technicalBaselineReview = false;
  for (const v of rows) {
    if (!held(v.validatedOn, v.expiresOn, p)) continue;
    const program = foldText(v.program);
    // designations are compared case-insensitively, trimmed (rules.md): inner white space kept
    const designation = v.designation === null ? '' : v.designation.trim().toLowerCase();
    if (program === foldText(pv.technicalBaselineReview)) technicalBaselineReview = true;
    if (!pv.programs.some((x) => foldText(x) === program)) continue;
    eligible.add(`${program}\u0000${designation}`);
    if (pv.mspOrDevOps.some((m) => foldText(m.program) === program && (m.designation === null || m.designation.trim().toLowerCase() === designation))) {
      includesMspOrDevOps = true;
    }
  }
  return { premierEligible: eligible.size, includesMspOrDevOps, technicalBaselineReview };
}

export function evidenceFigures(evidence: PartnerEvidence, p: EvaluationPoint, ruleSet: RuleSet): EvidenceFigures {
  return {
    ...knowledgeFigures(evidence.certifications, p, ruleSet),
    launched: launchedFigures(evidence.opportunities, evidence.legacySubmissions, p),
    directRevenue: directRevenueFigures(evidence.domainRevenue, p, ruleSet),
    publicReferences: publicReferenceFigures(evidence.opportunities, evidence.publicReferences, p),
    csat: csatFigures(evidence.csat, p),
    validations: validationFigures(evidence.validations, p, ruleSet),
  };
}
