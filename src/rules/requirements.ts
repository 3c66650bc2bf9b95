// Every requirement of every tier of a partner's type, evaluated at one date E from the evidence
// figures SQL computed for E (rules.md, Requirements; cli.md for `actual`, `required`, `detail`).

import { addDays, compareDates, inWindow, leavesWindowOn, minDate, sixMonthsBefore, windowStartExclusive } from './dates.js';
import type { PartnerTypeRules, ProgramTier, RequirementRule, RuleSet } from './ruleset.js';
import {
  accreditationShortfall,
  atLeastUsd,
  countShortfall,
  directRevenueShortfall,
  launchedShortfall,
  programValidationsShortfall,
  sustainedShortfall,
  technicalShortfall,
} from './shortfall.js';
import { applicantsOnlyIds, tierRank, typeRules } from './tiers.js';
import type { EvidenceFigures, IsoDate, PartnerFacts, RequirementId, RequirementResult } from './types.js';

/** Stored daily history for the days of (D − 6 months, D), D excluded (see sustainedHistoryRange). */
export interface SustainedHistory {
  missingDays: number;
  allStoredDaysMet: boolean;
}

export interface PointInput {
  facts: PartnerFacts;
  /** D: nothing dated after it counts */
  asOf: IsoDate;
  /** the evaluation date: D, or the review date R(D) for the projection */
  e: IsoDate;
  figures: EvidenceFigures;
}

/** A result under construction: its own verdict and the phrase of what it misses. */
interface Draft {
  result: RequirementResult;
  detail: Record<string, unknown>;
  /** what is missing for its own threshold ("2 more launched opportunities"); null when met */
  missing: string | null;
}

function yesNo(ok: boolean): number {
  return ok ? 1 : 0;
}

/** What a requirement misses: a phrase, or a function building it (only called when unmet). */
type Missing = string | null | (() => string | null);

function draft(
  tier: ProgramTier,
  id: RequirementId,
  met: boolean,
  actual: number,
  required: number,
  detail: Record<string, unknown>,
  missing: Missing,
): Draft {
  return { result: { tier, id, met, actual, required }, detail, missing: met ? null : typeof missing === 'function' ? missing() : missing };
}

/**
 * Accredited professionals (rules.md Decision): t technical only, b business only, k both; met when
 * t + b + k ≥ N and max(0, m − t) + max(0, m − b) ≤ k: each "both" individual is counted once in the
 * total and fills one minimum, either one, never both.
 */
export function accreditationMet(
  held: { technicalOnly: number; businessOnly: number; both: number },
  total: number,
  requiredEach: number,
): boolean {
  const { technicalOnly: t, businessOnly: b, both: k } = held;
  return t + b + k >= total && Math.max(0, requiredEach - t) + Math.max(0, requiredEach - b) <= k;
}

/** Is the partner exempt from an applicants-only requirement of `tier` (already at that tier)? */
function exempt(rule: RequirementRule, tier: ProgramTier, facts: PartnerFacts, ruleSet: RuleSet): boolean {
  return rule.applicantsOnly === true && tierRank(facts.currentTier, ruleSet) >= tierRank(tier, ruleSet);
}

/** Earliest of the dates on which a counted item stops counting (null when none is counted). */
function earliest(...dates: (IsoDate | null)[]): IsoDate | null {
  let result: IsoDate | null = null;
  for (const d of dates) if (d !== null) result = result === null ? d : minDate(result, d);
  return result;
}

function withLeaves(detail: Record<string, unknown>, leaves: IsoDate | null): Record<string, unknown> {
  return leaves === null ? detail : { ...detail, leavesWindowOn: leaves };
}

