// The shape of a program year's tier requirements. A later program year is a new RuleSet value
// (a new data module), not new evaluation code: every threshold, date and list the evaluation uses
// comes from here.

import type { ReviewTransition } from './dates.js';
import type { IsoDate, PartnerType, RequirementId, Tier } from './types.js';

/** The tiers a requirement can belong to (registered has no requirements). */
export type ProgramTier = Exclude<Tier, 'registered'>;

interface RuleBase {
  /**
   * For net new applicants only: partners already at this requirement's tier (or above) are
   * exempt, it is met for them (FAQ 47). Such requirements are not part of the "criteria" whose
   * daily attainment the sustained requirement tracks.
   */
  applicantsOnly?: boolean;
  /**
   * The last step of the application (the EBR): a partner meeting everything else of the tier is
   * already eligible to apply, so upgrade_eligible ignores it.
   */
  applicationStep?: boolean;
}

/** One requirement of one tier, with its thresholds. Thresholds are inclusive minimums. */
export type RequirementRule = RuleBase &
  (
    | { id: 'accredited_professionals'; total: number; requiredEach: number }
    | { id: 'foundational_certified'; individuals: number }
    | {
        id: 'technical_certified';
        individuals: number;
        /** null: any associate, professional or specialty certification will do */
        professionalOrSpecialty: number | null;
      }
    | { id: 'launched_opportunities'; opportunities: number; mrrUsd: number }
    | { id: 'direct_revenue'; usd: number }
    | { id: 'product_listing'; gaProducts: number }
    | { id: 'business_plan' } // signed within the window
    | { id: 'technical_baseline_review' } // an active technical_baseline_review validation
    | { id: 'program_validations'; validations: number; mustIncludeMspOrDevOps: boolean }
    | { id: 'sustained_premier' } // the criteria of RuleSet.sustained.criteriaTier, daily
    | { id: 'executive_business_review' } // ebr_completed_on ≤ D
    | { id: 'public_references'; customers: number }
    | { id: 'csat_responses'; responses: number }
  );

export interface TierRules {
  tier: ProgramTier;
  /** In the guide's order; this is the output order. */
  requirements: readonly RequirementRule[];
}

export interface PartnerTypeRules {
  /** Ascending. */
  tiers: readonly TierRules[];
  /**
   * Groups of requirements that are alternatives within a tier: meeting any one of a group meets
   * them all (technology: launched opportunities or direct revenue for Experience, FAQ 39).
   */
  alternatives: readonly (readonly RequirementId[])[];
}

export type CredentialCategory =
  | 'accreditation_technical'
  | 'accreditation_business'
  | 'foundational'
  | 'associate'
  | 'professional'
  | 'specialty';

export interface CredentialInfo {
  name: string;
  category: CredentialCategory;
}

/** A promotional credit type that does not reduce direct revenue (FAQ 40). */
export interface ExemptCredit {
  code: string;
  /** the guide's name */
  name: string;
}

export interface RuleSet {
  programYear: number;
  source: string;
  /** Every program tier, ascending; rank = index + 1 (registered is 0). */
  tiers: readonly ProgramTier[];
  partnerTypes: Readonly<Record<PartnerType, PartnerTypeRules>>;
  /** Length of the rolling window W(E) = (E − windowMonths, E]. */
  windowMonths: number;
  sustained: {
    /** premier criteria must hold on every day of (D − months, D] */
    months: number;
    /** the tier whose criteria (its requirements but the applicants-only ones) are tracked */
    criteriaTier: ProgramTier;
  };
  fee: { amountUsd: number; graceDays: number };
  /** Legacy revenue submissions give launched-opportunity credits while E ≤ lastEvaluationDate. */
  legacyRevenueCredits: { lastEvaluationDate: IsoDate };
  reviewTransitions: readonly ReviewTransition[];
  programValidations: {
    /** programs counted towards program_validations */
    programs: readonly string[];
    /** at least one must be one of these (program, designation | null) */
    mspOrDevOps: readonly { program: string; designation: string | null }[];
    /** the program that satisfies technical_baseline_review */
    technicalBaselineReview: string;
  };
  /** Credential codes (upper case) of certifications.csv. */
  credentials: Readonly<Record<string, CredentialInfo>>;
  /** Categories that count under technical_certified, and which of them count as "professional or specialty". */
  technicalCategories: readonly CredentialCategory[];
  professionalOrSpecialtyCategories: readonly CredentialCategory[];
  exemptCredits: readonly ExemptCredit[];
  notices: {
    defaultHorizonDays: number;
    /** at_risk thresholds below the horizon (the horizon itself is the first) */
    atRiskDays: readonly number[];
    feeGraceDays: readonly number[];
  };
}
