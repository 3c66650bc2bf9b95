// Cross-check of the two statements of rules.md "What counts": the set-based SQL over all
// partners (src/evaluation/figures.ts: the one figures query over the stored points, read through
// figuresInBatches) and the row-by-row JS reference (src/rules/evidence.ts), on generated exports
// (bench/generate.ts, tiny scale), at every partner's evaluation points (D and the review date
// R(D)) for several dates D. Any difference is a bug in one of them. The fee paid for B(D), which
// the same query sums, is checked against the fee_payments rows read back.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import type { Database } from '../../src/db/connect.js';
import { figuresInBatches, type FigureRow, type PointRow } from '../../src/evaluation/figures.js';
import { loadRoster, pairPoints } from '../../src/evaluation/evaluate-day.js';
import { ingestFolder } from '../../src/exports/ingest.js';
import { startRun } from '../../src/ledger.js';
import { evidenceFigures, type PartnerEvidence } from '../../src/rules/evidence.js';
import { evaluationPoints, partnerBillingDate, sustainedHistoryRange, type EvaluationPoint } from '../../src/rules/points.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import type { EvidenceFigures, IsoDate, PartnerFacts } from '../../src/rules/types.js';
import { openTestDatabase, tempDir } from '../helpers/database.js';
import fs from 'node:fs';
import path from 'node:path';

// D itself, the 2019 transition day, the legacy cut-off on both sides, 29 February and the days
// around it, a mid-year day, the export date.
const DATES = ['2019-11-30', '2019-06-15', '2020-02-29', '2020-04-01', '2020-03-31', '2019-12-13', '2019-12-14', '2019-02-28', '2020-03-01', '2019-01-31'];

let handle: { database: Database; close(): Promise<void> };
let roster: PartnerFacts[];
let evidence: Map<string, PartnerEvidence>;
/** per date: every partner's points, both sides */
const compared = new Map<string, Compared[]>();
const feesCompared = new Map<string, Array<{ partnerId: string; sql: number; rows: number }>>();
/** the SQL's figures of every (partner, day) pair, each day queried on its own */
const figuresByPair = new Map<string, FigureRow>();

function group<T extends { partner_id: string | null }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    if (r.partner_id === null) continue;
    const list = out.get(r.partner_id) ?? [];
    list.push(r);
    out.set(r.partner_id, list);
  }
  return out;
}

