import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { EXPORTS } from '../../src/exports/index.js';
import { loadExport, type FileResult } from '../../src/exports/loader.js';
import { startRun } from '../../src/ledger.js';
import { openTestDatabase, tempDir } from '../helpers/database.js';

let database: Database;
let close: () => Promise<void>;

const PARTNERS = `partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email
P1,Acme,consulting,advanced,2019-10-01,lead@acme.example
P2,Beta,technology,select,2020-02-29,lead@beta.example
P3,Gamma,consulting,registered,,lead@gamma.example
`;

async function load(dataset: string, content: string | Buffer, fileName = `${dataset}.csv`): Promise<FileResult> {
  const dir = tempDir('tier-review-input-');
  const body = fileName.endsWith('.gz') ? zlib.gzipSync(content) : content;
  fs.writeFileSync(path.join(dir, fileName), body);
  const declaration = EXPORTS.find((d) => d.dataset === dataset)!;
  const runId = await startRun(database.db, 'test', { dataset });
  try {
    return await loadExport(database, declaration, dir, { runId, tmpDir: path.join(dir, 'tmp'), force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function table(name: string, orderBy = '1'): Promise<Record<string, unknown>[]> {
  return (await sql.raw<Record<string, unknown>>(`select * from ${name} order by ${orderBy}`).execute(database.db)).rows;
}

beforeAll(async () => {
  const opened = await openTestDatabase();
  database = opened.database;
  close = opened.close;
  expect((await load('partners', PARTNERS)).status).toBe('loaded');
});
afterAll(async () => close());

/** A good file of each export, with every column, in a shuffled column order and upper-case header. */
const GOOD: Record<string, { csv: string; rows: number }> = {
  certifications: {
    csv: 'PERSON_EMAIL,Partner_ID,credential,issued_on,expires_on\nA@Acme.example,P1,sap,2019-01-01,\na@acme.example,P1,CLF,2019-01-01,2022-01-01\n',
    rows: 2,
  },
  opportunities: {
    csv: 'opportunity_id,partner_id,customer_name,stage,launched_on,estimated_mrr_usd,origin,public_reference,public_reference_on\n'
      + 'O1,P1,Customer One,launched,2019-05-01,1500.50,partner_referred,yes,2019-06-01\nO1,P2,Customer One,LAUNCHED,2019-05-01,,aws_tagged,,\nO2,P1,Other,prospect,,0,aws_referred,n,\n',
    rows: 3,
  },
  legacy_revenue_submissions: { csv: 'partner_id,aws_account_id,submitted_on\nP1,123456789012,2019-03-01\n', rows: 1 },
  partner_domains: { csv: 'partner_id,domain\nP2,Beta.Example\n', rows: 1 },
  domain_revenue: {
    csv: 'domain,aws_account_id,month,charge_type,credit_type,amount_usd\nbeta.example,123456789012,2019-05,usage,,20000\nbeta.example,123456789012,2019-05,credit,MAP,-500\nunknown.example,123456789013,2019-05,ri_purchase,,10\n',
    rows: 3,
  },
  fee_payments: { csv: 'partner_id,membership_year_start,paid_on,amount_usd\nP1,2019-10-01,2019-10-15,2500\n', rows: 1 },
  public_references: {
    csv: 'partner_id,customer_name,source,submitted_on,approved_on,url\nP1,Customer Two,manual,2019-04-01,2019-04-08,https://acme.example/case\nP1,Customer Three,legacy,2019-01-01,,\n',
    rows: 2,
  },
  csat_responses: { csv: 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR1,P1,2019-05-01,true,Y\nR2,P1,2019-05-02,0,no\n', rows: 2 },
  program_validations: {
    csv: 'partner_id,program,designation,validated_on,expires_on\nP1,msp,,2019-01-01,\nP1,competency,DevOps,2019-01-01,2020-01-01\nP1,competency,Migration,2019-01-01,\n',
    rows: 3,
  },
};

describe('each export', () => {
  for (const [dataset, good] of Object.entries(GOOD)) {
    it(`${dataset}: a good file loads every row`, async () => {
      const result = await load(dataset, good.csv);
      expect(result).toMatchObject({ status: 'loaded', rowsRead: good.rows, rowsLoaded: good.rows, rowsRejected: 0 });
      expect(await table(dataset)).toHaveLength(good.rows);
    });
  }

  it('types the values: case folded, defaults applied, booleans read', async () => {
    await load('certifications', GOOD.certifications!.csv);
    expect(await table('certifications', 'credential')).toEqual([
      { partner_id: 'P1', person_email: 'a@acme.example', credential: 'CLF', issued_on: '2019-01-01', expires_on: '2022-01-01' },
      { partner_id: 'P1', person_email: 'a@acme.example', credential: 'SAP', issued_on: '2019-01-01', expires_on: null },
    ]);
    await load('opportunities', GOOD.opportunities!.csv);
    const opportunities = await table('opportunities', 'opportunity_id, partner_id');
    expect(opportunities[1]).toMatchObject({ stage: 'launched', estimated_mrr_usd: '0', public_reference: false });
    expect(opportunities[0]).toMatchObject({ estimated_mrr_usd: '1500.50', public_reference: true, public_reference_on: '2019-06-01' });
  });

  it('attributes domain revenue to the partner owning the domain; unmatched domains stay unattributed', async () => {
    await load('partner_domains', GOOD.partner_domains!.csv);
    const result = await load('domain_revenue', GOOD.domain_revenue!.csv);
    expect(result.creditTypes).toEqual({ map: 1 });
    expect(result.unmatched).toEqual({ rows: 1, domains: 1 });
    const rows = await table('domain_revenue', 'domain, charge_type');
    expect(rows.map((r) => [r.domain, r.partner_id])).toEqual([
      ['beta.example', 'P2'], ['beta.example', 'P2'], ['unknown.example', null],
    ]);
    // the domain moves to another partner: revenue already loaded follows it
    await load('partner_domains', 'partner_id,domain\nP1,beta.example\n');
    expect((await table('domain_revenue', 'domain')).map((r) => r.partner_id)).toEqual(['P1', 'P1', null]);
  });

  it('reads gzip, a BOM, CRLF line ends and trailing blank lines', async () => {
    const csv = '\ufeffpartner_id,aws_account_id,submitted_on\r\nP1,123456789012,2019-03-01\r\nP2,123456789012,2019-03-02\r\n\r\n\r\n';
    const result = await load('legacy_revenue_submissions', csv, 'legacy_revenue_submissions.csv.gz');
    expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 2 });
    expect((await table('legacy_revenue_submissions', 'submitted_on')).map((r) => r.partner_id)).toEqual(['P1', 'P2']);
  });

  it('ignores unknown columns and names them once', async () => {
    const result = await load('fee_payments', 'partner_id,membership_year_start,paid_on,amount_usd,Invoice_No\nP1,2019-10-01,2019-10-15,2500,INV-1\n');
    expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 1, unknownColumns: ['invoice_no'] });
  });

  it('ignores an unknown column however often it comes; a known column twice rejects the file', async () => {
    const repeated = await load('fee_payments', 'partner_id,membership_year_start,paid_on,amount_usd,note,note,\nP1,2019-10-01,2019-10-15,2500,a,b,\n');
    expect(repeated).toMatchObject({ status: 'loaded', rowsLoaded: 1, unknownColumns: ['note', ''] });
    const twice = await load('fee_payments', 'partner_id,membership_year_start,paid_on,amount_usd,Paid_On\nP1,2019-10-01,2019-10-15,2500,2019-10-16\n');
    expect(twice.status).toBe('rejected');
    expect(twice.error).toMatchObject({ line: 1, reason: 'duplicate column "paid_on" in the header' });
  });
});

describe('row errors reject the row, with line, column, value and reason', () => {
  const cases: Array<[string, string, string, { line: number; column: string; reason: RegExp }]> = [
    ['bad date', 'certifications', 'partner_id,person_email,credential,issued_on\nP1,x@a.example,SAA,2019-02-29\n', { line: 2, column: 'issued_on', reason: /not a date/ }],
    ['bad month', 'domain_revenue', 'domain,aws_account_id,month,charge_type,amount_usd\nbeta.example,123456789012,2019-13,usage,1\n', { line: 2, column: 'month', reason: /not a month/ }],
    ['bad bool', 'csat_responses', 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR9,P1,2019-01-01,maybe,true\n', { line: 2, column: 'email_confirmed', reason: /not a boolean/ }],
    ['bad usd', 'fee_payments', 'partner_id,membership_year_start,paid_on,amount_usd\nP1,2019-10-01,2019-10-02,"$2,500"\n', { line: 2, column: 'amount_usd', reason: /not a USD amount/ }],
    ['usd not > 0', 'fee_payments', 'partner_id,membership_year_start,paid_on,amount_usd\nP1,2019-10-01,2019-10-02,0\n', { line: 2, column: 'amount_usd', reason: /must be > 0/ }],
    ['negative mrr', 'opportunities', 'opportunity_id,partner_id,customer_name,stage,launched_on,estimated_mrr_usd,origin\nO1,P1,C,launched,2019-01-01,-1,aws_tagged\n', { line: 2, column: 'estimated_mrr_usd', reason: /must be ≥ 0/ }],
    ['bad enum', 'opportunities', 'opportunity_id,partner_id,customer_name,stage,origin\nO1,P1,C,won,aws_tagged\n', { line: 2, column: 'stage', reason: /not one of prospect/ }],
    ['unknown credential', 'certifications', 'partner_id,person_email,credential,issued_on\nP1,x@a.example,XYZ,2019-01-01\n', { line: 2, column: 'credential', reason: /not a known credential code/ }],
    ['bad email', 'certifications', 'partner_id,person_email,credential,issued_on\nP1,x@a@b,SAA,2019-01-01\n', { line: 2, column: 'person_email', reason: /not an e-mail/ }],
    ['bad account id', 'legacy_revenue_submissions', 'partner_id,aws_account_id,submitted_on\nP1,12345,2019-01-01\n', { line: 2, column: 'aws_account_id', reason: /not 12 digits/ }],
    ['bad count', 'partners', `${PARTNERS.trim()}\n`.replace('alliance_lead_email', 'alliance_lead_email,ga_product_count').replace(/\.example$/gm, '.example,').replace('lead@beta.example,', 'lead@beta.example,-1'), { line: 3, column: 'ga_product_count', reason: /whole number/ }],
    ['missing value', 'certifications', 'partner_id,person_email,credential,issued_on\nP1, ,SAA,2019-01-01\n', { line: 2, column: 'person_email', reason: /missing required value/ }],
    ['launched without launched_on', 'opportunities', 'opportunity_id,partner_id,customer_name,stage,origin\nO1,P1,C,launched,aws_tagged\n', { line: 2, column: 'launched_on', reason: /launched_on is required/ }],
    ['reference before launch', 'opportunities', 'opportunity_id,partner_id,customer_name,stage,launched_on,origin,public_reference,public_reference_on\nO1,P1,C,launched,2019-05-01,aws_tagged,true,2019-04-01\n', { line: 2, column: 'public_reference_on', reason: /before launched_on/ }],
    ['credit without type', 'domain_revenue', 'domain,aws_account_id,month,charge_type,amount_usd\nbeta.example,123456789012,2019-01,credit,-5\n', { line: 2, column: 'credit_type', reason: /credit_type is required/ }],
    ['manual reference without url', 'public_references', 'partner_id,customer_name,source,submitted_on\nP1,C,manual,2019-01-01\n', { line: 2, column: 'url', reason: /url is required/ }],
    ['competency without designation', 'program_validations', 'partner_id,program,validated_on\nP1,competency,2019-01-01\n', { line: 2, column: 'designation', reason: /designation is required/ }],
    ['unknown partner', 'csat_responses', 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR9,P404,2019-01-01,true,true\n', { line: 2, column: 'partner_id', reason: /unknown partner_id/ }],
    ['premier technology partner', 'partners', PARTNERS.replace('P2,Beta,technology,select', 'P2,Beta,technology,premier'), { line: 3, column: 'current_tier', reason: /consulting partners only/ }],
    ['renewal date missing', 'partners', PARTNERS.replace('select,2020-02-29', 'select,'), { line: 3, column: 'renewal_date', reason: /required unless/ }],
  ];
  for (const [name, dataset, csv, expected] of cases) {
    it(name, async () => {
      const result = await load(dataset, csv);
      if (dataset === 'partners') await load('partners', PARTNERS);
      expect(result.status).toBe('loaded');
      expect(result.rowsRejected).toBe(1);
      expect(result.rejects[0]).toMatchObject({ line: expected.line, column: expected.column });
      expect(result.rejects[0]!.reason).toMatch(expected.reason);
    });
  }

  it('duplicate key: every row after the first is rejected, naming the first', async () => {
    const result = await load('csat_responses', 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR1,P1,2019-01-01,true,true\nR1,P1,2019-01-02,true,true\nR2,P1,2019-01-01,true,true\nR1,P1,2019-01-03,true,true\n');
    expect(result.rowsLoaded).toBe(2);
    expect(result.rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, 'duplicate key (response_id): first on line 2'],
      [5, 'duplicate key (response_id): first on line 2'],
    ]);
  });

  it('duplicate key across spellings: case and padding do not make a key new', async () => {
    const result = await load('certifications', 'partner_id,person_email,credential,issued_on\nP1,a@acme.example,SAP,2019-01-01\n P1 ,A@Acme.Example ,sap, 2019-01-01\nP1,b@acme.example,SAP,2019-01-01\n');
    expect(result.rowsLoaded).toBe(2);
    expect(result.rejects.map((r) => [r.line, r.reason])).toEqual([[3, 'duplicate key (partner_id, person_email, credential, issued_on): first on line 2']]);
  });

  it('padded and differently cased values are stored trimmed and folded', async () => {
    const result = await load('opportunities', 'opportunity_id,partner_id,customer_name,stage,launched_on,estimated_mrr_usd,origin,public_reference,public_reference_on\n'
      + ' O9 , P1 ,  Padded Name  , Launched , 2019-05-01 , 12.50 ,AWS_Tagged, Yes ,2019-05-02\n');
    expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect(await table('opportunities')).toEqual([{
      opportunity_id: 'O9', partner_id: 'P1', customer_name: 'Padded Name', stage: 'launched', launched_on: '2019-05-01',
      estimated_mrr_usd: '12.50', origin: 'aws_tagged', public_reference: true, public_reference_on: '2019-05-02',
    }]);
  });

  it('counts physical lines past quoted fields holding newlines', async () => {
    const csv = 'partner_id,customer_name,source,submitted_on,approved_on,url\nP1,"Two\nline name",legacy,2019-01-01,,\nP1,"Three\r\nline\nname",legacy,2019-01-01,,\nP1,Bad,legacy,2019-01-32,,\n';
    const result = await load('public_references', csv);
    expect(result.rejects).toMatchObject([{ line: 7, column: 'submitted_on', value: '2019-01-32' }]);
  });

  it('rejects the whole file over the limit (more than 1% and more than 10 rows); the previous snapshot stays', async () => {
    await load('csat_responses', GOOD.csat_responses!.csv);
    const bad = Array.from({ length: 11 }, (_, i) => `X${i},P404,2019-01-01,true,true`).join('\n');
    const result = await load('csat_responses', `response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\n${bad}\n`);
    expect(result).toMatchObject({ status: 'rejected', rowsRejected: 11, rowsLoaded: 0 });
    expect(result.error!.reason).toMatch(/over the reject limit/);
    expect((await table('csat_responses')).map((r) => r.response_id)).toEqual(['R1', 'R2']);
    // 10 rejected rows of 11 are within the limit: the good row loads
    const within = `response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nOK,P1,2019-01-01,true,true\n${bad.split('\n').slice(1).join('\n')}\n`;
    expect(await load('csat_responses', within)).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 10 });
  });
});

