// Shared shapes of the tier engine: what SQL hands to the rules (facts and figures) and what the
// rules hand to storage, reports and notices (the evaluation, shaped as cli.md's JSON contract).

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

export type PartnerType = 'consulting' | 'technology';
export type Tier = 'registered' | 'select' | 'advanced' | 'premier';
export type FeeStatus = 'not_applicable' | 'not_due' | 'unknown' | 'paid' | 'grace' | 'overdue';
export type Flag = 'at_risk' | 'below_tier' | 'fee_grace' | 'fee_overdue' | 'upgrade_eligible';

export type RequirementId =
  | 'accredited_professionals'
  | 'foundational_certified'
  | 'technical_certified'
  | 'launched_opportunities'
  | 'direct_revenue'
  | 'product_listing'
  | 'business_plan'
  | 'technical_baseline_review'
  | 'program_validations'
  | 'sustained_premier'
  | 'executive_business_review'
  | 'public_references'
  | 'csat_responses';

/** One partner's row of partners.csv, as stored. */
export interface PartnerFacts {
  partnerId: string;
  partnerName: string;
  partnerType: PartnerType;
  currentTier: Tier;
  renewalDate: IsoDate | null;
  allianceLeadEmail: string;
  partnerManagerEmail: string | null;
  businessPlanSignedOn: IsoDate | null;
  gaProductCount: number;
  ebrCompletedOn: IsoDate | null;
  tierSince: IsoDate | null;
}

/**
 * The evidence of one partner counted at an evaluation date E, from items dated on or before a
 * cutoff (E itself on D; D for the projection to the review date). Produced set-based by SQL.
 * `oldest*` dates are the earliest dated item counted (null when none counts); the rules turn
 * them into the date the item leaves the window.
 */
export interface EvidenceFigures {
  /** Distinct individuals holding an accreditation on E, split by which ones they hold. */
  accreditation: { technicalOnly: number; businessOnly: number; both: number };
  /** Distinct individuals holding a foundational (Cloud Practitioner) certification on E. */
  foundational: number;
  /** Distinct individuals with an associate, professional or specialty certification on E. */
  technical: { total: number; professionalOrSpecialty: number };
  /** Launched opportunities in W(E), each (opportunity, partner) once, plus legacy credits. */
  launched: {
    opportunities: number;
    mrrUsd: number;
    legacyCredits: number;
    oldestLaunchedOn: IsoDate | null;
    oldestLegacySubmittedOn: IsoDate | null;
  };
  /** Direct revenue of the complete months in W(E), exempt credits left out. */
  directRevenue: { usd: number; oldestMonthEnd: IsoDate | null };
  /** Distinct referenceable customers in W(E) and the oldest dated reference counted. */
  publicReferences: { customers: number; oldestOn: IsoDate | null };
  /** Validated CSAT responses in W(E). */
  csat: { responses: number; oldestOn: IsoDate | null };
  /** Active program validations on E. */
  validations: {
    /** distinct (program, designation) among msp / competency / well_architected */
    premierEligible: number;
    includesMspOrDevOps: boolean;
    technicalBaselineReview: boolean;
  };
}

/** Fee payments of the partner summed per membership_year_start (dated on or before D). */
export type FeePaymentsByYear = Record<IsoDate, number>;

export interface RequirementResult {
  tier: Exclude<Tier, 'registered'>;
  id: RequirementId;
  met: boolean;
  actual: number;
  required: number;
  detail?: Record<string, unknown>;
}

export interface FeeResult {
  status: FeeStatus;
  billingDate: IsoDate | null;
  graceEndsOn: IsoDate | null;
}

/** One partner's evaluation on D: exactly the partner object of cli.md's `report --format json`. */
export interface PartnerEvaluation {
  partnerId: string;
  partnerName: string;
  partnerType: PartnerType;
  currentTier: Tier;
  qualifiedTier: Tier;
  projectedTier: Tier | null;
  reviewDate: IsoDate | null;
  daysToReview: number | null;
  flags: Flag[];
  fee: FeeResult;
  requirements: RequirementResult[];
  projectedRequirements: RequirementResult[] | null;
}
