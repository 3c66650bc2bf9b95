// Human-readable names and figure formatting shared by the renderers. Requirement labels follow the
// row names of the 2019 APN Tier Requirements Guide (v1.2) tables.

import type {
  FeeStatus,
  Flag,
  PartnerEvaluation,
  PartnerType,
  RequirementId,
  RequirementResult,
  Tier,
} from '../rules/types.js';

export const REQUIREMENT_LABELS: Record<RequirementId, string> = {
  accredited_professionals: 'AWS Accredited Professionals',
  foundational_certified: 'AWS Foundational Certified Individuals',
  technical_certified: 'AWS Technical Certified Individuals',
  launched_opportunities: 'Launched Opportunities',
  direct_revenue: 'Direct Revenue',
  product_listing: 'Product Listing',
  business_plan: 'Partner Business Plan',
  technical_baseline_review: 'Technical Program Validations: Technical Baseline Review',
  program_validations: 'Technical Program Validations',
  sustained_premier: 'Sustained Attainment of Premier Tier Criteria',
  executive_business_review: 'Executive Business Review',
  public_references: 'Publicly Referenceable Customers',
  csat_responses: 'Customer Satisfaction Responses',
};

/** The guide's row order (Knowledge, Experience, Customer Success). */
export const REQUIREMENT_ORDER: readonly RequirementId[] = [
  'accredited_professionals',
  'foundational_certified',
  'technical_certified',
  'direct_revenue',
  'launched_opportunities',
  'product_listing',
  'business_plan',
  'technical_baseline_review',
  'program_validations',
  'sustained_premier',
  'executive_business_review',
  'public_references',
  'csat_responses',
];

export const TIER_ORDER: readonly Tier[] = ['registered', 'select', 'advanced', 'premier'];

export const TIER_LABELS: Record<Tier, string> = {
  registered: 'Registered',
  select: 'Select',
  advanced: 'Advanced',
  premier: 'Premier',
};

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  consulting: 'Consulting',
  technology: 'Technology',
};

/** Fixed display order of the flags (the header counts always list all of them). */
export const FLAG_ORDER: readonly Flag[] = [
  'at_risk',
  'below_tier',
  'fee_grace',
  'fee_overdue',
  'upgrade_eligible',
];

export const FLAG_LABELS: Record<Flag, string> = {
  at_risk: 'At risk at review',
  below_tier: 'Below current tier',
  fee_grace: 'Program fee in grace period',
  fee_overdue: 'Program fee overdue (at risk for downgrade)',
  upgrade_eligible: 'Eligible for upgrade',
};

export const FEE_STATUS_LABELS: Record<FeeStatus, string> = {
  not_applicable: 'Not applicable (Registered)',
  not_due: 'Not due yet (first bill at next anniversary)',
  unknown: 'Unknown (no fee payments loaded)',
  paid: 'Paid',
  grace: 'In grace period',
  overdue: 'Overdue',
};

/** Requirements whose `actual` and `required` are 1/0 yes/no figures. */
const YES_NO: ReadonlySet<RequirementId> = new Set<RequirementId>([
  'product_listing',
  'business_plan',
  'technical_baseline_review',
  'sustained_premier',
  'executive_business_review',
]);

/** Time-bound requirements (marked * in the guide): refreshed over a rolling 12 months. */
export const TIME_BOUND: ReadonlySet<RequirementId> = new Set<RequirementId>([
  'direct_revenue',
  'launched_opportunities',
  'business_plan',
  'public_references',
  'csat_responses',
]);

export function requirementLabel(id: RequirementId): string {
  return REQUIREMENT_LABELS[id] ?? id;
}

export function tierRank(tier: Tier): number {
  return TIER_ORDER.indexOf(tier);
}

export function isYesNo(id: RequirementId): boolean {
  return YES_NO.has(id);
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const usdFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});

/** `12,345` (pretty) or `12345` (plain). */
export function formatNumber(n: number, style: FigureStyle = 'pretty'): string {
  return style === 'plain' ? String(n) : numberFormat.format(n);
}

/** `$12,345` (pretty) or `12345 USD` (plain). */
export function formatUsd(n: number, style: FigureStyle = 'pretty'): string {
  return style === 'plain' ? `${n} USD` : usdFormat.format(n);
}

/** pretty: for people (thousands separators, `$`); plain: for spreadsheets (bare numbers). */
export type FigureStyle = 'pretty' | 'plain';

// ---- detail accessors (detail is loosely typed in the contract; read it defensively) ----------

function detailOf(r: RequirementResult): Record<string, unknown> {
  return r.detail ?? {};
}