/** The requirement's own verdict at E; sustained_premier is left to `evaluateRequirementsAt`. */
function evaluateOwn(rule: RequirementRule, tier: ProgramTier, input: PointInput, ruleSet: RuleSet): Draft {
  const { facts, asOf, e, figures } = input;
  const months = ruleSet.windowMonths;
  const leaves = (date: IsoDate | null): IsoDate | null => (date === null ? null : leavesWindowOn(date, months));

  switch (rule.id) {
    case 'accredited_professionals': {
      // detail.technical / business are the individuals holding only that accreditation;
      // detail.both those holding both (see accreditationMet).
      const { technicalOnly: t, businessOnly: b, both: k } = figures.accreditation;
      const m = rule.requiredEach;
      const actual = t + b + k;
      const met = accreditationMet(figures.accreditation, rule.total, m);
      return draft(tier, rule.id, met, actual, rule.total, { technical: t, business: b, both: k, requiredEach: m },
        () => accreditationShortfall(figures.accreditation, rule.total, m));
    }
    case 'foundational_certified': {
      const actual = figures.foundational;
      return draft(tier, rule.id, actual >= rule.individuals, actual, rule.individuals, {},
        () => countShortfall(actual, rule.individuals, 'foundational (Cloud Practitioner) certified individual', 'foundational (Cloud Practitioner) certified individuals'));
    }
    case 'technical_certified': {
      // FAQ 13: each individual once, at the highest level held; SQL's split says how many of
      // the counted individuals are professional or specialty.
      const { total, professionalOrSpecialty } = figures.technical;
      const minimum = rule.professionalOrSpecialty;
      const met = total >= rule.individuals && (minimum === null || professionalOrSpecialty >= minimum);
      const detail = minimum === null ? {} : { professionalOrSpecialty, requiredProfessionalOrSpecialty: minimum };
      return draft(tier, rule.id, met, total, rule.individuals, detail,
        () => technicalShortfall(total, professionalOrSpecialty, rule.individuals, minimum));
    }
    case 'launched_opportunities': {
      // FAQ 25: legacy credits count only through 2020-03-31. SQL leaves them out past that date
      // (EvaluationPoint.legacyCreditsActive); the check is repeated here so the rule holds on its own.
      const lastLegacy = ruleSet.legacyRevenueCredits.lastEvaluationDate;
      const legacyActive = compareDates(e, lastLegacy) <= 0;
      const l = figures.launched;
      const legacyCredits = legacyActive ? l.legacyCredits : 0;
      const actual = l.opportunities + legacyCredits;
      const mrrUsd = l.mrrUsd;
      // FAQ 27: the MRR is an aggregate over the counted opportunities, not a per-opportunity minimum.
      const met = actual >= rule.opportunities && atLeastUsd(mrrUsd, rule.mrrUsd);
      // A legacy credit stops counting when its 12 months are over or after 2020-03-31, whichever is first.
      const legacyLeaves =
        legacyCredits > 0 && l.oldestLegacySubmittedOn !== null
          ? minDate(leavesWindowOn(l.oldestLegacySubmittedOn, months), addDays(lastLegacy, 1))
          : null;
      const opportunityLeaves = l.opportunities > 0 ? leaves(l.oldestLaunchedOn) : null;
      return draft(tier, rule.id, met, actual, rule.opportunities,
        withLeaves({ mrrUsd, requiredMrrUsd: rule.mrrUsd, legacyCredits }, earliest(opportunityLeaves, legacyLeaves)),
        () => launchedShortfall(actual, mrrUsd, rule.opportunities, rule.mrrUsd));
    }
    case 'direct_revenue': {
      const usd = figures.directRevenue.usd;
      const met = atLeastUsd(usd, rule.usd);
      // A revenue month stops counting on the first E whose window no longer holds its last day.
      return draft(tier, rule.id, met, usd, rule.usd, withLeaves({}, leaves(figures.directRevenue.oldestMonthEnd)),
        () => directRevenueShortfall(usd, rule.usd));
    }
    case 'product_listing': {
      // A yes/no requirement (the guide's table marks it "X"): actual 1 or 0; the count is detail.
      const met = facts.gaProductCount >= rule.gaProducts;
      return draft(tier, rule.id, met, yesNo(met), 1, { gaProducts: facts.gaProductCount },
        'a product listed as Generally Available on AWS');
    }
    case 'business_plan': {
      // Signed within W(E), and not after D (the projection only uses what is known on D).
      const signed = facts.businessPlanSignedOn;
      const met = signed !== null && compareDates(signed, asOf) <= 0 && inWindow(signed, e, months);
      return draft(tier, rule.id, met, yesNo(met), 1, withLeaves({}, met ? leaves(signed) : null),
        () => `a partner business plan signed after ${windowStartExclusive(e, months)}`);
    }
    case 'technical_baseline_review': {
      const met = figures.validations.technicalBaselineReview;
      return draft(tier, rule.id, met, yesNo(met), 1, {}, 'an active APN Technical Baseline Review');
    }
    case 'program_validations': {
      const { premierEligible, includesMspOrDevOps } = figures.validations;
      const met = premierEligible >= rule.validations && (!rule.mustIncludeMspOrDevOps || includesMspOrDevOps);
      return draft(tier, rule.id, met, premierEligible, rule.validations, { includesMspOrDevOps },
        () => programValidationsShortfall(premierEligible, includesMspOrDevOps, rule.validations, rule.mustIncludeMspOrDevOps));
    }
    case 'executive_business_review': {
      if (exempt(rule, tier, facts, ruleSet)) return draft(tier, rule.id, true, 1, 1, { exempt: true }, null);
      const done = facts.ebrCompletedOn;
      const met = done !== null && compareDates(done, asOf) <= 0;
      return draft(tier, rule.id, met, yesNo(met), 1, { exempt: false },
        'a completed Executive Business Review (the last step of the application)');
    }
    case 'public_references': {
      const { customers, oldestOn } = figures.publicReferences;
      return draft(tier, rule.id, customers >= rule.customers, customers, rule.customers,
        withLeaves({}, customers > 0 ? leaves(oldestOn) : null),
        () => countShortfall(customers, rule.customers, 'publicly referenceable customer', 'publicly referenceable customers'));
    }
    case 'csat_responses': {
      const { responses, oldestOn } = figures.csat;
      return draft(tier, rule.id, responses >= rule.responses, responses, rule.responses,
        withLeaves({}, responses > 0 ? leaves(oldestOn) : null),
        () => countShortfall(responses, rule.responses, 'validated customer satisfaction response', 'validated customer satisfaction responses'));
    }
    case 'sustained_premier':
      // Filled in by evaluateRequirementsAt once the criteria of E are known.
      return draft(tier, rule.id, false, 0, 1, {}, null);
  }
}

