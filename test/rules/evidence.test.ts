import { describe, expect, it } from 'vitest';
import {
  csatFigures,
  directRevenueFigures,
  knowledgeFigures,
  launchedFigures,
  publicReferenceFigures,
  validationFigures,
  type CertificationRow,
  type OpportunityRow,
} from '../../src/rules/evidence.js';
import { evaluationPoints, type EvaluationPoint } from '../../src/rules/points.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import { facts } from './fixtures.js';

const R = RULESET_2019;

function at(d: string): EvaluationPoint {
  return evaluationPoints(facts({ currentTier: 'registered' }), d, R)[0]!;
}
/** The review point of a partner with anniversary 10-01 on 2019-11-30: E = 2019-12-13, cutoff D. */
const REVIEW = evaluationPoints(facts({ renewalDate: '2019-10-01' }), '2019-11-30', R)[1]!;
const D = at('2019-11-30');

function cert(personEmail: string, credential: string, issuedOn = '2019-01-01', expiresOn: string | null = null): CertificationRow {
  return { personEmail, credential, issuedOn, expiresOn };
}

function opp(id: string, launchedOn: string | null, mrr: number, more: Partial<OpportunityRow> = {}): OpportunityRow {
  return {
    opportunityId: id, customerName: `Customer ${id}`, stage: 'launched', launchedOn, estimatedMrrUsd: mrr,
    publicReference: false, publicReferenceOn: null, ...more,
  };
}

describe('Knowledge: individuals (steps 2–4, FAQ 13, FAQ 14)', () => {
  it('step 2 example: Technical accreditation + Cloud Practitioner + SA Professional + Big Data Specialty counts 1, 1, 1 (professional or specialty)', () => {
    const rows = [cert('ann@p.example', 'TECH_ACCREDITATION'), cert('ann@p.example', 'CLF'), cert('ann@p.example', 'SAP'), cert('ann@p.example', 'BDS')];
    expect(knowledgeFigures(rows, D, R)).toEqual({
      accreditation: { technicalOnly: 1, businessOnly: 0, both: 0 },
      foundational: 1,
      technical: { total: 1, professionalOrSpecialty: 1 },
    });
  });

  it('FAQ 14: Business accreditation + Cloud Practitioner + Security Specialty count once under each requirement', () => {
    const rows = [cert('bo@p.example', 'BUSINESS_ACCREDITATION'), cert('bo@p.example', 'CLF'), cert('bo@p.example', 'SCS')];
    expect(knowledgeFigures(rows, D, R)).toEqual({
      accreditation: { technicalOnly: 0, businessOnly: 1, both: 0 },
      foundational: 1,
      technical: { total: 1, professionalOrSpecialty: 1 },
    });
  });

  it('FAQ 13: one individual with Associate, Professional and Specialty counts once, at the highest level', () => {
    const rows = [
      cert('cy@p.example', 'CLF'), cert('cy@p.example', 'SAA'), cert('cy@p.example', 'SAP'), cert('cy@p.example', 'ANS'),
      cert('di@p.example', 'SAA'), cert('di@p.example', 'DVA'), // associate only, twice: one individual, not professional
    ];
    expect(knowledgeFigures(rows, D, R)).toMatchObject({ foundational: 1, technical: { total: 2, professionalOrSpecialty: 1 } });
  });

  it('an individual holding both accreditations is counted as both, once', () => {
    const rows = [
      cert('ed@p.example', 'TECH_ACCREDITATION'), cert('ed@p.example', 'BUSINESS_ACCREDITATION'),
      cert('fay@p.example', 'TECH_ACCREDITATION'), cert('gus@p.example', 'BUSINESS_ACCREDITATION'),
    ];
    expect(knowledgeFigures(rows, D, R).accreditation).toEqual({ technicalOnly: 1, businessOnly: 1, both: 1 });
  });

  it('person_email and codes are compared case-insensitively; unknown codes are ignored', () => {
    const rows = [cert('Hal@P.example', 'sap'), cert('hal@p.example', 'SAA'), cert('ivy@p.example', 'NOPE')];
    expect(knowledgeFigures(rows, D, R).technical).toEqual({ total: 1, professionalOrSpecialty: 1 });
  });

  it('held on E: the expiry day still counts, the day after does not; issued after the cutoff does not count', () => {
    expect(knowledgeFigures([cert('a@p', 'CLF', '2017-01-01', '2019-11-30')], D, R).foundational).toBe(1);
    expect(knowledgeFigures([cert('a@p', 'CLF', '2017-01-01', '2019-11-29')], D, R).foundational).toBe(0);
    expect(knowledgeFigures([cert('a@p', 'CLF', '2019-11-30')], D, R).foundational).toBe(1);
    expect(knowledgeFigures([cert('a@p', 'CLF', '2019-12-01')], D, R).foundational).toBe(0);
  });

  it('projection: a certification expiring before R drops out; one issued after D never counts', () => {
    expect(knowledgeFigures([cert('a@p', 'CLF', '2017-01-01', '2019-12-12')], REVIEW, R).foundational).toBe(0);
    expect(knowledgeFigures([cert('a@p', 'CLF', '2017-01-01', '2019-12-13')], REVIEW, R).foundational).toBe(1);
    expect(knowledgeFigures([cert('a@p', 'CLF', '2019-12-01')], REVIEW, R).foundational).toBe(0);
  });
});

