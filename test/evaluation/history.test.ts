// The range history of daily evaluations (src/evaluation/history.ts, evaluate-day.ts,
// backfill.ts): days evaluated in any order, a day re-evaluated after the data changed, reruns,
// compact storage, sustained attainment read from the stored days, and the command line's
// `backfill` + `report` against `evaluate` in a fresh database.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { backfill } from '../../src/evaluation/backfill.js';
import { evaluateAndStoreDay } from '../../src/evaluation/evaluate-day.js';
import { storedReport } from '../../src/evaluation/stored-report.js';
import { decodeState } from '../../src/evaluation/stored-form.js';
import { ingestFolder } from '../../src/exports/ingest.js';
import { startRun } from '../../src/ledger.js';
import { addDays, compareDates } from '../../src/rules/dates.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import type { PartnerEvaluation, RequirementResult } from '../../src/rules/types.js';
import { projectRoot, runCli, type CliEnv } from '../helpers/cli.js';
import { createEmptyDatabase, failingCommits, openTestDatabase, tempDir } from '../helpers/database.js';

const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'e2e');
const OPTIONS = { ruleSet: RULESET_2019, horizonDays: 90, runId: null, tmpDir: tempDir('tier-review-history-tmp-') };

type Handle = { database: Database; close(): Promise<void> };
const opened: Handle[] = [];
afterAll(async () => {
  for (const h of opened) await h.close();
});

async function freshDatabase(input: string): Promise<Database> {
  const handle = await openTestDatabase();
  opened.push(handle);
  const runId = await startRun(handle.database.db, 'test', {});
  const result = await ingestFolder(handle.database, input, { runId, tmpDir: tempDir() });
  expect(result.rejected, JSON.stringify(result.files.filter((f) => f.status === 'rejected' || f.rowsRejected > 0))).toBe(false);
  return handle.database;
}

interface StatusRow {
  partner_id: string;
  valid_from: string;
  valid_to: string;
  state: string;
  premier_met: boolean;
}

/** The whole partner_status table, ordered. */
async function status(database: Database): Promise<StatusRow[]> {
  return (await sql<StatusRow>`select partner_id, valid_from::text as valid_from, valid_to::text as valid_to, state, premier_met
    from partner_status order by partner_id, valid_from`.execute(database.db)).rows;
}

/** partnerId → its ranges as `from..to`. */
async function ranges(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const r of await status(database)) (out[r.partner_id] ??= []).push(`${r.valid_from}..${r.valid_to}`);
  return out;
}

async function evaluatedDays(database: Database): Promise<string[]> {
  return (await sql<{ d: string }>`select as_of::text as d from evaluated_days order by 1`.execute(database.db)).rows.map((r) => r.d);
}

async function report(database: Database, day: string, partner?: string): Promise<PartnerEvaluation[]> {
  return (await storedReport(database.db, day, partner === undefined ? {} : { partner }, new Date('2020-01-01T00:00:00Z'), { ruleSet: RULESET_2019, horizonDays: 90 })).partners;
}

function requirement(p: PartnerEvaluation, tier: string, id: string, point: 'D' | 'R' = 'D'): RequirementResult {
  const list = point === 'D' ? p.requirements : p.projectedRequirements!;
  const found = list.find((r) => r.tier === tier && r.id === id);
  if (!found) throw new Error(`${p.partnerId}: no ${tier}/${id}`);
  return found;
}

