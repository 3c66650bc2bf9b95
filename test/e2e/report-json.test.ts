// End to end: the real command (`run`, then `report`) over the hand-designed export set of
// test/fixtures/e2e, compared with expectations computed BY HAND from rules.md (not copied from
// the program's output). Every figure below is explained next to it.
//
// D = 2019-11-30, W(D) = (2018-11-30, 2019-11-30]. The 2019 transition (FAQ 4) moves the review
// of every anniversary from 04-01 to 12-13 to R = 2019-12-13, W(R) = (2018-12-13, 2019-12-13].
//
//   P01 consulting select,   renewal 2019-10-01 → R 2019-12-13 (13 d), B 2019-10-01, fee paid.
//       Knowledge counting (guide step 2, FAQ 13, accreditation split with an individual holding
//       both), certifications expiring between D and R, public references from three sources.
//       Qualifies select on D; at R only one technical individual is left → at_risk.
//   P02 consulting advanced, renewal 2019-09-15 → R 2019-12-13 (13 d), B 2019-09-15, no payment
//       for that year (one for 2018-09-15 only) → grace until 2019-12-14. Launched window bounds
//       (2018-11-30 out, 2018-12-01 in), aggregate MRR (FAQ 27), O-900 credited to P02 and P06
//       (FAQ 28), legacy credits per row (FAQ 25), a business plan signed exactly a year before D.
//   P03 consulting premier,  renewal 2020-03-15 → R 2020-03-15 (106 d), B 2019-03-15, 2,000 of
//       2,500 paid → overdue. Program validations (MSP, DevOps, Migration; expired, future,
//       TBR not counted); DevOps expires before R. Accreditations 3 technical + 1 business: 4 in
//       total but the business minimum is not met → qualifies registered. 106 d > 90: no at_risk.
//   P04 technology advanced, renewal 2019-12-20 → R 2019-12-20 (20 d), B 2018-12-20, tier_since
//       2019-06-01 > B → not_due. Experience through direct revenue only (exempt MAP credits, a
//       reducing credit, RI purchase, a second domain, an unmatched domain, 2018-11 and 2019-12
//       outside the window). 20 CSAT on D, one of them (2018-12-15) leaves before R → at_risk.
//   P05 technology select,   renewal 2020-02-29 → R 2020-02-29 (91 d), B 2019-02-28, paid for
//       2019-02-28. Launched opportunities with legacy credits; the 29 February window:
//       W(R) = (2019-02-28, 2020-02-29]. Projection fails, but 91 d > 90: no at_risk.
//   P06 consulting registered: qualifies select → upgrade_eligible; no review, fee not_applicable.
//   P07 technology registered: direct revenue 10,000 (< 15,000), nothing else; no flag.
//   P08 consulting advanced, renewal 2020-01-31 → R 2020-01-31 (62 d), B 2019-01-31, paid in two
//       instalments (1,000 + 1,500). Meets advanced on D and R (20 launched = 10 + 10 legacy
//       credits); premier applicant: EBR done, 183 days of history missing, 3 validations
//       without MSP or DevOps.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database.js';
import { projectRoot, runCli, type CliEnv } from '../helpers/cli.js';

const INPUT = path.join(projectRoot, 'test', 'fixtures', 'e2e');
const D = '2019-11-30';

interface Req {
  tier: string;
  id: string;
  met: boolean;
  actual: number;
  required: number;
  detail?: Record<string, unknown>;
}

interface Partner {
  partnerId: string;
  partnerName: string;
  partnerType: string;
  currentTier: string;
  qualifiedTier: string;
  projectedTier: string | null;
  reviewDate: string | null;
  daysToReview: number | null;
  flags: string[];
  fee: { status: string; billingDate: string | null; graceEndsOn: string | null };
  requirements: Req[];
  projectedRequirements: Req[] | null;
}

/** One expected requirement result (a plain constructor: every value is written by hand). */
function r(tier: string, id: string, met: boolean, actual: number, required: number, detail?: Record<string, unknown>): Req {
  return detail === undefined ? { tier, id, met, actual, required } : { tier, id, met, actual, required, detail };
}