/**
 * Technology Experience (FAQ 39): launched opportunities OR direct revenue. **Decision**: `met` on
 * each requirement of an alternatives group says whether the group is met, so a tier is met when
 * all its requirements are met and a notice never names a requirement the partner need not meet.
 * Each member's own verdict stays visible: `actual`/`required` are its own figures, and
 * `detail.metByAlternative` is true when only another member meets it; `detail.alternativeTo`
 * names the others, and an unmet member's shortfall offers the others' as "or instead".
 */
function applyAlternatives(drafts: Draft[], groups: readonly (readonly number[])[]): void {
  for (const group of groups) {
    const members = group.map((i) => drafts[i]!);
    const groupMet = members.some((d) => d.result.met);
    // Own verdicts and phrases, read before any member is rewritten.
    const own = members.map((d) => ({ met: d.result.met, missing: d.missing }));
    members.forEach((member, m) => {
      const mine = own[m]!;
      // (each draft's detail and result are its own: extended in place)
      member.detail.alternativeTo = members.filter((o) => o !== member).map((o) => o.result.id);
      member.detail.metByAlternative = groupMet && !mine.met;
      if (groupMet) {
        member.result.met = true;
        member.missing = null;
      } else {
        const alternatives = own.filter((_, o) => o !== m).map((o) => o.missing).filter((x): x is string => x !== null);
        if (mine.missing !== null && alternatives.length > 0) {
          member.missing = `${mine.missing}, or instead ${alternatives.join(', or instead ')}`;
        }
      }
    });
  }
}

/**
 * Where a partner type's drafts sit (evaluateRequirementsAt lists them tier by tier, in the rule
 * set's order): each alternatives group's members within a tier (two or more), and the
 * sustained_premier rules. Derived once per partner type's rules.
 */
interface DraftLayout {
  alternatives: number[][];
  sustained: Array<{ index: number; tier: ProgramTier; rule: RequirementRule }>;
}

const LAYOUTS = new WeakMap<PartnerTypeRules, DraftLayout>();