describe('Launched opportunities (step 5, FAQ 25, FAQ 27)', () => {
  it('counts launched opportunities in W(D), each once, with their aggregate MRR', () => {
    const rows = [
      opp('o1', '2019-01-10', 400),
      opp('o2', '2018-12-01', 500),
      opp('o3', '2019-11-30', 600),
      opp('o3', '2019-11-30', 600), // the same opportunity again: once
      opp('o4', '2018-11-30', 9_000), // exactly a year before D: out
      opp('o5', '2019-12-01', 9_000), // after D: out
      opp('o6', '2019-05-01', 9_000, { stage: 'committed' }), // not launched
    ];
    // FAQ 27: 400 + 500 + 600 = 1,500 meets the Select aggregate although no opportunity reaches 1,500
    expect(launchedFigures(rows, [], D)).toEqual({
      opportunities: 3, mrrUsd: 1_500, legacyCredits: 0, oldestLaunchedOn: '2018-12-01', oldestLegacySubmittedOn: null,
    });
  });

  it('FAQ 25: +1 per legacy submission in the window, no MRR, and none after 2020-03-31', () => {
    const legacy = [
      { awsAccountId: '111111111111', submittedOn: '2019-06-01' },
      { awsAccountId: '222222222222', submittedOn: '2019-09-01' },
      { awsAccountId: '333333333333', submittedOn: '2019-03-30' },
    ];
    expect(launchedFigures([], legacy, at('2020-03-31'))).toMatchObject({
      opportunities: 0, mrrUsd: 0, legacyCredits: 2, oldestLegacySubmittedOn: '2019-06-01',
    });
    expect(launchedFigures([], legacy, at('2020-04-01'))).toMatchObject({ legacyCredits: 0, oldestLegacySubmittedOn: null });
  });
});

describe('Direct revenue (step 6, FAQ 37, FAQ 40)', () => {
  const rows = [
    { month: '2018-11', chargeType: 'usage' as const, creditType: null, amountUsd: 1_000 }, // ends 2018-11-30: out
    { month: '2018-12', chargeType: 'usage' as const, creditType: null, amountUsd: 2_000 },
    { month: '2019-11', chargeType: 'usage' as const, creditType: null, amountUsd: 500 },
    { month: '2019-12', chargeType: 'usage' as const, creditType: null, amountUsd: 9_999 }, // not complete: out
    { month: '2019-05', chargeType: 'ri_purchase' as const, creditType: null, amountUsd: 3_000 }, // RI counts (FAQ 37)
    { month: '2019-05', chargeType: 'credit' as const, creditType: 'MAP', amountUsd: -400 }, // exempt
    { month: '2019-05', chargeType: 'credit' as const, creditType: 'Reseller/SPP Discount', amountUsd: -300 }, // exempt
    { month: '2019-07', chargeType: 'credit' as const, creditType: 'map credit', amountUsd: -100 }, // exempt
    { month: '2019-06', chargeType: 'credit' as const, creditType: 'Promotional Credit', amountUsd: -250 }, // reduces
  ];

  it('sums the complete months in W(D); exempt credits left out, other credits reduce it', () => {
    // 2,000 + 500 + 3,000 − 250
    expect(directRevenueFigures(rows, D, R)).toEqual({ usd: 5_250, oldestMonthEnd: '2018-12-31' });
  });

  it('a month not over on D does not count yet', () => {
    // on 2019-11-29: November 2018 (ends 2018-11-30 > 2018-11-29) counts, November 2019 does not
    expect(directRevenueFigures(rows, at('2019-11-29'), R)).toEqual({ usd: 5_750, oldestMonthEnd: '2018-11-30' });
  });
});