/** Every partner's rows, read back from the tables the SQL reads. */
async function readEvidence(database: Database, roster: readonly PartnerFacts[]): Promise<Map<string, PartnerEvidence>> {
  const evidence = new Map<string, PartnerEvidence>();
  const q = async <T>(text: string) => (await sql.raw<T>(text).execute(database.db)).rows;
  const certs = group(await q<{ partner_id: string; person_email: string; credential: string; issued_on: string; expires_on: string | null }>(
    'select partner_id, person_email, credential, issued_on::text, expires_on::text from certifications'));
  const opps = group(await q<{ partner_id: string; opportunity_id: string; customer_name: string; stage: string; launched_on: string | null; estimated_mrr_usd: string; public_reference: boolean; public_reference_on: string | null }>(
    'select partner_id, opportunity_id, customer_name, stage, launched_on::text, estimated_mrr_usd::text, public_reference, public_reference_on::text from opportunities'));
  const legacy = group(await q<{ partner_id: string; aws_account_id: string; submitted_on: string }>(
    'select partner_id, aws_account_id, submitted_on::text from legacy_revenue_submissions'));
  const revenue = group(await q<{ partner_id: string | null; month: string; charge_type: 'usage' | 'ri_purchase' | 'credit'; credit_type: string | null; amount_usd: string }>(
    'select partner_id, month::text, charge_type, credit_type, amount_usd::text from domain_revenue'));
  const refs = group(await q<{ partner_id: string; customer_name: string; source: 'manual' | 'legacy'; submitted_on: string; approved_on: string | null }>(
    'select partner_id, customer_name, source, submitted_on::text, approved_on::text from public_references'));
  const csat = group(await q<{ partner_id: string; submitted_on: string; email_confirmed: boolean; aws_customer_verified: boolean }>(
    'select partner_id, submitted_on::text, email_confirmed, aws_customer_verified from csat_responses'));
  const validations = group(await q<{ partner_id: string; program: string; designation: string | null; validated_on: string; expires_on: string | null }>(
    'select partner_id, program, designation, validated_on::text, expires_on::text from program_validations'));
  for (const p of roster) {
    const id = p.partnerId;
    evidence.set(id, {
      certifications: (certs.get(id) ?? []).map((r) => ({ personEmail: r.person_email, credential: r.credential, issuedOn: r.issued_on, expiresOn: r.expires_on })),
      opportunities: (opps.get(id) ?? []).map((r) => ({
        opportunityId: r.opportunity_id, customerName: r.customer_name, stage: r.stage, launchedOn: r.launched_on,
        estimatedMrrUsd: Number(r.estimated_mrr_usd), publicReference: r.public_reference, publicReferenceOn: r.public_reference_on,
      })),
      legacySubmissions: (legacy.get(id) ?? []).map((r) => ({ awsAccountId: r.aws_account_id, submittedOn: r.submitted_on })),
      domainRevenue: (revenue.get(id) ?? []).map((r) => ({ month: r.month, chargeType: r.charge_type, creditType: r.credit_type, amountUsd: Number(r.amount_usd) })),
      publicReferences: (refs.get(id) ?? []).map((r) => ({ customerName: r.customer_name, source: r.source, submittedOn: r.submitted_on, approvedOn: r.approved_on })),
      csat: (csat.get(id) ?? []).map((r) => ({ submittedOn: r.submitted_on, emailConfirmed: r.email_confirmed, awsCustomerVerified: r.aws_customer_verified })),
      validations: (validations.get(id) ?? []).map((r) => ({ program: r.program, designation: r.designation, validatedOn: r.validated_on, expiresOn: r.expires_on })),
    });
  }
  return evidence;
}

interface Compared {
  partnerId: string;
  point: string;
  e: string;
  sql: EvidenceFigures;
  reference: EvidenceFigures;
}

/**
 * Both sides at every point of every partner on `day`: the SQL's figures (onD / atReview of the
 * partner's row) next to the reference's; and the fee paid for B(D) next to a sum of the rows.
 */
async function compareOn(database: Database, roster: readonly PartnerFacts[], evidence: Map<string, PartnerEvidence>, fees: FeeRow[], day: IsoDate): Promise<{ rows: Compared[]; fees: Array<{ partnerId: string; sql: number; rows: number }> }> {
  const points = new Map<string, EvaluationPoint[]>();
  const pointRows: PointRow[] = [];
  for (const [i, facts] of roster.entries()) {
    points.set(facts.partnerId, evaluationPoints(facts, day, RULESET_2019));
    pointRows.push(...pairPoints(facts, day, i + 1, RULESET_2019));
  }
  const figures = new Map<string, FigureRow>();
  await figuresInBatches(database, RULESET_2019, tempDir(), [{ points: pointRows, history: sustainedHistoryRange(day, RULESET_2019) }], async (batch) => {
    for (const r of batch) figures.set(r.partnerId, r);
  });
  for (const r of figures.values()) figuresByPair.set(`${r.partnerId} ${day}`, r);
  const rows: Compared[] = [];
  const feeRows: Array<{ partnerId: string; sql: number; rows: number }> = [];
  for (const facts of roster) {
    const row = figures.get(facts.partnerId);
    expect(row, `${facts.partnerId} has a figures row on ${day}`).toBeDefined();
    const mine = points.get(facts.partnerId)!;
    expect(row!.atReview === null, `${facts.partnerId} on ${day}: figures at R exactly when there is a review point`).toBe(!mine.some((p) => p.point === 'review'));
    for (const p of mine) {
      rows.push({
        partnerId: facts.partnerId, point: p.point, e: p.e,
        sql: p.point === 'asOf' ? row!.onD : row!.atReview!,
        reference: evidenceFigures(evidence.get(facts.partnerId)!, p, RULESET_2019),
      });
    }
    const b = partnerBillingDate(facts, day);
    const paid = fees.filter((f) => f.partner_id === facts.partnerId && f.membership_year_start === b && f.paid_on <= day).reduce((sum, f) => sum + Number(f.amount_usd), 0);
    feeRows.push({ partnerId: facts.partnerId, sql: Math.round(row!.feePaidUsd * 100), rows: Math.round(paid * 100) });
  }
  return { rows, fees: feeRows };
}