function draftLayout(rules: PartnerTypeRules): DraftLayout {
  let layout = LAYOUTS.get(rules);
  if (layout !== undefined) return layout;
  const placed: Array<{ tier: ProgramTier; rule: RequirementRule }> = [];
  for (const tierRules of rules.tiers) for (const rule of tierRules.requirements) placed.push({ tier: tierRules.tier, rule });
  const alternatives: number[][] = [];
  for (const group of rules.alternatives) {
    for (const tier of new Set(placed.map((p) => p.tier))) {
      const members = placed.flatMap((p, i) => (p.tier === tier && group.includes(p.rule.id) ? [i] : []));
      if (members.length >= 2) alternatives.push(members);
    }
  }
  const sustained = placed.flatMap((p, index) => (p.rule.id === 'sustained_premier' ? [{ index, ...p }] : []));
  layout = { alternatives, sustained };
  LAYOUTS.set(rules, layout);
  return layout;
}

function finish(d: Draft): RequirementResult {
  const { tier, id, met, actual, required } = d.result;
  const detail = d.detail;
  if (!met) {
    // Every unmet requirement says what is missing; the generic form is a safety net only.
    detail.shortfall = `needs ${d.missing ?? `${required - actual} more`}`;
    return { tier, id, met, actual, required, detail };
  }
  // No empty `detail`: cli.md shows requirements without one. (for-in: cheaper than Object.keys.)
  for (const _ in detail) return { tier, id, met, actual, required, detail };
  return { tier, id, met, actual, required };
}

/**
 * premier criteria (rules.md, Sustained attainment): every requirement of the criteria tier but the
 * applicants-only ones (sustained_premier, executive_business_review) is met. False when the
 * results hold no such tier (a technology partner). The storage layer records it daily.
 */
export function criteriaMet(requirements: readonly RequirementResult[], ruleSet: RuleSet): boolean {
  const skip = applicantsOnlyIds(ruleSet);
  const criteria = requirements.filter((r) => r.tier === ruleSet.sustained.criteriaTier && !skip.has(r.id));
  return criteria.length > 0 && criteria.every((r) => r.met);
}

/**
 * All requirements of the partner's type at E, tier ascending then the rule set's (the guide's)
 * order. `sustained` is the stored history before D; it only applies to the evaluation on D (the
 * projection carries D's applicants-only results over, see evaluatePartner).
 */
export function evaluateRequirementsAt(input: PointInput, sustained: SustainedHistory, ruleSet: RuleSet): RequirementResult[] {
  const rules = typeRules(input.facts.partnerType, ruleSet);
  const layout = draftLayout(rules);
  const drafts: Draft[] = [];
  for (const tierRules of rules.tiers) {
    for (const rule of tierRules.requirements) drafts.push(evaluateOwn(rule, tierRules.tier, input, ruleSet));
  }
  applyAlternatives(drafts, layout.alternatives);
  if (layout.sustained.length > 0) {
    // sustained_premier needs E's own criteria (the last day of the period) besides the stored days.
    const criteriaOnE = criteriaMet(drafts.map((d) => d.result), ruleSet);
    for (const { index, tier, rule } of layout.sustained) {
      if (exempt(rule, tier, input.facts, ruleSet)) {
        drafts[index] = draft(tier, rule.id, true, 1, 1, { exempt: true }, null);
        continue;
      }
      // Met when every day of (D − 6 months, D] shows the criteria met: the stored days before D
      // all present and met, and D itself met now.
      const met = sustained.missingDays === 0 && sustained.allStoredDaysMet && criteriaOnE;
      drafts[index] = draft(tier, rule.id, met, yesNo(met), 1,
        { exempt: false, missingDays: sustained.missingDays },
        () => sustainedShortfall({
          criteriaTier: ruleSet.sustained.criteriaTier,
          from: addDays(sixMonthsBefore(input.e, ruleSet.sustained.months), 1),
          to: input.e,
          missingDays: sustained.missingDays,
          allStoredDaysMet: sustained.allStoredDaysMet,
          criteriaMetOnD: criteriaOnE,
        }));
    }
  }
  return drafts.map(finish);
}