describe('Public references (step 12, FAQ 50, FAQ 51)', () => {
  it('distinct customers (case and white space folded) from ACE, approved manual and legacy references in W', () => {
    const opportunities = [
      opp('o1', '2019-04-01', 0, { customerName: 'Acme Corp', publicReference: true, publicReferenceOn: '2019-05-01' }),
      opp('o2', '2019-04-01', 0, { customerName: 'Zeta', publicReference: false, publicReferenceOn: null }),
    ];
    const refs = [
      { customerName: '  acme   CORP ', source: 'manual' as const, submittedOn: '2019-05-20', approvedOn: '2019-06-01' },
      { customerName: 'Beta', source: 'manual' as const, submittedOn: '2019-05-20', approvedOn: null }, // not approved
      { customerName: 'Old', source: 'manual' as const, submittedOn: '2018-10-01', approvedOn: '2018-11-01' }, // out
      { customerName: 'Gamma', source: 'manual' as const, submittedOn: '2018-10-01', approvedOn: '2018-12-15' }, // from approval: in
      { customerName: 'Delta', source: 'legacy' as const, submittedOn: '2019-02-01', approvedOn: null },
      { customerName: 'Eps', source: 'legacy' as const, submittedOn: '2018-11-30', approvedOn: null }, // out
    ];
    expect(publicReferenceFigures(opportunities, refs, D)).toEqual({ customers: 3, oldestOn: '2018-12-15' });
  });
});

describe('CSAT responses (step 13, FAQ 54, FAQ 55)', () => {
  it('counts confirmed and verified responses in W; several from one customer all count', () => {
    const rows = [
      { submittedOn: '2019-02-01', emailConfirmed: true, awsCustomerVerified: true },
      { submittedOn: '2019-02-01', emailConfirmed: true, awsCustomerVerified: true },
      { submittedOn: '2019-03-01', emailConfirmed: false, awsCustomerVerified: true },
      { submittedOn: '2019-03-01', emailConfirmed: true, awsCustomerVerified: false },
      { submittedOn: '2018-11-30', emailConfirmed: true, awsCustomerVerified: true },
    ];
    expect(csatFigures(rows, D)).toEqual({ responses: 2, oldestOn: '2019-02-01' });
  });
});

describe('Program validations (step 9, FAQ 41)', () => {
  const v = (program: string, designation: string | null, expiresOn: string | null = null) =>
    ({ program, designation, validatedOn: '2019-01-01', expiresOn });

  it('each distinct (program, designation) once; DevOps Competency satisfies "MSP or DevOps"', () => {
    const rows = [
      v('competency', 'DevOps'), v('competency', ' devops '), v('competency', 'Migration'),
      v('msp', null, '2019-11-29'), // expired the day before D
      v('well_architected', null, '2019-11-30'), // expiry day still counts
      v('technical_baseline_review', null),
    ];
    expect(validationFigures(rows, D, R)).toEqual({ premierEligible: 3, includesMspOrDevOps: true, technicalBaselineReview: true });
  });

  it('three validations without MSP or DevOps', () => {
    const rows = [v('competency', 'Migration'), v('competency', 'Security'), v('well_architected', null)];
    expect(validationFigures(rows, D, R)).toEqual({ premierEligible: 3, includesMspOrDevOps: false, technicalBaselineReview: false });
  });

  it('MSP satisfies it', () => {
    const rows = [v('msp', null), v('competency', 'Migration')];
    expect(validationFigures(rows, D, R)).toMatchObject({ premierEligible: 2, includesMspOrDevOps: true });
  });
});
