// The load types most cells by plain casts after cheap tests, and the rest through the detailed
// checks. Both paths must agree: these cells sit on the edges of the cheap tests.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { EXPORTS } from '../../src/exports/index.js';
import { loadExport, type FileResult } from '../../src/exports/loader.js';
import { startRun } from '../../src/ledger.js';
import { openTestDatabase, tempDir } from '../helpers/database.js';

let database: Database;
let close: () => Promise<void>;

async function load(dataset: string, csv: string): Promise<FileResult> {
  const dir = tempDir('tier-review-cells-');
  fs.writeFileSync(path.join(dir, `${dataset}.csv`), csv);
  const runId = await startRun(database.db, 'test', { dataset });
  try {
    return await loadExport(database, EXPORTS.find((d) => d.dataset === dataset)!, dir, { runId, tmpDir: path.join(dir, 'tmp'), force: true, rejectLimit: { fraction: 1, rows: 1000 } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  ({ database, close } = await openTestDatabase());
  await load('partners', 'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email\nP1,Acme,consulting,advanced,2019-10-01,lead@acme.example\n');
});
afterAll(async () => close());

const CSAT_HEADER = 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\n';

async function storedResponses(): Promise<Array<{ response_id: string; submitted_on: string }>> {
  return (await sql<{ response_id: string; submitted_on: string }>`select response_id, submitted_on from csat_responses order by 1`.execute(database.db)).rows;
}

/** Loads one domain_revenue row per cell value of `column` and returns, per value, the stored value or the reject reason. */
async function outcomes(column: 'amount_usd' | 'aws_account_id' | 'domain' | 'credit_type' | 'month', values: string[]): Promise<Record<string, string>> {
  const row = (v: string, i: number) => {
    const cells: Record<string, string> = { domain: `d${i}.example`, aws_account_id: '123456789012', month: '2019-05', charge_type: 'credit', credit_type: 'map', amount_usd: '-1' };
    cells[column] = v.includes(',') || v.includes('"') ? `"${v.replace(/"/g, '""')}"` : v;
    return Object.values(cells).join(',');
  };
  const result = await load('domain_revenue', `domain,aws_account_id,month,charge_type,credit_type,amount_usd\n${values.map(row).join('\n')}\n`);
  const stored = (await sql.raw<{ value: string; line: string }>(`select ${column === 'month' ? `to_char(month, 'YYYY-MM')` : `${column}::text`} as value from domain_revenue order by 1`).execute(database.db)).rows;
  const out: Record<string, string> = {};
  values.forEach((v, i) => {
    const rejected = result.rejects.find((r) => r.line === i + 2);
    out[v] = rejected ? `rejected: ${rejected.reason}` : 'stored';
  });
  expect(stored.length).toBe(values.length - result.rowsRejected);
  return out;
}

describe('cells on the edge of the cheap tests', () => {
  it('USD amounts: plain decimals with a dot, of any length (the cheap test takes up to 15 digits and 6 decimals)', async () => {
    const good = ['12', '-12.50', '0.5', '123456789012345', '-123456789012345.123456', '1.123456', ' 7.25 ', '1234567890123456', '1.1234567', '0.0000001234'];
    const bad = ['.5', '5.', '1e3', '+5', '1,000', '--5', '5-', '-', '$5', '1.2.3', 'NaN', '1 000'];
    const found = await outcomes('amount_usd', [...good, ...bad]);
    for (const v of good) expect(found[v], v).toBe('stored');
    for (const v of bad) expect(found[v], v).toMatch(/^rejected: not a USD amount/);
    const amounts = (await sql<{ a: string }>`select amount_usd::text as a from domain_revenue order by amount_usd`.execute(database.db)).rows.map((r) => r.a);
    expect(amounts).toEqual(['-123456789012345.123456', '-12.50', '0.0000001234', '0.5', '1.123456', '1.1234567', '7.25', '12', '123456789012345', '1234567890123456']);
  });

  it('dates: YYYY-MM-DD of a real day in any year from 0001, also outside the calendar table (1900–2199)', async () => {
    const good = ['2019-01-01', '1900-01-01', '2199-12-31', '9999-12-31', '1899-12-31', '0001-01-01', '2400-02-29', '2200-02-28', ' 2019-06-30 '];
    const bad = ['2200-02-29', '2019-02-29', '9999-13-01', '9999-12-32', '0000-01-01', '99999-01-01', '2019-1-02', '2019/01/02', 'Jan 2 2019', '20190102'];
    const values = [...good, ...bad];
    const result = await load('certifications', 'partner_id,person_email,credential,issued_on,expires_on\n'
      + values.map((v, i) => `P1,p${i}@acme.example,SAA,2019-01-01,${v}\n`).join(''));
    const rejected = new Map(result.rejects.map((r) => [r.line, r]));
    values.forEach((v, i) => {
      const reject = rejected.get(i + 2);
      if (good.includes(v)) expect(reject, v).toBeUndefined();
      else expect(reject?.reason, v).toMatch(/^not a date/);
    });
    const stored = (await sql<{ e: string }>`select to_char(expires_on, 'YYYY-MM-DD') as e from certifications order by expires_on`.execute(database.db)).rows.map((r) => r.e);
    expect(stored).toEqual(['0001-01-01', '1899-12-31', '1900-01-01', '2019-01-01', '2019-06-30', '2199-12-31', '2200-02-28', '2400-02-29', '9999-12-31']);
  });

  it('AWS account ids: exactly 12 digits', async () => {
    const found = await outcomes('aws_account_id', ['012345678901', ' 012345678902 ', '01234567890', '0123456789012', '01234567890a', '0123 5678901']);
    expect(found).toEqual({
      '012345678901': 'stored', ' 012345678902 ': 'stored',
      '01234567890': 'rejected: not 12 digits', '0123456789012': 'rejected: not 12 digits',
      '01234567890a': 'rejected: not 12 digits', '0123 5678901': 'rejected: not 12 digits',
    });
  });

  it('months: YYYY-MM of a real month', async () => {
    const found = await outcomes('month', ['2019-01', '2019-12', '2019-13', '2019-1', '19-01', '2019-00', '2019-01-01']);
    expect(Object.entries(found).filter(([, v]) => v === 'stored').map(([k]) => k)).toEqual(['2019-01', '2019-12']);
  });

  it('lower-cased text folds case, also beyond ASCII, and is trimmed of tabs', async () => {
    await outcomes('domain', ['Mixed.Example', 'ÉCOLE.example', '\tTabbed.example\t']);
    const domains = (await sql<{ domain: string }>`select domain from domain_revenue order by domain`.execute(database.db)).rows.map((r) => r.domain);
    expect(domains).toEqual(['mixed.example', 'tabbed.example', 'école.example']);
    await outcomes('credit_type', ['MAP Credit', ' Promotional ']);
    const credits = (await sql<{ c: string }>`select credit_type as c from domain_revenue order by 1`.execute(database.db)).rows.map((r) => r.c);
    expect(credits).toEqual(['map credit', 'promotional']);
  });

  it('e-mail addresses: one @, no space; stored lower-cased', async () => {
    const result = await load('certifications', 'partner_id,person_email,credential,issued_on\n'
      + 'P1,Ann@Acme.Example,SAP,2019-01-01\nP1,bob@acme.example,SAP,2019-01-01\nP1,a b@acme.example,SAP,2019-01-01\nP1,c@d@acme.example,SAP,2019-01-01\n'
      + 'P1,@acme.example,SAP,2019-01-01\nP1,Zoë@acme.example,SAP,2019-01-01\nP1,tab\t@acme.example,SAP,2019-01-01\n');
    expect(result.rejects.map((r) => [r.line, r.column])).toEqual([[4, 'person_email'], [5, 'person_email'], [6, 'person_email'], [8, 'person_email']]);
    const emails = (await sql<{ e: string }>`select person_email as e from certifications order by 1`.execute(database.db)).rows.map((r) => r.e);
    expect(emails).toEqual(['ann@acme.example', 'bob@acme.example', 'zoë@acme.example']);
  });

  it('booleans: each word in lower, upper or capitalized case (the cheap test), or any other case or padding (the detailed one)', async () => {
    const truthy = ['true', 'TRUE', 'True', 'yes', 'YES', 'Yes', 'y', 'Y', '1', ' yes ', 'tRuE'];
    const falsy = ['false', 'FALSE', 'False', 'no', 'NO', 'No', 'n', 'N', '0', '\tno', 'fAlSe'];
    const words = [...truthy, ...falsy, 'maybe', 'T'];
    const result = await load('csat_responses', CSAT_HEADER
      + words.map((w, i) => `R${i},P1,2019-01-01,${w},true\n`).join(''));
    expect(result.rejects.map((r) => [r.line, r.column, r.value])).toEqual([[words.length, 'email_confirmed', 'maybe'], [words.length + 1, 'email_confirmed', 'T']]);
    expect(result.rejects[0]!.reason).toMatch(/^not a boolean/);
    const stored = new Map((await sql<{ response_id: string; email_confirmed: boolean }>`select response_id, email_confirmed from csat_responses`.execute(database.db)).rows
      .map((r) => [r.response_id, r.email_confirmed]));
    words.slice(0, truthy.length + falsy.length).forEach((w, i) => expect(stored.get(`R${i}`), w).toBe(i < truthy.length));
  });

  it('a file whose rows all pass the cheap tests still has its repeated keys rejected', async () => {
    const result = await load('csat_responses', CSAT_HEADER
      + 'R1,P1,2019-01-01,true,true\nR2,P1,2019-01-02,true,true\nR1,P1,2019-01-03,false,true\nR2,P1,2019-01-04,true,true\nR3,P1,2019-01-05,true,true\n');
    expect(result.rejects.map((r) => [r.line, r.reason])).toEqual([
      [4, 'duplicate key (response_id): first on line 2'],
      [5, 'duplicate key (response_id): first on line 3'],
    ]);
    const kept = await storedResponses();
    expect(kept).toEqual([
      { response_id: 'R1', submitted_on: '2019-01-01' }, { response_id: 'R2', submitted_on: '2019-01-02' }, { response_id: 'R3', submitted_on: '2019-01-05' },
    ]);
  });

  it('a duplicate key counts the first valid row only; a rejected row is not the first', async () => {
    const result = await load('csat_responses', CSAT_HEADER
      + 'R1,P404,2019-01-01,true,true\nR1,P1,2019-01-02,true,true\nr1,P1,2019-01-03,true,true\nR1 ,P1,2019-01-04,TRUE,true\n');
    expect(result.rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, 'unknown partner_id (not in the partner roster)'],
      [5, 'duplicate key (response_id): first on line 3'],
    ]);
    const kept = await storedResponses();
    expect(kept).toEqual([{ response_id: 'R1', submitted_on: '2019-01-02' }, { response_id: 'r1', submitted_on: '2019-01-03' }]);
  });
});