/** A copy of `list` with the named requirements replaced (for projections differing in a few). */
function replaced(list: readonly Req[], ...changes: Req[]): Req[] {
  const out = [...list];
  for (const c of changes) {
    const i = out.findIndex((x) => x.tier === c.tier && x.id === c.id);
    if (i < 0) throw new Error(`no ${c.tier}/${c.id} to replace`);
    out[i] = c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// P01 — on D. People (emails folded: A1@Alpha.Example is a1):
//   a1 TECH_ACCREDITATION, CLF, SAP (→2021), BDS (→2019-12-10): the guide's step 2 example, counts
//      once as accredited (technical), once foundational, once technical (professional/specialty).
//   a2 CLF, SAA (→12-05), SAP (→12-10), DAS (→12-12): FAQ 13, once foundational, once technical pro.
//   a3 both accreditations; a4 business; a9 technical; a7 technical expired 2019-11-29 (out);
//   a8 business issued 2019-12-01 (after D: out on D and at R); a5 SOA expiring on D (counts on D).
//   Accredited: t = 2 (a1, a9), b = 1 (a4), k = 1 (a3): 4 in total; select: max(0,2−2)+max(0,2−1)
//   = 1 ≤ 1 → met. Foundational: a1, a2 = 2. Technical: a1, a2, a5 = 3, professional/specialty 2.
// Launched: O-101 500 + O-102 700 + O-103 300 = 3 opportunities, MRR 1,500 (aggregate, FAQ 27);
//   O-104 is committed. Oldest 2019-03-10 → leaves 2020-03-10.
// Public references: Globex (ACE 2019-05-01 and manual "  globex   CORPORATION " approved
//   2019-06-01: one customer), Initech (legacy 2019-03-01), Cyberdyne (manual submitted 2018-10-15,
//   approved 2018-12-20: counts from approval). Wayne (not approved) and Tyrell (legacy 2018-11-30)
//   do not count. 3 customers; the first to leave is Cyberdyne on 2019-12-20.
// CSAT: 2019-01-15, 04-01, 06-10, 08-20, 11-30 = 5 (one email unconfirmed, one not verified,
//   one on 2018-11-30, one on 2019-12-01 do not count). Oldest → leaves 2020-01-15.
// ---------------------------------------------------------------------------------------------
const P01_D: Req[] = [
  r('select', 'accredited_professionals', true, 4, 4, { technical: 2, business: 1, both: 1, requiredEach: 2 }),
  r('select', 'foundational_certified', true, 2, 2),
  r('select', 'technical_certified', true, 3, 2),
  r('select', 'launched_opportunities', true, 3, 3, { mrrUsd: 1500, requiredMrrUsd: 1500, legacyCredits: 0, leavesWindowOn: '2020-03-10' }),
  r('select', 'public_references', true, 3, 1, { leavesWindowOn: '2019-12-20' }),
  r('select', 'csat_responses', true, 5, 5, { leavesWindowOn: '2020-01-15' }),
  r('advanced', 'accredited_professionals', false, 4, 8, { technical: 2, business: 1, both: 1, requiredEach: 4 }),
  r('advanced', 'foundational_certified', false, 2, 4),
  r('advanced', 'technical_certified', false, 3, 6, { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 3 }),
  r('advanced', 'launched_opportunities', false, 3, 20, { mrrUsd: 1500, requiredMrrUsd: 10000, legacyCredits: 0, leavesWindowOn: '2020-03-10' }),
  r('advanced', 'business_plan', false, 0, 1),
  r('advanced', 'public_references', true, 3, 2, { leavesWindowOn: '2019-12-20' }),
  r('advanced', 'csat_responses', false, 5, 20, { leavesWindowOn: '2020-01-15' }),
  r('premier', 'accredited_professionals', false, 4, 20, { technical: 2, business: 1, both: 1, requiredEach: 10 }),
  r('premier', 'foundational_certified', false, 2, 10),
  r('premier', 'technical_certified', false, 3, 25, { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 10 }),
  r('premier', 'launched_opportunities', false, 3, 50, { mrrUsd: 1500, requiredMrrUsd: 50000, legacyCredits: 0, leavesWindowOn: '2020-03-10' }),
  r('premier', 'business_plan', false, 0, 1),
  r('premier', 'program_validations', false, 0, 3, { includesMspOrDevOps: false }),
  // Not premier: not exempt. (D − 6 months, D) = 2019-05-31 … 2019-11-29 = 183 days, none stored.
  r('premier', 'sustained_premier', false, 0, 1, { exempt: false, missingDays: 183 }),
  r('premier', 'executive_business_review', false, 0, 1, { exempt: false }),
  r('premier', 'public_references', false, 3, 6, { leavesWindowOn: '2019-12-20' }),
  r('premier', 'csat_responses', false, 5, 30, { leavesWindowOn: '2020-01-15' }),
];
// At R = 2019-12-13: a1's BDS (12-10), a2's SAA/SAP/DAS (12-05, 12-10, 12-12) and a5's SOA (11-30)
// have expired; a1 keeps SAP (→2021): technical 1, professional 1. Everything else is unchanged
// (all windowed items are after 2018-12-13; a8's accreditation is dated after D).
const P01_R: Req[] = replaced(
  P01_D,
  r('select', 'technical_certified', false, 1, 2),
  r('advanced', 'technical_certified', false, 1, 6, { professionalOrSpecialty: 1, requiredProfessionalOrSpecialty: 3 }),
  r('premier', 'technical_certified', false, 1, 25, { professionalOrSpecialty: 1, requiredProfessionalOrSpecialty: 10 }),
);

// ---------------------------------------------------------------------------------------------
// P02 — accredited t = 2, b = 2, k = 0; foundational 2 (b1, b3); technical 2 (SAA, DVA), pro 0.
// Launched on D: O-201 (2018-11-30, exactly a year: out), O-202 (2018-12-01, MRR 0), O-203
//   (MRR empty = 0), O-900 (1,500, also P06's) = 3; O-204 closed_lost, O-205 launched 2019-12-01
//   (after D). Legacy: two rows of 2019-02-01 (two accounts) = 2 credits; 2018-11-30 out.
//   Actual 3 + 2 = 5, MRR 1,500. Leaves: O-202 on 2019-12-01 (legacy 2020-02-01).
// At R: O-202 (2018-12-01 ≤ 2018-12-13) out → 2 + 2 = 4, MRR 1,500; leaves: legacy 2020-02-01
//   (O-203 2020-04-15).
// Business plan signed 2018-11-30: not in W(D) (nor W(R)).
// References: O-201's ACE designation 2019-01-20 (opportunity launched outside the window, the
//   designation is inside), legacy Soylent 2019-03-05 → 2, first leaves 2020-01-20.
// CSAT: 6 validated (bool spellings yes/Y/1/TRUE), 2 not → 6, oldest 2019-01-01 → 2020-01-01.
// ---------------------------------------------------------------------------------------------
const P02_D: Req[] = [
  r('select', 'accredited_professionals', true, 4, 4, { technical: 2, business: 2, both: 0, requiredEach: 2 }),
  r('select', 'foundational_certified', true, 2, 2),
  r('select', 'technical_certified', true, 2, 2),
  r('select', 'launched_opportunities', true, 5, 3, { mrrUsd: 1500, requiredMrrUsd: 1500, legacyCredits: 2, leavesWindowOn: '2019-12-01' }),
  r('select', 'public_references', true, 2, 1, { leavesWindowOn: '2020-01-20' }),
  r('select', 'csat_responses', true, 6, 5, { leavesWindowOn: '2020-01-01' }),
  r('advanced', 'accredited_professionals', false, 4, 8, { technical: 2, business: 2, both: 0, requiredEach: 4 }),
  r('advanced', 'foundational_certified', false, 2, 4),
  r('advanced', 'technical_certified', false, 2, 6, { professionalOrSpecialty: 0, requiredProfessionalOrSpecialty: 3 }),
  r('advanced', 'launched_opportunities', false, 5, 20, { mrrUsd: 1500, requiredMrrUsd: 10000, legacyCredits: 2, leavesWindowOn: '2019-12-01' }),
  r('advanced', 'business_plan', false, 0, 1),
  r('advanced', 'public_references', true, 2, 2, { leavesWindowOn: '2020-01-20' }),
  r('advanced', 'csat_responses', false, 6, 20, { leavesWindowOn: '2020-01-01' }),
  r('premier', 'accredited_professionals', false, 4, 20, { technical: 2, business: 2, both: 0, requiredEach: 10 }),
  r('premier', 'foundational_certified', false, 2, 10),
  r('premier', 'technical_certified', false, 2, 25, { professionalOrSpecialty: 0, requiredProfessionalOrSpecialty: 10 }),
  r('premier', 'launched_opportunities', false, 5, 50, { mrrUsd: 1500, requiredMrrUsd: 50000, legacyCredits: 2, leavesWindowOn: '2019-12-01' }),
  r('premier', 'business_plan', false, 0, 1),
  r('premier', 'program_validations', false, 0, 3, { includesMspOrDevOps: false }),
  r('premier', 'sustained_premier', false, 0, 1, { exempt: false, missingDays: 183 }),
  r('premier', 'executive_business_review', false, 0, 1, { exempt: false }),
  r('premier', 'public_references', false, 2, 6, { leavesWindowOn: '2020-01-20' }),
  r('premier', 'csat_responses', false, 6, 30, { leavesWindowOn: '2020-01-01' }),
];
const P02_R: Req[] = replaced(
  P02_D,
  r('select', 'launched_opportunities', true, 4, 3, { mrrUsd: 1500, requiredMrrUsd: 1500, legacyCredits: 2, leavesWindowOn: '2020-02-01' }),
  r('advanced', 'launched_opportunities', false, 4, 20, { mrrUsd: 1500, requiredMrrUsd: 10000, legacyCredits: 2, leavesWindowOn: '2020-02-01' }),
  r('premier', 'launched_opportunities', false, 4, 50, { mrrUsd: 1500, requiredMrrUsd: 50000, legacyCredits: 2, leavesWindowOn: '2020-02-01' }),
);

// ---------------------------------------------------------------------------------------------
// P03 — accredited t = 3, b = 1, k = 0: 4 in total, but max(0,2−3)+max(0,2−1) = 1 > 0 → not met.
// Foundational 2; technical 2 (SAP, ANS), both professional/specialty.
// Launched: 3 × 600 = 1,800 (2019-05-01 … 07-01) → leaves 2020-05-01. Business plan 2019-08-01.
// Validations on D: msp, competency/devops (→2020-01-10), competency/migration = 3, MSP included;
//   well_architected expired 2019-11-29, competency/security validated after D, and
//   technical_baseline_review is not a premier program. At R (2020-03-15) DevOps has expired: 2.
// Premier partner: sustained_premier and EBR exempt (FAQ 47).
// References: manual Duff approved 2019-07-15 → 1. CSAT: 5 from 2019-04-01 → leaves 2020-04-01.
// W(R) = (2019-03-15, 2020-03-15] still holds every windowed item.
// ---------------------------------------------------------------------------------------------
const P03_D: Req[] = [
  r('select', 'accredited_professionals', false, 4, 4, { technical: 3, business: 1, both: 0, requiredEach: 2 }),
  r('select', 'foundational_certified', true, 2, 2),
  r('select', 'technical_certified', true, 2, 2),
  r('select', 'launched_opportunities', true, 3, 3, { mrrUsd: 1800, requiredMrrUsd: 1500, legacyCredits: 0, leavesWindowOn: '2020-05-01' }),
  r('select', 'public_references', true, 1, 1, { leavesWindowOn: '2020-07-15' }),
  r('select', 'csat_responses', true, 5, 5, { leavesWindowOn: '2020-04-01' }),
  r('advanced', 'accredited_professionals', false, 4, 8, { technical: 3, business: 1, both: 0, requiredEach: 4 }),
  r('advanced', 'foundational_certified', false, 2, 4),
  r('advanced', 'technical_certified', false, 2, 6, { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 3 }),
  r('advanced', 'launched_opportunities', false, 3, 20, { mrrUsd: 1800, requiredMrrUsd: 10000, legacyCredits: 0, leavesWindowOn: '2020-05-01' }),
  r('advanced', 'business_plan', true, 1, 1, { leavesWindowOn: '2020-08-01' }),
  r('advanced', 'public_references', false, 1, 2, { leavesWindowOn: '2020-07-15' }),
  r('advanced', 'csat_responses', false, 5, 20, { leavesWindowOn: '2020-04-01' }),
  r('premier', 'accredited_professionals', false, 4, 20, { technical: 3, business: 1, both: 0, requiredEach: 10 }),
  r('premier', 'foundational_certified', false, 2, 10),
  r('premier', 'technical_certified', false, 2, 25, { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 10 }),
  r('premier', 'launched_opportunities', false, 3, 50, { mrrUsd: 1800, requiredMrrUsd: 50000, legacyCredits: 0, leavesWindowOn: '2020-05-01' }),
  r('premier', 'business_plan', true, 1, 1, { leavesWindowOn: '2020-08-01' }),
  r('premier', 'program_validations', true, 3, 3, { includesMspOrDevOps: true }),
  r('premier', 'sustained_premier', true, 1, 1, { exempt: true }),
  r('premier', 'executive_business_review', true, 1, 1, { exempt: true }),
  r('premier', 'public_references', false, 1, 6, { leavesWindowOn: '2020-07-15' }),
  r('premier', 'csat_responses', false, 5, 30, { leavesWindowOn: '2020-04-01' }),
];
const P03_R: Req[] = replaced(P03_D, r('premier', 'program_validations', false, 2, 3, { includesMspOrDevOps: true }));

// ---------------------------------------------------------------------------------------------
// P04 — technical: d1 SAP, d2 ANS, d3 SAA, d4 DVA+SOA (once) = 4, professional/specialty 2; d5
//   holds only CLF, which is not a technical certification.
// Direct revenue, months whose last day is in W(D): 2018-12 … 2019-11.
//   12 × 30,000 usage = 360,000; + RI purchase 2019-03 20,000; − PROMO_CREDIT 12,500 (reduces);
//   + delta-labs.example (written DELTA-LABS.EXAMPLE) 7,500 = 375,000. Left out: MAP −25,000,
//   "map credit" −10,000, "Reseller/SPP Discount" −5,000 (exempt), 2018-11 (its last day is the
//   exclusive window start), 2019-12 (after D), unknown-corp.example (no partner).
//   Oldest month counted 2018-12 → its last day leaves on 2019-12-31. W(R) = (2018-12-20,
//   2019-12-20] holds the same months (2019-12 is after D) → 375,000 at R too.
// Launched: O-401 (400) only → 1 of 3; met through the alternative (FAQ 39). Leaves 2020-02-01.
// References: ACE Umbrella 2019-03-01, legacy Soylent 2019-01-05 → 2, first leaves 2020-01-05.
// CSAT: 2018-12-15 + 19 from 2019-01-10 to 01-28 = 20 (two unvalidated, one of 2018-11-30 out).
//   At R the 2018-12-15 one is out (≤ 2018-12-20): 19 → advanced fails at R; leaves 2020-01-10.
// Business plan 2019-01-10 → leaves 2020-01-10; TBR validated 2019-04-01; 2 GA products.
// ---------------------------------------------------------------------------------------------
const ALT_L = { alternativeTo: ['direct_revenue'] };
const ALT_R = { alternativeTo: ['launched_opportunities'] };
const P04_D: Req[] = [
  r('select', 'technical_certified', true, 4, 1),
  r('select', 'launched_opportunities', true, 1, 3, { mrrUsd: 400, requiredMrrUsd: 1500, legacyCredits: 0, leavesWindowOn: '2020-02-01', ...ALT_L, metByAlternative: true }),
  r('select', 'direct_revenue', true, 375000, 15000, { leavesWindowOn: '2019-12-31', ...ALT_R, metByAlternative: false }),
  r('select', 'product_listing', true, 1, 1, { gaProducts: 2 }),
  r('select', 'public_references', true, 2, 1, { leavesWindowOn: '2020-01-05' }),
  r('select', 'csat_responses', true, 20, 5, { leavesWindowOn: '2019-12-15' }),
  r('advanced', 'technical_certified', true, 4, 4, { professionalOrSpecialty: 2, requiredProfessionalOrSpecialty: 2 }),
  r('advanced', 'launched_opportunities', true, 1, 20, { mrrUsd: 400, requiredMrrUsd: 10000, legacyCredits: 0, leavesWindowOn: '2020-02-01', ...ALT_L, metByAlternative: true }),
  r('advanced', 'direct_revenue', true, 375000, 350000, { leavesWindowOn: '2019-12-31', ...ALT_R, metByAlternative: false }),
  r('advanced', 'product_listing', true, 1, 1, { gaProducts: 2 }),
  r('advanced', 'business_plan', true, 1, 1, { leavesWindowOn: '2020-01-10' }),
  r('advanced', 'technical_baseline_review', true, 1, 1),
  r('advanced', 'public_references', true, 2, 2, { leavesWindowOn: '2020-01-05' }),
  r('advanced', 'csat_responses', true, 20, 20, { leavesWindowOn: '2019-12-15' }),
];
const P04_R: Req[] = replaced(
  P04_D,
  r('select', 'csat_responses', true, 19, 5, { leavesWindowOn: '2020-01-10' }),
  r('advanced', 'csat_responses', false, 19, 20, { leavesWindowOn: '2020-01-10' }),
);

// ---------------------------------------------------------------------------------------------
// P05 — technical 1 (SAA), pro 0. Launched on D: O-501 (2019-01-15, 1,000) + O-502 (2019-06-01,
//   600) = 2, MRR 1,600, + legacy 2019-02-28 and 2019-03-01 = 2 credits → 4. Leaves: O-501 on
//   2020-01-15 (legacy 2019-02-28 on 2020-02-28).
// At R = 2020-02-29: W(R) = (2019-02-28, 2020-02-29] (29 Feb − 12 months = 28 Feb): O-501 and
//   the 2019-02-28 credit are out → 1 + 1 = 2, MRR 600; leaves: legacy 2019-03-01 on 2020-03-01
//   (O-502 on 2020-06-01). No direct revenue → Experience fails at R: projected registered, but
//   R − D = 91 days > 90 → no at_risk.
// References: manual Sterling approved 2019-09-01 → 1. CSAT 5 from 2019-04-01.
// ---------------------------------------------------------------------------------------------
const P05_D: Req[] = [
  r('select', 'technical_certified', true, 1, 1),
  r('select', 'launched_opportunities', true, 4, 3, { mrrUsd: 1600, requiredMrrUsd: 1500, legacyCredits: 2, leavesWindowOn: '2020-01-15', ...ALT_L, metByAlternative: false }),
  r('select', 'direct_revenue', true, 0, 15000, { ...ALT_R, metByAlternative: true }),
  r('select', 'product_listing', true, 1, 1, { gaProducts: 1 }),
  r('select', 'public_references', true, 1, 1, { leavesWindowOn: '2020-09-01' }),
  r('select', 'csat_responses', true, 5, 5, { leavesWindowOn: '2020-04-01' }),
  r('advanced', 'technical_certified', false, 1, 4, { professionalOrSpecialty: 0, requiredProfessionalOrSpecialty: 2 }),
  r('advanced', 'launched_opportunities', false, 4, 20, { mrrUsd: 1600, requiredMrrUsd: 10000, legacyCredits: 2, leavesWindowOn: '2020-01-15', ...ALT_L, metByAlternative: false }),
  r('advanced', 'direct_revenue', false, 0, 350000, { ...ALT_R, metByAlternative: false }),
  r('advanced', 'product_listing', true, 1, 1, { gaProducts: 1 }),
  r('advanced', 'business_plan', false, 0, 1),
  r('advanced', 'technical_baseline_review', false, 0, 1),
  r('advanced', 'public_references', false, 1, 2, { leavesWindowOn: '2020-09-01' }),
  r('advanced', 'csat_responses', false, 5, 20, { leavesWindowOn: '2020-04-01' }),
];
const P05_R: Req[] = replaced(
  P05_D,
  r('select', 'launched_opportunities', false, 2, 3, { mrrUsd: 600, requiredMrrUsd: 1500, legacyCredits: 1, leavesWindowOn: '2020-03-01', ...ALT_L, metByAlternative: false }),
  r('select', 'direct_revenue', false, 0, 15000, { ...ALT_R, metByAlternative: false }),
  r('advanced', 'launched_opportunities', false, 2, 20, { mrrUsd: 600, requiredMrrUsd: 10000, legacyCredits: 1, leavesWindowOn: '2020-03-01', ...ALT_L, metByAlternative: false }),
);

// ---------------------------------------------------------------------------------------------
// P06 — accredited t = 2, b = 2; foundational 2; technical 2 (SAA, DVA). Launched: O-900 (1,500,
//   shared with P02, FAQ 28) + O-601 + O-602 (MRR 0) = 3, MRR 1,500, leaves 2020-08-01.
// References: legacy Monsters Inc 2019-05-05. CSAT: 5 from 2019-07-01.
// ---------------------------------------------------------------------------------------------
const P06_D: Req[] = [
  r('select', 'accredited_professionals', true, 4, 4, { technical: 2, business: 2, both: 0, requiredEach: 2 }),
  r('select', 'foundational_certified', true, 2, 2),
  r('select', 'technical_certified', true, 2, 2),
  r('select', 'launched_opportunities', true, 3, 3, { mrrUsd: 1500, requiredMrrUsd: 1500, legacyCredits: 0, leavesWindowOn: '2020-08-01' }),
  r('select', 'public_references', true, 1, 1, { leavesWindowOn: '2020-05-05' }),
  r('select', 'csat_responses', true, 5, 5, { leavesWindowOn: '2020-07-01' }),
  r('advanced', 'accredited_professionals', false, 4, 8, { technical: 2, business: 2, both: 0, requiredEach: 4 }),
  r('advanced', 'foundational_certified', false, 2, 4),
  r('advanced', 'technical_certified', false, 2, 6, { professionalOrSpecialty: 0, requiredProfessionalOrSpecialty: 3 }),
  r('advanced', 'launched_opportunities', false, 3, 20, { mrrUsd: 1500, requiredMrrUsd: 10000, legacyCredits: 0, leavesWindowOn: '2020-08-01' }),
  r('advanced', 'business_plan', false, 0, 1),
  r('advanced', 'public_references', false, 1, 2, { leavesWindowOn: '2020-05-05' }),
  r('advanced', 'csat_responses', false, 5, 20, { leavesWindowOn: '2020-07-01' }),
  r('premier', 'accredited_professionals', false, 4, 20, { technical: 2, business: 2, both: 0, requiredEach: 10 }),
  r('premier', 'foundational_certified', false, 2, 10),
  r('premier', 'technical_certified', false, 2, 25, { professionalOrSpecialty: 0, requiredProfessionalOrSpecialty: 10 }),
  r('premier', 'launched_opportunities', false, 3, 50, { mrrUsd: 1500, requiredMrrUsd: 50000, legacyCredits: 0, leavesWindowOn: '2020-08-01' }),
  r('premier', 'business_plan', false, 0, 1),
  r('premier', 'program_validations', false, 0, 3, { includesMspOrDevOps: false }),
  r('premier', 'sustained_premier', false, 0, 1, { exempt: false, missingDays: 183 }),
  r('premier', 'executive_business_review', false, 0, 1, { exempt: false }),
  r('premier', 'public_references', false, 1, 6, { leavesWindowOn: '2020-05-05' }),
  r('premier', 'csat_responses', false, 5, 30, { leavesWindowOn: '2020-07-01' }),
];

// ---------------------------------------------------------------------------------------------
// P07 — technical 1. Direct revenue: golf.example 2019-05 usage 10,000; the EAP credit (exempt,
//   code in lower case) is left out → 10,000, leaves with 2019-05-31 on 2020-05-31. Nothing else.
// ---------------------------------------------------------------------------------------------
const P07_D: Req[] = [
  r('select', 'technical_certified', true, 1, 1),
  r('select', 'launched_opportunities', false, 0, 3, { mrrUsd: 0, requiredMrrUsd: 1500, legacyCredits: 0, ...ALT_L, metByAlternative: false }),
  r('select', 'direct_revenue', false, 10000, 15000, { leavesWindowOn: '2020-05-31', ...ALT_R, metByAlternative: false }),
  r('select', 'product_listing', false, 0, 1, { gaProducts: 0 }),
  r('select', 'public_references', false, 0, 1),
  r('select', 'csat_responses', false, 0, 5),
  r('advanced', 'technical_certified', false, 1, 4, { professionalOrSpecialty: 0, requiredProfessionalOrSpecialty: 2 }),
  r('advanced', 'launched_opportunities', false, 0, 20, { mrrUsd: 0, requiredMrrUsd: 10000, legacyCredits: 0, ...ALT_L, metByAlternative: false }),
  r('advanced', 'direct_revenue', false, 10000, 350000, { leavesWindowOn: '2020-05-31', ...ALT_R, metByAlternative: false }),
  r('advanced', 'product_listing', false, 0, 1, { gaProducts: 0 }),
  r('advanced', 'business_plan', false, 0, 1),
  r('advanced', 'technical_baseline_review', false, 0, 1),
  r('advanced', 'public_references', false, 0, 2),
  r('advanced', 'csat_responses', false, 0, 20),
];

// ---------------------------------------------------------------------------------------------
// P08 — accredited t = 3 (h1–h3), k = 1 (h4), b = 4 (h5–h8): 8; advanced: max(0,4−3)+0 = 1 ≤ 1.
// Foundational h1–h4 = 4. Technical h1 SAP, h2 DOP, h3 SCS, h4 SAA, h5 SAA, h6 SOA = 6, pro 3.
// Launched: 10 × 1,000 (2019-02-05 … 11-05) + 10 legacy credits (2019-02-10 … 11-10) = 20,
//   MRR 10,000; leaves 2020-02-05. References: ACE Wonka 2019-04-01, manual Gringotts approved
//   2019-05-01 → 2. CSAT: 20 from 2019-02-01. Business plan 2019-03-01. EBR 2019-10-15 ≤ D.
// Validations: well_architected, competency/migration, competency/storage = 3, no MSP/DevOps.
// W(R) = (2019-01-31, 2020-01-31] holds every item (legacy credits still active): R = D figures.
// ---------------------------------------------------------------------------------------------
const P08_D: Req[] = [
  r('select', 'accredited_professionals', true, 8, 4, { technical: 3, business: 4, both: 1, requiredEach: 2 }),
  r('select', 'foundational_certified', true, 4, 2),
  r('select', 'technical_certified', true, 6, 2),
  r('select', 'launched_opportunities', true, 20, 3, { mrrUsd: 10000, requiredMrrUsd: 1500, legacyCredits: 10, leavesWindowOn: '2020-02-05' }),
  r('select', 'public_references', true, 2, 1, { leavesWindowOn: '2020-04-01' }),
  r('select', 'csat_responses', true, 20, 5, { leavesWindowOn: '2020-02-01' }),
  r('advanced', 'accredited_professionals', true, 8, 8, { technical: 3, business: 4, both: 1, requiredEach: 4 }),
  r('advanced', 'foundational_certified', true, 4, 4),
  r('advanced', 'technical_certified', true, 6, 6, { professionalOrSpecialty: 3, requiredProfessionalOrSpecialty: 3 }),
  r('advanced', 'launched_opportunities', true, 20, 20, { mrrUsd: 10000, requiredMrrUsd: 10000, legacyCredits: 10, leavesWindowOn: '2020-02-05' }),
  r('advanced', 'business_plan', true, 1, 1, { leavesWindowOn: '2020-03-01' }),
  r('advanced', 'public_references', true, 2, 2, { leavesWindowOn: '2020-04-01' }),
  r('advanced', 'csat_responses', true, 20, 20, { leavesWindowOn: '2020-02-01' }),
  r('premier', 'accredited_professionals', false, 8, 20, { technical: 3, business: 4, both: 1, requiredEach: 10 }),
  r('premier', 'foundational_certified', false, 4, 10),
  r('premier', 'technical_certified', false, 6, 25, { professionalOrSpecialty: 3, requiredProfessionalOrSpecialty: 10 }),
  r('premier', 'launched_opportunities', false, 20, 50, { mrrUsd: 10000, requiredMrrUsd: 50000, legacyCredits: 10, leavesWindowOn: '2020-02-05' }),
  r('premier', 'business_plan', true, 1, 1, { leavesWindowOn: '2020-03-01' }),
  r('premier', 'program_validations', false, 3, 3, { includesMspOrDevOps: false }),
  r('premier', 'sustained_premier', false, 0, 1, { exempt: false, missingDays: 183 }),
  r('premier', 'executive_business_review', true, 1, 1, { exempt: false }),
  r('premier', 'public_references', false, 2, 6, { leavesWindowOn: '2020-04-01' }),
  r('premier', 'csat_responses', false, 20, 30, { leavesWindowOn: '2020-02-01' }),
];

const EXPECTED: Partner[] = [
  {
    partnerId: 'P01', partnerName: 'Alpha Cloud Consulting', partnerType: 'consulting', currentTier: 'select',
    qualifiedTier: 'select', projectedTier: 'registered', reviewDate: '2019-12-13', daysToReview: 13,
    flags: ['at_risk'],
    // B = 2019-10-01 (the transition never moves billing, FAQ 6); + 90 days = 2019-12-30.
    fee: { status: 'paid', billingDate: '2019-10-01', graceEndsOn: '2019-12-30' },
    requirements: P01_D, projectedRequirements: P01_R,
  },
  {
    partnerId: 'P02', partnerName: 'Bravo Partners', partnerType: 'consulting', currentTier: 'advanced',
    qualifiedTier: 'select', projectedTier: 'select', reviewDate: '2019-12-13', daysToReview: 13,
    flags: ['at_risk', 'below_tier', 'fee_grace'],
    fee: { status: 'grace', billingDate: '2019-09-15', graceEndsOn: '2019-12-14' },
    requirements: P02_D, projectedRequirements: P02_R,
  },
  {
    partnerId: 'P03', partnerName: 'Charlie Systems Integrators', partnerType: 'consulting', currentTier: 'premier',
    qualifiedTier: 'registered', projectedTier: 'registered', reviewDate: '2020-03-15', daysToReview: 106,
    flags: ['below_tier', 'fee_overdue'],
    fee: { status: 'overdue', billingDate: '2019-03-15', graceEndsOn: '2019-06-13' },
    requirements: P03_D, projectedRequirements: P03_R,
  },
  {
    partnerId: 'P04', partnerName: 'Delta Data Inc', partnerType: 'technology', currentTier: 'advanced',
    qualifiedTier: 'advanced', projectedTier: 'select', reviewDate: '2019-12-20', daysToReview: 20,
    flags: ['at_risk'],
    fee: { status: 'not_due', billingDate: '2018-12-20', graceEndsOn: '2019-03-20' },
    requirements: P04_D, projectedRequirements: P04_R,
  },
  {
    partnerId: 'P05', partnerName: 'Echo Software', partnerType: 'technology', currentTier: 'select',
    qualifiedTier: 'select', projectedTier: 'registered', reviewDate: '2020-02-29', daysToReview: 91,
    flags: [],
    // 29 February renewal: the 2019 anniversary is 2019-02-28; + 90 days = 2019-05-29.
    fee: { status: 'paid', billingDate: '2019-02-28', graceEndsOn: '2019-05-29' },
    requirements: P05_D, projectedRequirements: P05_R,
  },
  {
    partnerId: 'P06', partnerName: 'Foxtrot Advisory', partnerType: 'consulting', currentTier: 'registered',
    qualifiedTier: 'select', projectedTier: null, reviewDate: null, daysToReview: null,
    flags: ['upgrade_eligible'],
    fee: { status: 'not_applicable', billingDate: null, graceEndsOn: null },
    requirements: P06_D, projectedRequirements: null,
  },
  {
    partnerId: 'P07', partnerName: 'Golf Gadgets', partnerType: 'technology', currentTier: 'registered',
    qualifiedTier: 'registered', projectedTier: null, reviewDate: null, daysToReview: null,
    flags: [],
    fee: { status: 'not_applicable', billingDate: null, graceEndsOn: null },
    requirements: P07_D, projectedRequirements: null,
  },
  {
    partnerId: 'P08', partnerName: 'Hotel Cloud Services', partnerType: 'consulting', currentTier: 'advanced',
    qualifiedTier: 'advanced', projectedTier: 'advanced', reviewDate: '2020-01-31', daysToReview: 62,
    flags: [],
    fee: { status: 'paid', billingDate: '2019-01-31', graceEndsOn: '2019-05-01' },
    requirements: P08_D, projectedRequirements: P08_D,
  },
];

/**
 * The requirement without its `shortfall` sentence (implementation prose), after checking that
 * exactly the unmet requirements carry one.
 */
function withoutShortfall(req: Req, where: string): Req {
  const { detail, ...rest } = req;
  const shortfall = detail?.shortfall;
  if (req.met) expect(shortfall, `${where}: a met requirement has no shortfall`).toBeUndefined();
  else expect(typeof shortfall === 'string' && shortfall.length > 0, `${where}: an unmet requirement says what is missing`).toBe(true);
  if (detail === undefined) return rest;
  const { shortfall: _s, ...kept } = detail;
  return Object.keys(kept).length === 0 ? rest : { ...rest, detail: kept };
}

function comparable(p: Partner): Partner {
  const strip = (list: Req[] | null, point: string) =>
    list === null ? null : list.map((q) => withoutShortfall(q, `${p.partnerId} ${point} ${q.tier}/${q.id}`));
  return { ...p, requirements: strip(p.requirements, 'D')!, projectedRequirements: strip(p.projectedRequirements, 'R') };
}

let target: CliEnv;
let drop: () => Promise<void>;
let runStdout = '';
let firstReport = '';

async function reportJson(args: string[]): Promise<{ asOf: string; partners: Partner[] }> {
  const result = await runCli(['report', '--format', 'json', ...args], target);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { asOf: string; partners: Partner[] };
}

beforeAll(async () => {
  const db = await createEmptyDatabase();
  target = { home: db.home, url: db.url };
  drop = db.drop;
  const run = await runCli(['run', '--input', INPUT, '--as-of', D, '--no-email'], target);
  runStdout = run.stdout;
  // every row of the hand-made exports is valid: nothing rejected
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  const report = await runCli(['report', '--as-of', D, '--format', 'json'], target);
  expect(report.code, report.stderr).toBe(0);
  firstReport = report.stdout;
});
afterAll(async () => drop());

describe(`report --format json for ${D} (hand-computed)`, () => {
  it('the run loaded every file without rejecting a row and evaluated 8 partners', () => {
    expect(runStdout).toContain('evaluated 2019-11-30: 8 partners');
    for (const name of ['partners', 'certifications', 'opportunities', 'legacy_revenue_submissions', 'partner_domains', 'domain_revenue', 'fee_payments', 'public_references', 'csat_responses', 'program_validations']) {
      expect(runStdout).toMatch(new RegExp(`${name}\\.csv\\s+loaded`));
    }
  });

  it('lists every partner, ordered by partnerId, with asOf', () => {
    const report = JSON.parse(firstReport) as { asOf: string; partners: Partner[] };
    expect(report.asOf).toBe(D);
    expect(report.partners.map((p) => p.partnerId)).toEqual(EXPECTED.map((p) => p.partnerId));
  });

  for (const expected of EXPECTED) {
    it(`${expected.partnerId} ${expected.partnerName}: tiers, review, flags, fee, every requirement on D and at R`, () => {
      const report = JSON.parse(firstReport) as { partners: Partner[] };
      const actual = report.partners.find((p) => p.partnerId === expected.partnerId);
      expect(actual).toBeDefined();
      const got = comparable(actual!);
      // headline fields first, for a readable failure
      const { requirements: _a, projectedRequirements: _b, ...head } = got;
      const { requirements: _c, projectedRequirements: _d, ...expectedHead } = expected;
      expect(head).toEqual(expectedHead);
      expect(got.requirements).toEqual(expected.requirements);
      expect(got.projectedRequirements).toEqual(expected.projectedRequirements);
      // the contract's key order for the partner object
      expect(Object.keys(actual!)).toEqual(['partnerId', 'partnerName', 'partnerType', 'currentTier', 'qualifiedTier', 'projectedTier', 'reviewDate', 'daysToReview', 'flags', 'fee', 'requirements', 'projectedRequirements']);
    });
  }
});

describe('stability', () => {
  it('the stored report of D: the run\'s file, the first report and a later one are identical', async () => {
    const again = await runCli(['report', '--as-of', D, '--format', 'json'], target);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(firstReport);
    const written = fs.readFileSync(path.join(target.home, 'reports', `tier-review-${D}.json`), 'utf8');
    expect(written).toBe(firstReport);
  });
});

describe('filters and other formats', () => {
  it('--partner keeps only that partner, identical to its entry in the full report', async () => {
    const full = JSON.parse(firstReport) as { partners: Partner[] };
    const one = await reportJson(['--as-of', D, '--partner', 'P04']);
    expect(one.asOf).toBe(D);
    expect(one.partners).toEqual(full.partners.filter((p) => p.partnerId === 'P04'));
    const none = await reportJson(['--as-of', D, '--partner', 'NOPE']);
    expect(none.partners).toEqual([]);
  });

  it('--flag keeps exactly the partners carrying the flag', async () => {
    const byFlag: Record<string, string[]> = {
      at_risk: ['P01', 'P02', 'P04'],
      below_tier: ['P02', 'P03'],
      fee_grace: ['P02'],
      fee_overdue: ['P03'],
      upgrade_eligible: ['P06'],
    };
    for (const [flag, ids] of Object.entries(byFlag)) {
      const filtered = await reportJson(['--as-of', D, '--flag', flag]);
      expect(filtered.partners.map((p) => p.partnerId), flag).toEqual(ids);
    }
    const both = await reportJson(['--as-of', D, '--flag', 'at_risk', '--partner', 'P02']);
    expect(both.partners.map((p) => p.partnerId)).toEqual(['P02']);
    const neither = await reportJson(['--as-of', D, '--flag', 'fee_overdue', '--partner', 'P02']);
    expect(neither.partners).toEqual([]);
  });

  it('--format csv exits 0 with a row per partner', async () => {
    const csv = await runCli(['report', '--as-of', D, '--format', 'csv'], target);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + EXPECTED.length);
    expect(lines[0]!.startsWith('as_of,partner_id,partner_name,')).toBe(true);
    EXPECTED.forEach((p, i) => {
      expect(lines[i + 1]!.startsWith(`${D},${p.partnerId},${p.partnerName},${p.partnerType},${p.currentTier},${p.qualifiedTier},`)).toBe(true);
      expect(lines[i + 1]).toContain(`,${p.fee.status},`);
    });
  });

  it('--format html exits 0 and shows every partner', async () => {
    const html = await runCli(['report', '--as-of', D, '--format', 'html'], target);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/i);
    for (const p of EXPECTED) {
      expect(html.stdout).toContain(p.partnerId);
      expect(html.stdout).toContain(p.partnerName);
    }
  });
});