describe('file errors reject the file and keep the previous snapshot', () => {
  const cases: Array<[string, string | Buffer, { line: number | null; reason: RegExp }]> = [
    ['unclosed quote', 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR7,P1,2019-01-01,true,true\nR8,"P1,2019-01-01,true,true\nR9,P1,2019-01-01,true,true\n', { line: 3, reason: /unclosed quote/ }],
    ['ragged row', 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR7,P1,2019-01-01,true,true\nR8,P1,2019-01-01,true\n', { line: 3, reason: /ragged row: 4 fields where the header has 5/ }],
    ['extra field', 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR7,P1,2019-01-01,true,true,extra\n', { line: 2, reason: /ragged row: 6 fields/ }],
    ['missing required column', 'response_id,partner_id,submitted_on,email_confirmed\nR7,P1,2019-01-01,true\n', { line: 1, reason: /missing required column: aws_customer_verified/ }],
    ['empty file', '', { line: null, reason: /empty file/ }],
    // a truncated export: the header and nothing under it
    ['a header and no rows', 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\r\n', { line: null, reason: /^empty file: no rows under the header$/ }],
    ['bad encoding', Buffer.concat([Buffer.from('response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR7,P1,2019-01-01,true,true\nR\xff'), Buffer.from([0xff]), Buffer.from(',P1,2019-01-01,true,true\n')]), { line: 3, reason: /bad encoding/ }],
    ['not CSV (binary)', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]), { line: null, reason: /./ }],
  ];
  for (const [name, content, expected] of cases) {
    it(name, async () => {
      await load('csat_responses', GOOD.csat_responses!.csv);
      const result = await load('csat_responses', content);
      expect(result.status).toBe('rejected');
      expect(result.error!.reason).toMatch(expected.reason);
      if (expected.line !== null) expect(result.error!.line).toBe(expected.line);
      expect(result.error!.reason).not.toBe('');
      expect((await table('csat_responses')).map((r) => r.response_id)).toEqual(['R1', 'R2']);
    });
  }

  it('a folder named like an export is a file error, not a failure of the run', async () => {
    await load('csat_responses', GOOD.csat_responses!.csv);
    const dir = tempDir('tier-review-input-');
    fs.mkdirSync(path.join(dir, 'csat_responses.csv'));
    const runId = await startRun(database.db, 'test', {});
    const declaration = EXPORTS.find((d) => d.dataset === 'csat_responses')!;
    const result = await loadExport(database, declaration, dir, { runId, tmpDir: path.join(dir, 'tmp') });
    expect(result).toMatchObject({ status: 'rejected', error: { reason: 'unreadable: a folder, not a file' } });
    expect((await table('csat_responses')).map((r) => r.response_id)).toEqual(['R1', 'R2']);
  });

  it('an empty roster is a file error: it would remove every partner', async () => {
    const result = await load('partners', 'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email\n');
    expect(result).toMatchObject({ status: 'rejected' });
    expect(result.error!.reason).toMatch(/empty file: no rows/);
    expect(await table('partners')).toHaveLength(3);
  });

  it('a roster with no valid row is a file error, and each row’s own reason is still kept and listed', async () => {
    const result = await load('partners', 'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email\n'
      + 'P8,Eight,consulting,gold,2019-10-01,lead@eight.example\nP9,Nine,consulting,select,2019-10-01,not-an-address\n');
    expect(result).toMatchObject({ status: 'rejected', rowsRead: 2, rowsRejected: 2 });
    expect(result.error!.reason).toBe('no valid rows');
    expect(result.rejects.map((r) => [r.line, r.column])).toEqual([[2, 'current_tier'], [3, 'alliance_lead_email']]);
    const stored = await sql<{ line: string | null; column: string | null; reason: string }>`select line, "column", reason from rejects
      where run_id = (select max(run_id) from rejects where dataset = 'partners') order by line nulls first`.execute(database.db);
    expect(stored.rows.map((r) => [r.line === null ? null : Number(r.line), r.column])).toEqual([[null, null], [2, 'current_tier'], [3, 'alliance_lead_email']]);
    expect(stored.rows[0]!.reason).toBe('no valid rows');
    expect(await table('partners')).toHaveLength(3);
  });
});

describe('values round-trip exactly', () => {
  it('SQL-looking text, quotes, commas, newlines and non-ASCII', async () => {
    const names = [
      "Robert'); DROP TABLE partners;--",
      'Quote "Inc", Ltd',
      'Multi\nline\r\nname',
      'Müller Cloud GmbH — 東京 ☁',
      '$$ dollar $$ \\N backslash',
    ];
    const rows = names.map((n, i) => `P1,"${n.replace(/"/g, '""')}",legacy,2019-01-0${i + 1},,`).join('\n');
    const result = await load('public_references', `partner_id,customer_name,source,submitted_on,approved_on,url\n${rows}\n`);
    expect(result).toMatchObject({ status: 'loaded', rowsLoaded: names.length });
    expect((await table('public_references', 'submitted_on')).map((r) => r.customer_name)).toEqual(names);
    expect((await table('partners')).map((r) => r.partner_id)).toEqual(['P1', 'P2', 'P3']);
  });
});
