// The AWS Partner Network 2019 tier requirements (guide v1.2, July 2019) as data, laid out like the
// guide's two tables. rules.md's decisions are noted where they shape a value.

import type { RuleSet } from './ruleset.js';

export type {
  CredentialCategory,
  CredentialInfo,
  ExemptCredit,
  PartnerTypeRules,
  ProgramTier,
  RequirementRule,
  RuleSet,
  TierRules,
} from './ruleset.js';

export const RULESET_2019: RuleSet = {
  programYear: 2019,
  source: 'AWS Partner Network Program 2019 Tier Requirements Guide, v1.2 (July 2019)',
  tiers: ['select', 'advanced', 'premier'],

  partnerTypes: {
    // "APN Tier Requirements: Technology Partners"
    technology: {
      tiers: [
        {
          tier: 'select',
          requirements: [
            { id: 'technical_certified', individuals: 1, professionalOrSpecialty: null },
            { id: 'launched_opportunities', opportunities: 3, mrrUsd: 1_500 },
            { id: 'direct_revenue', usd: 15_000 },
            // Decision (rules.md): the table marks Select too, although step 7 names only Advanced.
            { id: 'product_listing', gaProducts: 1 },
            { id: 'public_references', customers: 1 },
            { id: 'csat_responses', responses: 5 },
          ],
        },
        {
          tier: 'advanced',
          requirements: [
            { id: 'technical_certified', individuals: 4, professionalOrSpecialty: 2 },
            { id: 'launched_opportunities', opportunities: 20, mrrUsd: 10_000 },
            { id: 'direct_revenue', usd: 350_000 },
            { id: 'product_listing', gaProducts: 1 },
            { id: 'business_plan' },
            { id: 'technical_baseline_review' },
            { id: 'public_references', customers: 2 },
            { id: 'csat_responses', responses: 20 },
          ],
        },
      ],
      // Experience: "Direct Revenue or Launched Opportunities" (FAQ 39).
      alternatives: [['launched_opportunities', 'direct_revenue']],
    },

    // "APN Tier Requirements: Consulting Partners"
    consulting: {
      tiers: [
        {
          tier: 'select',
          requirements: [
            { id: 'accredited_professionals', total: 4, requiredEach: 2 },
            { id: 'foundational_certified', individuals: 2 },
            { id: 'technical_certified', individuals: 2, professionalOrSpecialty: null },
            { id: 'launched_opportunities', opportunities: 3, mrrUsd: 1_500 },
            { id: 'public_references', customers: 1 },
            { id: 'csat_responses', responses: 5 },
          ],
        },
        {
          tier: 'advanced',
          requirements: [
            { id: 'accredited_professionals', total: 8, requiredEach: 4 },
            { id: 'foundational_certified', individuals: 4 },
            { id: 'technical_certified', individuals: 6, professionalOrSpecialty: 3 },
            { id: 'launched_opportunities', opportunities: 20, mrrUsd: 10_000 },
            { id: 'business_plan' },
            { id: 'public_references', customers: 2 },
            { id: 'csat_responses', responses: 20 },
          ],
        },
        {
          tier: 'premier',
          requirements: [
            { id: 'accredited_professionals', total: 20, requiredEach: 10 },
            { id: 'foundational_certified', individuals: 10 },
            { id: 'technical_certified', individuals: 25, professionalOrSpecialty: 10 },
            { id: 'launched_opportunities', opportunities: 50, mrrUsd: 50_000 },
            { id: 'business_plan' },
            { id: 'program_validations', validations: 3, mustIncludeMspOrDevOps: true },
            // Steps 10 and 11, FAQ 47: for net new Premier applicants only.
            { id: 'sustained_premier', applicantsOnly: true },
            { id: 'executive_business_review', applicantsOnly: true, applicationStep: true },
            { id: 'public_references', customers: 6 },
            { id: 'csat_responses', responses: 30 },
          ],
        },
      ],
      alternatives: [],
    },
  },

  // "time-bound requirements that must be refreshed every 12-months"
  windowMonths: 12,
  // Step 11: "at least six consecutive months"
  sustained: { months: 6, criteriaTier: 'premier' },
  // Step 1: $2,500, "up to 90-days to demonstrate payment"
  fee: { amountUsd: 2_500, graceDays: 90 },
  // FAQ 25: "Through March 31, 2020"
  legacyRevenueCredits: { lastEvaluationDate: '2020-03-31' },
  // FAQ 4: renewal dates from April 1 to December 13, 2019 are reviewed on December 13, 2019.
  reviewTransitions: [{ anniversaryFrom: '2019-04-01', anniversaryTo: '2019-12-13', reviewOn: '2019-12-13' }],

  // Step 9: Competency, MSP or Well-Architected; one of them MSP or the DevOps Competency.
  programValidations: {
    programs: ['msp', 'competency', 'well_architected'],
    mspOrDevOps: [
      { program: 'msp', designation: null },
      { program: 'competency', designation: 'DevOps' },
    ],
    technicalBaselineReview: 'technical_baseline_review',
  },

  // exports.md, certifications.csv
  credentials: {
    TECH_ACCREDITATION: { name: 'AWS Technical Professional accreditation', category: 'accreditation_technical' },
    BUSINESS_ACCREDITATION: { name: 'AWS Business Professional accreditation', category: 'accreditation_business' },
    CLF: { name: 'AWS Certified Cloud Practitioner', category: 'foundational' },
    SAA: { name: 'AWS Certified Solutions Architect – Associate', category: 'associate' },
    DVA: { name: 'AWS Certified Developer – Associate', category: 'associate' },
    SOA: { name: 'AWS Certified SysOps Administrator – Associate', category: 'associate' },
    SAP: { name: 'AWS Certified Solutions Architect – Professional', category: 'professional' },
    DOP: { name: 'AWS Certified DevOps Engineer – Professional', category: 'professional' },
    ANS: { name: 'AWS Certified Advanced Networking – Specialty', category: 'specialty' },
    BDS: { name: 'AWS Certified Big Data – Specialty', category: 'specialty' },
    DAS: { name: 'AWS Certified Data Analytics – Specialty', category: 'specialty' },
    SCS: { name: 'AWS Certified Security – Specialty', category: 'specialty' },
    MLS: { name: 'AWS Certified Machine Learning – Specialty', category: 'specialty' },
    AXS: { name: 'AWS Certified Alexa Skill Builder – Specialty', category: 'specialty' },
    DBS: { name: 'AWS Certified Database – Specialty', category: 'specialty' },
    PAS: { name: 'AWS Certified SAP on AWS – Specialty', category: 'specialty' },
  },
  // Step 4, FAQ 18: Associate, Professional or Specialty; FAQ 13: counted once, at the highest.
  technicalCategories: ['associate', 'professional', 'specialty'],
  professionalOrSpecialtyCategories: ['professional', 'specialty'],

  // FAQ 40; codes per exports.md
  exemptCredits: [
    { code: 'MAP', name: 'MAP Credit' },
    { code: 'SPP_DISCOUNT', name: 'Reseller/SPP Discount' },
    { code: 'EAP', name: 'EAP Credit' },
    { code: 'PMP', name: 'PMP Credit' },
    { code: 'LSE', name: 'LSE Credit' },
    { code: 'RETHINK', name: 'ReThink Discount' },
  ],

  // rules.md, Notices (this job's thresholds, not the guide's)
  notices: { defaultHorizonDays: 90, atRiskDays: [60, 30, 7], feeGraceDays: [90, 30, 7] },
};