describe('other days', () => {
  it('a report for a never-evaluated day evaluates it first: 2019-11-29, where November 2019 is incomplete', async () => {
    // W(2019-11-29) = (2018-11-29, 2019-11-29]: complete months 2018-11 … 2019-10. P04:
    // 50,000 (2018-11) + 11 × 30,000 + 20,000 RI − 12,500 + 7,500 = 395,000; 2019-11 is not over.
    const day = await reportJson(['--as-of', '2019-11-29', '--partner', 'P04']);
    expect(day.asOf).toBe('2019-11-29');
    const p04 = day.partners[0]!;
    expect(p04.daysToReview).toBe(21);
    const revenue = p04.requirements.filter((q) => q.id === 'direct_revenue').map((q) => [q.tier, q.met, q.actual, q.required, q.detail?.leavesWindowOn]);
    // the oldest month counted is 2018-11: its last day leaves the window on 2019-11-30
    expect(revenue).toEqual([['select', true, 395000, 15000, '2019-11-30'], ['advanced', true, 395000, 350000, '2019-11-30']]);
  });

  it('legacy revenue credits count through 2020-03-31 and not after (FAQ 25)', async () => {
    // P08 on 2020-03-31: W = (2019-03-31, 2020-03-31]: opportunities of 2019-04-05 … 11-05 = 8
    // (MRR 8,000) and legacy submissions of 2019-04-10 … 11-10 = 8 credits → 16.
    // On 2020-04-01 the same 8 opportunities, and no credit any more → 8.
    const last = (await reportJson(['--as-of', '2020-03-31', '--partner', 'P08'])).partners[0]!;
    const after = (await reportJson(['--as-of', '2020-04-01', '--partner', 'P08'])).partners[0]!;
    const launched = (p: Partner) => p.requirements.find((q) => q.tier === 'select' && q.id === 'launched_opportunities')!;
    expect([launched(last).actual, launched(last).detail?.legacyCredits, launched(last).detail?.mrrUsd]).toEqual([16, 8, 8000]);
    expect([launched(after).actual, launched(after).detail?.legacyCredits, launched(after).detail?.mrrUsd]).toEqual([8, 0, 8000]);
  });

  // The stored report of D reads the stored days as they are now (rules.md, sustained attainment:
  // "the output says how many days are missing (a backfill fills them)"): 2019-11-29, evaluated
  // afterwards (above), is one day fewer missing for every applicant, and nothing else changes.
  it('the stored report of D counts a day before D stored afterwards, and changes nothing else', async () => {
    const again = await runCli(['report', '--as-of', D, '--format', 'json'], target);
    expect(again.code, again.stderr).toBe(0);
    const before = (JSON.parse(firstReport) as { partners: Partner[] }).partners;
    const after = (JSON.parse(again.stdout) as { partners: Partner[] }).partners;
    const sustained = (p: Partner) => p.requirements.find((q) => q.id === 'sustained_premier')?.detail;
    const missing = (list: Partner[]) => list.map((p) => [p.partnerId, sustained(p)?.missingDays ?? null]);
    const applicantsMissing = (days: number) => before.map((p) => [p.partnerId, sustained(p) === undefined || sustained(p)!.exempt ? null : days]);
    expect(missing(before)).toEqual(applicantsMissing(183));
    expect(missing(after)).toEqual(applicantsMissing(182));
    // (the shortfall sentence says how many days are missing, and how the stored ones were)
    const withoutMissing = (list: Partner[]) => JSON.stringify(list).replace(/"missingDays":\d+(,"shortfall":"[^"]*")?/g, '"missingDays":0');
    expect(withoutMissing(after)).toBe(withoutMissing(before));
  });
});