interface FeeRow {
  partner_id: string;
  membership_year_start: string;
  paid_on: string;
  amount_usd: string;
}

async function readFees(database: Database): Promise<FeeRow[]> {
  return (await sql<FeeRow>`select partner_id, membership_year_start::text as membership_year_start, paid_on::text as paid_on, amount_usd::text as amount_usd from fee_payments`.execute(database.db)).rows;
}

/** Money in whole cents (SQL sums numerics exactly, JS sums doubles). */
function cents<T extends EvidenceFigures>(f: T): T {
  return {
    ...f,
    launched: { ...f.launched, mrrUsd: Math.round(f.launched.mrrUsd * 100) },
    directRevenue: { ...f.directRevenue, usd: Math.round(f.directRevenue.usd * 100) },
  };
}

beforeAll(async () => {
  const input = tempDir('tier-review-figures-');
  await generate({ scale: 'tiny', outDir: input, seed: 11 });
  handle = await openTestDatabase();
  const { database } = handle;
  const runId = await startRun(database.db, 'test', {});
  const result = await ingestFolder(database, input, { runId, tmpDir: tempDir() });
  for (const f of result.files) expect(f.status, `${f.dataset}: ${JSON.stringify(f.error)}`).toBe('loaded');
  roster = await loadRoster(database.db);
  evidence = await readEvidence(database, roster);
  const fees = await readFees(database);
  for (const day of DATES) {
    const result = await compareOn(database, roster, evidence, fees, day);
    compared.set(day, result.rows);
    feesCompared.set(day, result.fees);
  }
});
afterAll(async () => handle?.close());

describe('SQL figures equal the JS reference on generated exports', () => {
  it('the generated set exercises every kind of evidence', () => {
    expect(roster.length).toBe(50);
    const all = [...compared.values()].flat();
    const some = (pick: (f: EvidenceFigures) => boolean) => all.some((c) => pick(c.reference));
    expect(some((f) => f.accreditation.both > 0)).toBe(true);
    expect(some((f) => f.technical.professionalOrSpecialty > 0)).toBe(true);
    expect(some((f) => f.foundational > 0)).toBe(true);
    expect(some((f) => f.launched.legacyCredits > 0)).toBe(true);
    expect(some((f) => f.launched.opportunities > 0)).toBe(true);
    expect(some((f) => f.directRevenue.usd > 0)).toBe(true);
    expect(some((f) => f.publicReferences.customers > 0)).toBe(true);
    expect(some((f) => f.csat.responses > 0)).toBe(true);
    expect(some((f) => f.validations.premierEligible > 0)).toBe(true);
    expect(some((f) => f.validations.technicalBaselineReview)).toBe(true);
    expect(all.some((c) => c.point === 'review')).toBe(true);
  });

  for (const day of DATES) {
    it(`every partner and point on ${day}: counts, sums and oldest dates`, () => {
      const rows = compared.get(day)!;
      expect(rows.length).toBeGreaterThanOrEqual(roster.length);
      const mismatches = rows
        .filter((c) => JSON.stringify(cents(c.sql)) !== JSON.stringify(cents(c.reference)))
        .map((c) => ({ partnerId: c.partnerId, point: c.point, e: c.e, sql: cents(c.sql), reference: cents(c.reference) }));
      expect(mismatches).toEqual([]);
    });
  }

  it('one query over the pairs of every date gives each pair the figures of its own date', async () => {
    const pairs: PointRow[] = [];
    let pid = 0;
    for (const day of DATES) for (const facts of roster) pairs.push(...pairPoints(facts, day, ++pid, RULESET_2019));
    const together: FigureRow[] = [];
    await figuresInBatches(handle.database, RULESET_2019, tempDir(), [{ points: pairs, history: { from: '2019-01-02', to: '2019-01-01' } }], async (batch) => {
      together.push(...batch);
    });
    expect(together.map((r) => `${r.partnerId} ${r.day}`)).toEqual(DATES.flatMap((day) => roster.map((f) => `${f.partnerId} ${day}`)));
    const figuresOf = (r: FigureRow | undefined) => r && { onD: r.onD, atReview: r.atReview, feePaidUsd: r.feePaidUsd };
    expect(together.map(figuresOf)).toEqual(together.map((r) => figuresOf(figuresByPair.get(`${r.partnerId} ${r.day}`))));
  });

  it('the fee paid for B(D) equals the sum of the payment rows for that year made by D, on every date', () => {
    const all = [...feesCompared.values()].flat();
    expect(all.some((f) => f.rows > 0)).toBe(true);
    expect(all.filter((f) => f.sql !== f.rows)).toEqual([]);
  });
});