/** A copy of the fixture folder with some files replaced. */
function fixtureWith(files: Record<string, string>): string {
  const dir = tempDir('tier-review-history-input-');
  for (const name of fs.readdirSync(FIXTURE)) if (name.endsWith('.csv')) fs.copyFileSync(path.join(FIXTURE, name), path.join(dir, name));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Ranges of the fixture over 2019-11-28 … 2019-11-30, computed by hand (see test/e2e). A range
// holds its state on the evaluated days within it; the latest reaches on to 'infinity', so a
// night that changes nothing for a partner writes nothing (src/evaluation/history.ts).
//   P01: a7's technical accreditation expires 2019-11-29 (held on 11-28 and 11-29), CSAT C-105
//        dated 2019-11-30, Tyrell and C-108 dated 2018-11-30 (in W(11-28), W(11-29), not W(11-30)).
//   P02: O-201, a legacy credit and the business plan, all of 2018-11-30, count until 11-29.
//   P03: its well_architected validation expires 2019-11-29.
//   P04: C-423 of 2018-11-30; direct revenue 2018-11 … 2019-10 on 11-28 and 11-29, 2018-12 … 2019-11
//        on 11-30.
//   P05, P06, P07, P08: nothing changes over these three days.
// ---------------------------------------------------------------------------------------------
const THREE_DAYS: Record<string, string[]> = {
  P01: ['2019-11-28..2019-11-29', '2019-11-30..infinity'],
  P02: ['2019-11-28..2019-11-29', '2019-11-30..infinity'],
  P03: ['2019-11-28..2019-11-29', '2019-11-30..infinity'],
  P04: ['2019-11-28..2019-11-29', '2019-11-30..infinity'],
  P05: ['2019-11-28..infinity'],
  P06: ['2019-11-28..infinity'],
  P07: ['2019-11-28..infinity'],
  P08: ['2019-11-28..infinity'],
};

describe('days in any order, a day re-evaluated after the data changed, reruns', () => {
  let inOrder: Database;
  let anyOrder: Database;

  beforeAll(async () => {
    inOrder = await freshDatabase(FIXTURE);
    anyOrder = await freshDatabase(FIXTURE);
  });

  it('evaluating D, D−2, D−1 stores the same ranges as D−2, D−1, D, and they are the expected ones', async () => {
    for (const day of ['2019-11-28', '2019-11-29', '2019-11-30']) await evaluateAndStoreDay(inOrder, day, OPTIONS);
    for (const day of ['2019-11-30', '2019-11-28', '2019-11-29']) await evaluateAndStoreDay(anyOrder, day, OPTIONS);
    expect(await ranges(inOrder)).toEqual(THREE_DAYS);
    expect(await status(anyOrder)).toEqual(await status(inOrder));
    expect(await evaluatedDays(anyOrder)).toEqual(['2019-11-28', '2019-11-29', '2019-11-30']);
    // what is read back for each day is that day's own evaluation
    const p04 = async (day: string) => requirement((await report(inOrder, day, 'P04'))[0]!, 'advanced', 'direct_revenue').actual;
    expect([await p04('2019-11-28'), await p04('2019-11-29'), await p04('2019-11-30')]).toEqual([395000, 395000, 375000]);
    const p01 = async (day: string) => requirement((await report(anyOrder, day, 'P01'))[0]!, 'select', 'accredited_professionals').detail;
    expect((await p01('2019-11-29'))!.technical).toBe(3);
    expect((await p01('2019-11-30'))!.technical).toBe(2);
  });

  it('a day of a range re-evaluated after the data changed splits the range; its neighbours keep theirs', async () => {
    const before = await status(inOrder);
    // P07 now lists 3 GA products (partners.csv is a full snapshot: everyone else unchanged)
    const partners = fs.readFileSync(path.join(FIXTURE, 'partners.csv'), 'utf8').replace('P07,Golf Gadgets,technology,registered,,lead@golf.example,,,0,,', 'P07,Golf Gadgets,technology,registered,,lead@golf.example,,,3,,');
    expect(partners).toContain('lead@golf.example,,,3,,');
    const runId = await startRun(inOrder.db, 'test', {});
    const ingest = await ingestFolder(inOrder, fixtureWith({ 'partners.csv': partners }), { runId, tmpDir: tempDir() });
    expect(ingest.rejected).toBe(false);

    await evaluateAndStoreDay(inOrder, '2019-11-29', OPTIONS);
    const after = await ranges(inOrder);
    expect(after.P07).toEqual(['2019-11-28..2019-11-28', '2019-11-29..2019-11-29', '2019-11-30..infinity']);
    // every other partner's rows are untouched
    expect((await status(inOrder)).filter((r) => r.partner_id !== 'P07')).toEqual(before.filter((r) => r.partner_id !== 'P07'));
    const gaProducts = async (day: string) => requirement((await report(inOrder, day, 'P07'))[0]!, 'select', 'product_listing');
    expect(await gaProducts('2019-11-28')).toMatchObject({ met: false, actual: 0, detail: { gaProducts: 0 } });
    expect(await gaProducts('2019-11-29')).toMatchObject({ met: true, actual: 1, detail: { gaProducts: 3 } });
    expect(await gaProducts('2019-11-30')).toMatchObject({ met: false, actual: 0, detail: { gaProducts: 0 } });

    // the neighbours re-evaluated on the new data: one range again
    await evaluateAndStoreDay(inOrder, '2019-11-30', OPTIONS);
    expect((await ranges(inOrder)).P07).toEqual(['2019-11-28..2019-11-28', '2019-11-29..infinity']);
    await evaluateAndStoreDay(inOrder, '2019-11-28', OPTIONS);
    expect(await ranges(inOrder)).toEqual(THREE_DAYS);
    expect(await gaProducts('2019-11-28')).toMatchObject({ met: true, actual: 1, detail: { gaProducts: 3 } });
  });

  it('rerunning days and a range changes nothing', async () => {
    const before = await status(inOrder);
    for (const day of ['2019-11-29', '2019-11-28', '2019-11-30', '2019-11-29']) await evaluateAndStoreDay(inOrder, day, OPTIONS);
    expect(await status(inOrder)).toEqual(before);

    await backfill(anyOrder, '2019-11-20', '2019-12-16', OPTIONS);
    const once = await status(anyOrder);
    const days = await evaluatedDays(anyOrder);
    expect(days).toHaveLength(27);
    await backfill(anyOrder, '2019-11-20', '2019-12-16', OPTIONS);
    expect(await status(anyOrder)).toEqual(once);
    await backfill(anyOrder, '2019-11-28', '2019-12-02', OPTIONS);
    expect(await status(anyOrder)).toEqual(once);
    for (const day of ['2019-12-16', '2019-11-20', '2019-12-01']) await evaluateAndStoreDay(anyOrder, day, OPTIONS);
    expect(await status(anyOrder)).toEqual(once);
    expect(await evaluatedDays(anyOrder)).toEqual(days);
  });

  it('a backfill that fails to store leaves every stored day as it was', async () => {
    const stored = await freshDatabase(FIXTURE);
    await backfill(stored, '2019-11-24', '2019-11-30', OPTIONS);
    await evaluateAndStoreDay(stored, '2019-12-03', OPTIONS);
    const days = async () => (await sql<{ d: string; at: string }>`select as_of::text as d, evaluated_at::text as at
      from evaluated_days order by 1`.execute(stored.db)).rows;
    const before = { status: await status(stored), days: await days() };
    expect(before.days).toHaveLength(8);
    const failing = failingCommits(stored, 'connection lost');
    await expect(backfill(failing, '2019-11-25', '2019-12-05', OPTIONS)).rejects.toThrow('connection lost');
    expect({ status: await status(stored), days: await days() }).toEqual(before);
  });

  it('a partner removed from the roster loses a re-evaluated day; its other days stay', async () => {
    // the roster in force (P07 with 3 GA products, above) without P05
    const partners = fs.readFileSync(path.join(FIXTURE, 'partners.csv'), 'utf8').replace('lead@golf.example,,,0,,', 'lead@golf.example,,,3,,')
      .split('\n').filter((l) => !l.startsWith('P05,')).join('\n');
    const runId = await startRun(inOrder.db, 'test', {});
    const ingest = await ingestFolder(inOrder, fixtureWith({ 'partners.csv': partners }), { runId, tmpDir: tempDir() });
    // P05's rows of the other files now name an unknown partner: rejected, the rest loaded
    expect(ingest.files.find((f) => f.dataset === 'partners')!.status).toBe('loaded');
    expect(ingest.files.find((f) => f.dataset === 'csat_responses')).toMatchObject({ status: 'loaded', rowsRejected: 5 });
    const before = await status(inOrder);
    await evaluateAndStoreDay(inOrder, '2019-11-29', OPTIONS);
    expect((await ranges(inOrder)).P05).toEqual(['2019-11-28..2019-11-28', '2019-11-30..infinity']);
    expect((await report(inOrder, '2019-11-29')).map((p) => p.partnerId)).toEqual(['P01', 'P02', 'P03', 'P04', 'P06', 'P07', 'P08']);
    expect((await report(inOrder, '2019-11-28')).map((p) => p.partnerId)).toContain('P05');
    expect((await status(inOrder)).filter((r) => r.partner_id !== 'P05')).toEqual(before.filter((r) => r.partner_id !== 'P05'));
  });

  it('a backfill stores exactly what evaluating each day in turn stores', async () => {
    const daily = await freshDatabase(FIXTURE);
    for (let day = '2019-11-20'; compareDates(day, '2019-12-16') <= 0; day = addDays(day, 1)) await evaluateAndStoreDay(daily, day, OPTIONS);
    expect(await status(anyOrder)).toEqual(await status(daily));
    // the ranges hold no two equal neighbours and cover every day once
    const rows = await status(daily);
    for (const id of Object.keys(THREE_DAYS)) {
      const mine = rows.filter((r) => r.partner_id === id);
      expect(mine[0]!.valid_from).toBe('2019-11-20');
      expect(mine.at(-1)!.valid_to).toBe('infinity');
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.valid_from).toBe(addDays(mine[i - 1]!.valid_to, 1));
        expect(mine[i]!.state === mine[i - 1]!.state && mine[i]!.premier_met === mine[i - 1]!.premier_met).toBe(false);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Compact storage: a year (2020) over which nothing of the partners' data changes.
//   K1 consulting registered, K2 technology registered: certifications of 2015 that never expire,
//      no renewal date.
//   K3 technology select, renewal 07-01, no fee paid since 2015: only the calendar moves its
//      evaluation (read back per day below), never its data:
//        2020-01-01 … 04-01  R 2020-07-01 (> 90 days), B 2019-07-01, overdue   below_tier, fee_overdue
//        2020-04-02 … 06-30  R − D ≤ 90                                        + at_risk
//        2020-07-01          B = R = 2020-07-01 (0 days), grace to 09-29       at_risk, below_tier, fee_grace
//        2020-07-02 … 09-29  R 2021-07-01                                      below_tier, fee_grace
//        2020-09-30 … 12-31                                                    below_tier, fee_overdue
// One range per partner for the whole year.
// ---------------------------------------------------------------------------------------------
const STILL: Record<string, string> = {
  'partners.csv': [
    'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email,ga_product_count,tier_since',
    'K1,Kilo Consulting,consulting,registered,,lead@k1.example,0,',
    'K2,Kilo Software,technology,registered,,lead@k2.example,2,',
    'K3,Kilo Select,technology,select,2020-07-01,lead@k3.example,1,2015-01-01',
  ].join('\n'),
  'certifications.csv': [
    'partner_id,person_email,credential,issued_on,expires_on',
    'K1,a@k1.example,TECH_ACCREDITATION,2015-01-01,',
    'K1,a@k1.example,CLF,2015-01-01,',
    'K1,a@k1.example,SAA,2015-01-01,',
    'K2,b@k2.example,SAP,2015-01-01,',
    'K3,c@k3.example,SAA,2015-01-01,',
  ].join('\n'),
  'fee_payments.csv': ['partner_id,membership_year_start,paid_on,amount_usd', 'K3,2015-07-01,2015-07-02,2500'].join('\n'),
};
const YEAR_RANGES = {
  K1: ['2020-01-01..infinity'],
  K2: ['2020-01-01..infinity'],
  K3: ['2020-01-01..infinity'],
};

describe('a roster read in several parts', () => {
  const partners = 15_001; // three parts: 5,000, 10,000 and 1 (rosterParts)

  /** A fresh database holding a roster of `partners` partners and no evidence. */
  async function largeRoster(): Promise<Database> {
    const dir = tempDir('tier-review-parts-');
    const lines = Array.from({ length: partners }, (_, i) => `P${String(i + 1).padStart(6, '0')},Partner ${i + 1},consulting,select,2020-03-01,lead${i + 1}@p.example`);
    fs.writeFileSync(path.join(dir, 'partners.csv'), `partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email\n${lines.join('\n')}\n`);
    return freshDatabase(dir);
  }

  it('stores each partner of a roster larger than one part once, with its own state', async () => {
    const database = await largeRoster();
    expect(await evaluateAndStoreDay(database, '2019-11-30', OPTIONS)).toBe(partners);
    const rows = await status(database);
    expect(rows.length).toBe(partners);
    expect(new Set(rows.map((r) => r.partner_id)).size).toBe(partners);
    for (const r of rows) expect(decodeState(r.state).facts.partnerId).toBe(r.partner_id);
  });

  it('a part whose states cannot be copied in fails the evaluation (while later parts run), and stores nothing of the day', async () => {
    const database = await largeRoster();
    await sql`alter table evaluation_day add constraint refuses_every_row check (false) not valid`.execute(database.db);
    await expect(evaluateAndStoreDay(database, '2019-11-30', OPTIONS)).rejects.toThrow(/refuses_every_row/);
    expect(await status(database)).toEqual([]);
    expect(await evaluatedDays(database)).toEqual([]);
    // the database serves the next evaluation
    await sql`alter table evaluation_day drop constraint refuses_every_row`.execute(database.db);
    expect(await evaluateAndStoreDay(database, '2019-11-30', OPTIONS)).toBe(partners);
    expect((await status(database)).length).toBe(partners);
  });
});

describe('storage stays compact', () => {
  let input: string;
  beforeAll(() => {
    input = tempDir('tier-review-still-');
    for (const [name, text] of Object.entries(STILL)) fs.writeFileSync(path.join(input, name), `${text}\n`);
  });

  it('a year of unchanged data is one range per partner (backfill)', async () => {
    const database = await freshDatabase(input);
    await backfill(database, '2020-01-01', '2020-12-31', OPTIONS);
    expect(await ranges(database)).toEqual(YEAR_RANGES);
    expect(await evaluatedDays(database)).toHaveLength(366);
    const k3 = async (day: string) => (await report(database, day, 'K3'))[0]!;
    expect((await k3('2020-04-01')).flags).toEqual(['below_tier', 'fee_overdue']);
    expect((await k3('2020-04-02')).flags).toEqual(['at_risk', 'below_tier', 'fee_overdue']);
    expect((await k3('2020-06-30')).fee).toEqual({ status: 'overdue', billingDate: '2019-07-01', graceEndsOn: '2019-09-29' });
    const review = await k3('2020-07-01');
    expect([review.reviewDate, review.daysToReview, review.flags]).toEqual(['2020-07-01', 0, ['at_risk', 'below_tier', 'fee_grace']]);
    expect(review.fee).toEqual({ status: 'grace', billingDate: '2020-07-01', graceEndsOn: '2020-09-29' });
    const after = await k3('2020-07-02');
    expect([after.reviewDate, after.daysToReview, after.flags]).toEqual(['2021-07-01', 364, ['below_tier', 'fee_grace']]);
    expect((await k3('2020-09-29')).fee.status).toBe('grace');
    expect((await k3('2020-09-30')).flags).toEqual(['below_tier', 'fee_overdue']);
    expect((await k3('2020-12-31')).daysToReview).toBe(182);
    expect((await report(database, '2020-08-15')).map((p) => [p.partnerId, p.qualifiedTier])).toEqual([['K1', 'registered'], ['K2', 'registered'], ['K3', 'registered']]);
  });

  it('a year of unchanged data is one range per partner (every day evaluated in turn)', async () => {
    const database = await freshDatabase(input);
    for (let day = '2020-01-01'; compareDates(day, '2020-12-31') <= 0; day = addDays(day, 1)) await evaluateAndStoreDay(database, day, OPTIONS);
    expect(await ranges(database)).toEqual(YEAR_RANGES);
  });
});

// ---------------------------------------------------------------------------------------------
// Sustained attainment from the stored days. Q1 (consulting advanced, renewal 2020-03-20, no
// transition) holds exactly the premier criteria with everything dated 2019-01-10: 10 people with
// the technical accreditation, CLF and SAP; 10 with the business accreditation and SAA; 5 with
// SAA (accredited 20 = 10 + 10, foundational 10, technical 25 of whom 10 professional); 50
// opportunities of 1,000 MRR; business plan; MSP, DevOps Competency, Well-Architected; 6
// references; 30 CSAT. Its criteria hold on every day from 2019-01-10 to 2020-01-09.
// D = 2019-11-30: the period is (2019-05-30, 2019-11-30]: the stored days 2019-05-31 … 11-29 and D.
// ---------------------------------------------------------------------------------------------
function premierInput(): string {
  const dir = tempDir('tier-review-premier-');
  const on = '2019-01-10';
  const certs = ['partner_id,person_email,credential,issued_on,expires_on'];
  for (let i = 1; i <= 10; i++) for (const c of ['TECH_ACCREDITATION', 'CLF', 'SAP']) certs.push(`Q1,t${i}@q1.example,${c},${on},`);
  for (let i = 1; i <= 10; i++) for (const c of ['BUSINESS_ACCREDITATION', 'SAA']) certs.push(`Q1,b${i}@q1.example,${c},${on},`);
  for (let i = 1; i <= 5; i++) certs.push(`Q1,s${i}@q1.example,SAA,${on},`);
  const opps = ['opportunity_id,partner_id,customer_name,stage,launched_on,estimated_mrr_usd,origin'];
  for (let i = 1; i <= 50; i++) opps.push(`Q-${i},Q1,Customer ${i},launched,${on},1000,partner_referred`);
  const refs = ['partner_id,customer_name,source,submitted_on,approved_on,url'];
  for (let i = 1; i <= 6; i++) refs.push(`Q1,Reference ${i},legacy,${on},,`);
  const csat = ['response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified'];
  for (let i = 1; i <= 30; i++) csat.push(`QC-${i},Q1,${on},true,true`);
  const files: Record<string, string[]> = {
    'partners.csv': [
      'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email,business_plan_signed_on',
      `Q1,Quebec Cloud,consulting,advanced,2020-03-20,lead@q1.example,${on}`,
    ],
    'certifications.csv': certs,
    'opportunities.csv': opps,
    'public_references.csv': refs,
    'csat_responses.csv': csat,
    'program_validations.csv': ['partner_id,program,designation,validated_on,expires_on', `Q1,msp,,${on},`, `Q1,competency,DevOps,${on},`, `Q1,well_architected,,${on},`],
  };
  for (const [name, lines] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
  return dir;
}

describe('sustained attainment reads the stored days', () => {
  const D = '2019-11-30';
  let input: string;
  beforeAll(() => {
    input = premierInput();
  });

  it('met on D once every day of the six months before D is stored and met; not the day before', async () => {
    const database = await freshDatabase(input);
    await backfill(database, '2019-05-31', D, OPTIONS);
    // the stored inputs do not change over these days: one range; the verdicts are read per day
    expect(await ranges(database)).toEqual({ Q1: ['2019-05-31..infinity'] });
    const onD = (await report(database, D))[0]!;
    expect(requirement(onD, 'premier', 'program_validations')).toMatchObject({ met: true, actual: 3 });
    expect(requirement(onD, 'premier', 'sustained_premier')).toEqual({ tier: 'premier', id: 'sustained_premier', met: true, actual: 1, required: 1, detail: { exempt: false, missingDays: 0 } });
    expect(requirement(onD, 'premier', 'executive_business_review')).toMatchObject({ met: false, actual: 0 });
    expect(onD.qualifiedTier).toBe('advanced');
    // eligible to apply: the premier criteria and sustained attainment, the EBR being the last step
    expect(onD.flags).toEqual(['upgrade_eligible']);
    // 2019-11-29: its period (2019-05-29, 2019-11-29] needs 2019-05-30, which is not stored
    const before = (await report(database, '2019-11-29'))[0]!;
    expect(requirement(before, 'premier', 'sustained_premier')).toMatchObject({ met: false, actual: 0, detail: { exempt: false, missingDays: 1 } });
    expect(before.flags).toEqual([]);
  });

  it('a day evaluated alone misses all 183 days', async () => {
    const database = await freshDatabase(input);
    await evaluateAndStoreDay(database, D, OPTIONS);
    const onD = (await report(database, D))[0]!;
    expect(requirement(onD, 'premier', 'sustained_premier')).toMatchObject({ met: false, actual: 0, detail: { exempt: false, missingDays: 183 } });
    expect(onD.flags).toEqual([]);
    // no fee_payments snapshot was ever loaded: unknown; B = 2019-03-20 (no transition for March)
    expect(onD.fee).toEqual({ status: 'unknown', billingDate: '2019-03-20', graceEndsOn: '2019-06-18' });
    expect([onD.reviewDate, onD.daysToReview]).toEqual(['2020-03-20', 111]);
  });

  it('rerunning a backfill over days stored before D leaves the report of D as it was', async () => {
    const database = await freshDatabase(input);
    await backfill(database, '2019-05-31', '2019-11-29', OPTIONS);
    await evaluateAndStoreDay(database, D, OPTIONS);
    const first = (await report(database, D))[0]!;
    expect(requirement(first, 'premier', 'sustained_premier')).toMatchObject({ met: true, detail: { missingDays: 0 } });
    // the replaced days are stored again: they still count for D
    await backfill(database, '2019-07-01', '2019-07-01', OPTIONS);
    await backfill(database, '2019-08-01', '2019-08-31', OPTIONS);
    expect(JSON.stringify((await report(database, D))[0])).toBe(JSON.stringify(first));
  });

  // D evaluated first, the six months before it backfilled afterwards: the report of D reads the
  // stored days as they are now (rules.md: "the output says how many days are missing (a backfill
  // fills them)"), and every part of it says so.
  it('a backfill of the days before a stored day D fills its sustained attainment', async () => {
    const database = await freshDatabase(input);
    await evaluateAndStoreDay(database, D, OPTIONS);
    const first = (await report(database, D))[0]!;
    expect(requirement(first, 'premier', 'sustained_premier')).toMatchObject({ met: false, detail: { missingDays: 183 } });
    await backfill(database, '2019-06-01', '2019-11-29', OPTIONS);
    const partly = requirement((await report(database, D))[0]!, 'premier', 'sustained_premier');
    expect(partly).toMatchObject({ met: false, actual: 0, detail: { exempt: false, missingDays: 1 } });
    await backfill(database, '2019-05-31', '2019-05-31', OPTIONS);
    const later = (await report(database, D))[0]!;
    expect(requirement(later, 'premier', 'sustained_premier')).toEqual({ tier: 'premier', id: 'sustained_premier', met: true, actual: 1, required: 1, detail: { exempt: false, missingDays: 0 } });
    expect(later.flags).toEqual(['upgrade_eligible']);
  });
});

// ---------------------------------------------------------------------------------------------
// The command line: `backfill` then `report` in one database; `evaluate` then `report` of the same
// day in a fresh database each.
// ---------------------------------------------------------------------------------------------
describe('backfill and report from the command line', () => {
  const FROM = '2019-11-25';
  const TO = '2019-12-16';
  let target: CliEnv;
  const drops: Array<() => Promise<void>> = [];

  async function cli(args: string[], on: CliEnv): Promise<string> {
    const r = await runCli(args, on);
    expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r.stdout;
  }

  async function freshTarget(): Promise<CliEnv> {
    const db = await createEmptyDatabase();
    drops.push(db.drop);
    return { home: db.home, url: db.url };
  }

  /** `evaluate --as-of DAY` in a fresh database, then its report. */
  async function evaluatedAlone(day: string): Promise<{ partners: PartnerEvaluation[] }> {
    const alone = await freshTarget();
    await cli(['ingest', '--input', FIXTURE], alone);
    await cli(['evaluate', '--as-of', day], alone);
    return JSON.parse(await cli(['report', '--as-of', day, '--format', 'json'], alone));
  }

  /** sustained_premier's missingDays (D and R), then the report without them (they depend on the stored days). */
  function split(report: { partners: PartnerEvaluation[] }): { missing: Record<string, number[]>; rest: unknown } {
    const missing: Record<string, number[]> = {};
    const strip = (p: PartnerEvaluation, list: RequirementResult[] | null) =>
      list?.map((r) => {
        if (r.id !== 'sustained_premier' || r.detail?.exempt !== false) return r;
        (missing[p.partnerId] ??= []).push(r.detail.missingDays as number);
        const { missingDays: _m, shortfall: _s, ...detail } = r.detail;
        return { ...r, detail };
      }) ?? null;
    const rest = report.partners.map((p) => ({ ...p, requirements: strip(p, p.requirements), projectedRequirements: strip(p, p.projectedRequirements) }));
    return { missing, rest };
  }

  beforeAll(async () => {
    target = await freshTarget();
    await cli(['ingest', '--input', FIXTURE], target);
    const out = await cli(['backfill', '--from', FROM, '--to', TO], target);
    expect(out).toContain(`backfilled 22 days (${FROM} to ${TO}) for 8 partners`);
  });
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it(`report of the first day (${FROM}) equals evaluate --as-of in a fresh database, exactly`, async () => {
    const backfilled = JSON.parse(await cli(['report', '--as-of', FROM, '--format', 'json'], target));
    expect(backfilled).toEqual(await evaluatedAlone(FROM));
    // nothing before FROM is stored: all 183 days of (2019-05-25, 2019-11-25) are missing
    expect(split(backfilled).missing.P06).toEqual([183]);
  });

  for (const [day, stored, alone] of [
    // (2019-05-30, 2019-11-30): 183 days, of which 2019-11-25 … 11-29 (5) are stored
    ['2019-11-30', 178, 183],
    // (2019-06-14, 2019-12-14): 182 days, of which 2019-11-25 … 12-13 (19) are stored
    ['2019-12-14', 163, 182],
  ] as const) {
    it(`report of ${day} after the backfill equals evaluate --as-of in a fresh database, but the stored days`, async () => {
      const backfilled = split(JSON.parse(await cli(['report', '--as-of', day, '--format', 'json'], target)));
      const fresh = split(await evaluatedAlone(day));
      expect(backfilled.rest).toEqual(fresh.rest);
      // P01, P02 and P08 carry sustained_premier on D and at R; P06 (registered) on D only
      expect(backfilled.missing).toEqual({ P01: [stored, stored], P02: [stored, stored], P06: [stored], P08: [stored, stored] });
      expect(fresh.missing).toEqual({ P01: [alone, alone], P02: [alone, alone], P06: [alone], P08: [alone, alone] });
      if (day === '2019-12-14') {
        // the day after the 2019 transition review: back to the plain anniversaries; billing unmoved
        const byId = new Map((fresh.rest as PartnerEvaluation[]).map((p) => [p.partnerId, p]));
        expect([byId.get('P01')!.reviewDate, byId.get('P01')!.daysToReview, byId.get('P01')!.fee.billingDate]).toEqual(['2020-10-01', 292, '2019-10-01']);
        expect([byId.get('P02')!.reviewDate, byId.get('P02')!.fee.status, byId.get('P02')!.fee.graceEndsOn]).toEqual(['2020-09-15', 'grace', '2019-12-14']);
      }
    });
  }

  it('a report for a never-evaluated day evaluates it first, as evaluate would', async () => {
    const day = '2019-12-20';
    const r = await runCli(['report', '--as-of', day, '--format', 'json', '--partner', 'P04'], target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('never evaluated');
    const first = JSON.parse(r.stdout);
    // P04's review day: R = D, 0 days; its 20th CSAT response (2018-12-15) has left the window
    expect(first.partners[0].daysToReview).toBe(0);
    expect(requirement(first.partners[0], 'advanced', 'csat_responses')).toMatchObject({ met: false, actual: 19 });
    const fresh = await evaluatedAlone(day);
    expect(first.partners).toEqual(fresh.partners.filter((p) => p.partnerId === 'P04'));
    // now stored: a second report does not evaluate again
    const again = await runCli(['report', '--as-of', day, '--format', 'json', '--partner', 'P04'], target);
    expect(again.stderr).not.toContain('never evaluated');
    expect(JSON.parse(again.stdout)).toEqual(first);
  });
});