export function detailNumber(r: RequirementResult, key: string): number | null {
  const v = detailOf(r)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function detailString(r: RequirementResult, key: string): string | null {
  const v = detailOf(r)[key];
  return typeof v === 'string' && v.length > 0 ? v : null;
}

export function detailBoolean(r: RequirementResult, key: string): boolean | null {
  const v = detailOf(r)[key];
  return typeof v === 'boolean' ? v : null;
}

/** The sentence saying what is missing, when the rules gave one. */
export function shortfallOf(r: RequirementResult): string | null {
  return detailString(r, 'shortfall');
}

/** The date the oldest counted item stops counting (windowed evidence). */
export function leavesWindowOnOf(r: RequirementResult): string | null {
  return detailString(r, 'leavesWindowOn');
}

export function isExempt(r: RequirementResult): boolean {
  return detailBoolean(r, 'exempt') === true;
}

// ---- figures ---------------------------------------------------------------------------------

/** The headline actual figure: `4`, `$12,000`, `yes`/`no`, `exempt`. */
export function formatActual(r: RequirementResult, style: FigureStyle = 'pretty'): string {
  if (isExempt(r)) return 'exempt';
  if (isYesNo(r.id)) return r.actual >= 1 ? 'yes' : 'no';
  if (r.id === 'direct_revenue') return formatUsd(r.actual, style);
  return formatNumber(r.actual, style);
}

/** The headline threshold: `6`, `$350,000`, `yes`. */
export function formatRequired(r: RequirementResult, style: FigureStyle = 'pretty'): string {
  if (isYesNo(r.id)) return 'yes';
  if (r.id === 'direct_revenue') return formatUsd(r.required, style);
  return formatNumber(r.required, style);
}

/** Secondary figures of a requirement (MRR, professional/specialty split, …), split into the part
 *  that belongs with the actual, the part that belongs with the threshold, and a free note. */
export interface SubFigures {
  actual?: string;
  required?: string;
  note?: string;
}

export function subFigures(r: RequirementResult, style: FigureStyle = 'pretty'): SubFigures {
  const out: SubFigures = {};
  switch (r.id) {
    case 'launched_opportunities': {
      const mrr = detailNumber(r, 'mrrUsd');
      const reqMrr = detailNumber(r, 'requiredMrrUsd');
      const legacy = detailNumber(r, 'legacyCredits');
      if (mrr !== null) out.actual = `MRR ${formatUsd(mrr, style)}`;
      if (reqMrr !== null) out.required = `MRR ${formatUsd(reqMrr, style)}`;
      if (legacy !== null && legacy > 0) {
        out.note = `includes ${formatNumber(legacy, style)} legacy revenue credit${legacy === 1 ? '' : 's'}`;
      }
      break;
    }
    case 'technical_certified': {
      const pro = detailNumber(r, 'professionalOrSpecialty');
      const reqPro = detailNumber(r, 'requiredProfessionalOrSpecialty');
      if (pro !== null) out.actual = `${formatNumber(pro, style)} professional or specialty`;
      if (reqPro !== null) out.required = `≥ ${formatNumber(reqPro, style)} professional or specialty`;
      break;
    }
    case 'accredited_professionals': {
      const t = detailNumber(r, 'technical');
      const b = detailNumber(r, 'business');
      const k = detailNumber(r, 'both');
      const each = detailNumber(r, 'requiredEach');
      const parts: string[] = [];
      if (t !== null) parts.push(`${formatNumber(t, style)} technical`);
      if (b !== null) parts.push(`${formatNumber(b, style)} business`);
      if (k !== null) parts.push(`${formatNumber(k, style)} both`);
      if (parts.length > 0) out.actual = parts.join(', ');
      if (each !== null) {
        out.required = `≥ ${formatNumber(each, style)} technical and ≥ ${formatNumber(each, style)} business`;
      }
      break;
    }
    case 'program_validations': {
      const inc = detailBoolean(r, 'includesMspOrDevOps');
      if (inc !== null) out.actual = inc ? 'includes MSP or DevOps' : 'no MSP or DevOps';
      out.required = 'including MSP or DevOps Competency';
      break;
    }
    case 'sustained_premier': {
      const missing = detailNumber(r, 'missingDays');
      if (isExempt(r)) out.note = 'exempt: already Premier';
      else if (missing !== null && missing > 0) {
        out.note = `${formatNumber(missing, style)} day${missing === 1 ? '' : 's'} without a stored evaluation (a backfill fills them)`;
      }
      break;
    }
    case 'executive_business_review': {
      if (isExempt(r)) out.note = 'exempt: already Premier';
      break;
    }
    default:
      break;
  }
  return out;
}

/**
 * One-line figure of a requirement: `4/6 (2/3 professional or specialty)`, `5/20 (MRR $3,000/$10,000)`,
 * `not met` for yes/no requirements. Used by the table's unmet lists and the CSV summary columns.
 */
export function compactFigure(r: RequirementResult, style: FigureStyle = 'pretty'): string {
  if (isYesNo(r.id)) {
    const base = isExempt(r) ? 'exempt' : r.met ? 'met' : 'not met';
    const missing = r.id === 'sustained_premier' ? detailNumber(r, 'missingDays') : null;
    return missing !== null && missing > 0 && !r.met
      ? `${base} (${formatNumber(missing, style)} day${missing === 1 ? '' : 's'} not evaluated)`
      : base;
  }
  let text = `${formatActual(r, style)}/${formatRequired(r, style)}`;
  switch (r.id) {
    case 'launched_opportunities': {
      const mrr = detailNumber(r, 'mrrUsd');
      const reqMrr = detailNumber(r, 'requiredMrrUsd');
      if (mrr !== null && reqMrr !== null) {
        text += ` (MRR ${formatUsd(mrr, style)}/${formatUsd(reqMrr, style)})`;
      }
      break;
    }
    case 'technical_certified': {
      const pro = detailNumber(r, 'professionalOrSpecialty');
      const reqPro = detailNumber(r, 'requiredProfessionalOrSpecialty');
      if (pro !== null && reqPro !== null) {
        text += ` (${formatNumber(pro, style)}/${formatNumber(reqPro, style)} professional or specialty)`;
      }
      break;
    }
    case 'accredited_professionals': {
      const sub = subFigures(r, style);
      const each = detailNumber(r, 'requiredEach');
      if (sub.actual && each !== null) text += ` (${sub.actual}, needs ${formatNumber(each, style)} of each)`;
      break;
    }
    case 'program_validations': {
      if (detailBoolean(r, 'includesMspOrDevOps') === false) text += ' (no MSP or DevOps)';
      break;
    }
    default:
      break;
  }
  return text;
}

// ---- unmet requirements ----------------------------------------------------------------------

/**
 * One thing a partner lacks for a tier. Technology partners meet the Experience category with
 * launched_opportunities or direct_revenue: when both are unmet they form one item with two
 * alternatives; when either is met, the other is not a shortfall.
 */
export interface Shortfall {
  tier: Exclude<Tier, 'registered'>;
  alternatives: RequirementResult[];
}

const EXPERIENCE_ALTERNATIVES: ReadonlySet<RequirementId> = new Set<RequirementId>([
  'launched_opportunities',
  'direct_revenue',
]);

export function unmetOfTier(
  partnerType: PartnerType,
  requirements: readonly RequirementResult[] | null,
  tier: Tier,
): Shortfall[] {
  if (tier === 'registered' || requirements === null) return [];
  const ofTier = sortRequirements(requirements.filter((r) => r.tier === tier));
  const out: Shortfall[] = [];
  let experience: Shortfall | null = null;
  for (const r of ofTier) {
    if (r.met) continue;
    if (partnerType === 'technology' && EXPERIENCE_ALTERNATIVES.has(r.id)) {
      const alternativeMet = ofTier.some((o) => o !== r && EXPERIENCE_ALTERNATIVES.has(o.id) && o.met);
      if (alternativeMet) continue;
      if (experience) {
        experience.alternatives.push(r);
        continue;
      }
      experience = { tier: r.tier, alternatives: [r] };
      out.push(experience);
      continue;
    }
    out.push({ tier: r.tier, alternatives: [r] });
  }
  return out;
}

/** Unmet requirements of the partner's current tier on D. */
export function unmetNow(p: PartnerEvaluation): Shortfall[] {
  return unmetOfTier(p.partnerType, p.requirements, p.currentTier);
}

/** Unmet requirements of the partner's current tier in the projection to the review date. */
export function unmetAtReview(p: PartnerEvaluation): Shortfall[] {
  return unmetOfTier(p.partnerType, p.projectedRequirements, p.currentTier);
}

/** True when an unmet requirement is covered by its met Experience alternative (technology). */
export function coveredByAlternative(
  partnerType: PartnerType,
  requirements: readonly RequirementResult[],
  r: RequirementResult,
): boolean {
  if (r.met || partnerType !== 'technology' || !EXPERIENCE_ALTERNATIVES.has(r.id)) return false;
  return requirements.some(
    (o) => o !== r && o.tier === r.tier && EXPERIENCE_ALTERNATIVES.has(o.id) && o.met,
  );
}

/** Tier (ascending) then the guide's row order; stable for ids it does not know. */
export function sortRequirements(reqs: readonly RequirementResult[]): RequirementResult[] {
  const idRank = (id: RequirementId): number => {
    const i = REQUIREMENT_ORDER.indexOf(id);
    return i < 0 ? REQUIREMENT_ORDER.length : i;
  };
  return reqs
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        tierRank(a.r.tier) - tierRank(b.r.tier) || idRank(a.r.id) - idRank(b.r.id) || a.i - b.i,
    )
    .map((x) => x.r);
}