describe('SQL figures equal the JS reference on the hand-designed e2e exports', () => {
  let fixture: { database: Database; close(): Promise<void> };
  const rows = new Map<string, Compared[]>();
  const fixtureFees: Array<{ partnerId: string; sql: number; rows: number }> = [];

  beforeAll(async () => {
    fixture = await openTestDatabase();
    const runId = await startRun(fixture.database.db, 'test', {});
    const result = await ingestFolder(fixture.database, path.join(import.meta.dirname, '..', 'fixtures', 'e2e'), { runId, tmpDir: tempDir() });
    expect(result.rejected).toBe(false);
    const fixtureRoster = await loadRoster(fixture.database.db);
    const fixtureEvidence = await readEvidence(fixture.database, fixtureRoster);
    const fees = await readFees(fixture.database);
    for (const day of DATES) {
      const result = await compareOn(fixture.database, fixtureRoster, fixtureEvidence, fees, day);
      rows.set(day, result.rows);
      fixtureFees.push(...result.fees);
    }
  });
  afterAll(async () => fixture?.close());

  // publicReferences.oldestOn is left out here: P01's Globex is referenced twice (ACE 2019-05-01,
  // manual 2019-06-01) and the two sides disagree on it (see E1 below, the same bug).
  const masked = (f: EvidenceFigures) => JSON.stringify(cents({ ...f, publicReferences: { ...f.publicReferences, oldestOn: null } }));

  it('every partner and point on every date (but the public references\' oldest date)', () => {
    expect([...rows.values()].flat().length).toBeGreaterThan(DATES.length * 8);
    const mismatches = [...rows.values()].flat()
      .filter((c) => masked(c.sql) !== masked(c.reference))
      .map((c) => ({ partnerId: c.partnerId, point: c.point, e: c.e, sql: cents(c.sql), reference: cents(c.reference) }));
    expect(mismatches).toEqual([]);
  });

  it('the fee paid for B(D) equals the sum of the payment rows, on every date', () => {
    expect(fixtureFees.some((f) => f.rows === 250000)).toBe(true);
    expect(fixtureFees.filter((f) => f.sql !== f.rows)).toEqual([]);
  });

  it('the public references\' oldest date agrees on every date (see E1)', () => {
    const differing = [...rows.values()].flat().filter((c) => c.sql.publicReferences.oldestOn !== c.reference.publicReferences.oldestOn);
    expect(differing.map((c) => `${c.partnerId} ${c.point} ${c.e}: ${c.sql.publicReferences.oldestOn} vs ${c.reference.publicReferences.oldestOn}`)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made edge cases the generated data may not hold: one partner per case, so that a mismatch
// names its cause. D = 2019-11-30; every item below is in W(D) and dated on or before D.
// ---------------------------------------------------------------------------------------------
const NBSP = '\u00a0';
const EDGE: Record<string, string> = {
  'partners.csv': [
    'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email',
    'E1,Edge One,consulting,select,2020-02-29,lead@e1.example',
    'E2,Edge Two,consulting,select,2020-02-29,lead@e2.example',
    'E3,Edge Three,consulting,select,2020-02-29,lead@e3.example',
    'E4,Edge Four,consulting,select,2020-02-29,lead@e4.example',
    'E5,Edge Five,technology,select,2020-02-29,lead@e5.example',
    'E6,Edge Six,consulting,select,2020-02-29,lead@e6.example',
    'E7,Edge Seven,consulting,select,2020-02-29,lead@e7.example',
  ].join('\n'),
  'opportunities.csv': [
    'opportunity_id,partner_id,customer_name,stage,launched_on,estimated_mrr_usd,origin,public_reference,public_reference_on',
    'X-2,E2,Société Générale,launched,2019-01-10,100,partner_referred,true,2019-01-10',
  ].join('\n'),
  'public_references.csv': [
    'partner_id,customer_name,source,submitted_on,approved_on,url',
    // E1: one customer (Initech) referenced twice; its first reference is the oldest item counted
    'E1,Initech,legacy,2019-02-01,,',
    'E1,INITECH,manual,2019-08-20,2019-09-01,https://e1.example/initech',
    'E1,Hooli,legacy,2019-05-01,,',
    // E2: the same customer with non-ASCII letters in another case (rules.md: case-insensitive)
    'E2,SOCIÉTÉ GÉNÉRALE,manual,2019-07-20,2019-08-01,https://e2.example/sg',
    // E3: the same customer written with a no-break space (white space folded)
    'E3,Globex Corp,legacy,2019-03-01,,',
    `E3,Globex${NBSP}Corp,manual,2019-03-20,2019-04-01,https://e3.example/globex`,
    // E7: a narrow no-break space (white space to JavaScript, not to PostgreSQL's [[:space:]]), and
    // a Greek name whose final sigma lower-cases to ς or σ by where it stands
    'E7,Initrode Labs,legacy,2019-03-01,,',
    'E7,Initrode\u202fLabs,legacy,2019-03-02,,',
    'E7,ΑΛΦΑΣ ΑΕ,legacy,2019-03-03,,',
    'E7,Αλφας Αε,legacy,2019-03-04,,',
  ].join('\n'),
  'program_validations.csv': [
    'partner_id,program,designation,validated_on,expires_on',
    // E4: designations compared case-insensitively, trimmed (exports.md, rules.md)
    'E4,competency, devops ,2019-01-01,',
    'E4,competency,Big Data,2019-01-01,',
    'E4,competency,big  data,2019-01-01,',
    'E4,msp,Managed,2019-01-01,',
    'E4,msp,,2019-01-01,',
  ].join('\n'),
  'partner_domains.csv': 'partner_id,domain\nE5,e5.example',
  'domain_revenue.csv': [
    'domain,aws_account_id,month,charge_type,credit_type,amount_usd',
    'e5.example,555555555555,2019-05,usage,,1000.10',
    'e5.example,555555555555,2019-05,credit,  map   credit ,-500',
    'e5.example,555555555555,2019-05,credit,Rethink Discount,-200',
    'e5.example,555555555555,2019-05,credit,other,-0.20',
  ].join('\n'),
  'certifications.csv': [
    'partner_id,person_email,credential,issued_on,expires_on',
    'E6,Ann@E6.example,tech_accreditation,2019-01-01,',
    'E6,ann@e6.EXAMPLE,Business_Accreditation,2019-01-01,',
    'E6,ANN@E6.EXAMPLE, clf ,2019-01-01,',
    'E6,ann@e6.example,saa,2019-01-01,',
    'E6,ann@e6.example,sap,2019-01-01,2019-11-29',
  ].join('\n'),
};

describe('SQL figures equal the JS reference on hand-made edge cases (D = 2019-11-30)', () => {
  let edge: { database: Database; close(): Promise<void> };
  const figures = new Map<string, { sql: EvidenceFigures; reference: EvidenceFigures }>();

  beforeAll(async () => {
    const input = tempDir('tier-review-edge-');
    for (const [name, text] of Object.entries(EDGE)) fs.writeFileSync(path.join(input, name), `${text}\n`);
    edge = await openTestDatabase();
    const runId = await startRun(edge.database.db, 'test', {});
    const result = await ingestFolder(edge.database, input, { runId, tmpDir: tempDir() });
    expect(result.rejected, JSON.stringify(result.files.filter((f) => f.rowsRejected > 0 || f.status === 'rejected'))).toBe(false);
    const edgeRoster = await loadRoster(edge.database.db);
    const edgeEvidence = await readEvidence(edge.database, edgeRoster);
    const onD = await compareOn(edge.database, edgeRoster, edgeEvidence, [], '2019-11-30');
    for (const c of onD.rows) if (c.point === 'asOf') figures.set(c.partnerId, { sql: c.sql, reference: c.reference });
  });
  afterAll(async () => edge?.close());

  it('E6: one person, emails and codes in any case: counted once under each Knowledge requirement', () => {
    const { sql: s, reference } = figures.get('E6')!;
    expect(s.accreditation).toEqual({ technicalOnly: 0, businessOnly: 0, both: 1 });
    expect(s.foundational).toBe(1);
    // SAP expired 2019-11-29: the SAA is the highest held on D
    expect(s.technical).toEqual({ total: 1, professionalOrSpecialty: 0 });
    expect(cents(s)).toEqual(cents(reference));
  });

  it('E5: exempt credits named by code or guide name in any case and spacing; other credits reduce', () => {
    const { sql: s, reference } = figures.get('E5')!;
    // 1,000.10 − 0.20; "  map   credit " and "Rethink Discount" are exempt
    expect(Math.round(s.directRevenue.usd * 100)).toBe(99990);
    expect(s.directRevenue.oldestMonthEnd).toBe('2019-05-31');
    expect(cents(s)).toEqual(cents(reference));
  });

  it('E1: a customer referenced twice counts once', () => {
    const { sql: s, reference } = figures.get('E1')!;
    expect(s.publicReferences.customers).toBe(2);
    expect(reference.publicReferences.customers).toBe(2);
  });

  // A customer counts while any of its references is in the window, so the count first drops
  // when the earliest of the customers' latest references leaves (Hooli 2019-05-01), not with the
  // oldest reference of any customer (Initech's legacy one of 2019-02-01: Initech keeps counting
  // through its manual reference of 2019-09-01). It surfaces as public_references'
  // detail.leavesWindowOn (2020-05-01).
  it('E1: the oldest counted date (leavesWindowOn) agrees between SQL and the reference', () => {
    const { sql: s, reference } = figures.get('E1')!;
    expect(s.publicReferences.oldestOn).toBe(reference.publicReferences.oldestOn);
  });

  it('E2: customer names compared case-insensitively beyond ASCII (SOCIÉTÉ GÉNÉRALE = Société Générale)', () => {
    const { sql: s, reference } = figures.get('E2')!;
    expect(reference.publicReferences.customers).toBe(1);
    expect(s.publicReferences.customers).toBe(1);
  });

  // PostgreSQL's regexp \s does not match U+00A0 while JavaScript's \s does: figures.ts folds it
  // explicitly, so "Globex Corp" and "Globex<NBSP>Corp" are one customer.
  it('E3: a no-break space is white space folded like any other', () => {
    const { sql: s, reference } = figures.get('E3')!;
    expect(reference.publicReferences.customers).toBe(1);
    expect(s.publicReferences.customers).toBe(1);
  });

  it('E7: the narrow no-break space is white space, and the final sigma folds like any sigma', () => {
    const { sql: s, reference } = figures.get('E7')!;
    expect(reference.publicReferences.customers).toBe(2);
    expect(s.publicReferences.customers).toBe(2);
  });

  it('E4: " devops " is the DevOps Competency; MSP counts with or without a designation', () => {
    const { sql: s, reference } = figures.get('E4')!;
    expect(s.validations.includesMspOrDevOps).toBe(true);
    expect(reference.validations.includesMspOrDevOps).toBe(true);
  });

  // "Big Data" and "big  data" (two inner spaces) are two designations: rules.md compares them
  // case-insensitively and trimmed only, as the load's key does.
  it('E4: the count of distinct (program, designation) agrees between SQL and the reference', () => {
    const { sql: s, reference } = figures.get('E4')!;
    expect(s.validations.premierEligible).toBe(reference.validations.premierEligible);
  });
});
