// What COPY would accept but change (a quote out of place, a line holding only \.) is a file error,
// and file errors name the physical line, in CRLF files too.
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

const REFERENCES = 'partner_id,customer_name,source,submitted_on,approved_on,url\n';
const GOOD_REFERENCES = `${REFERENCES}P1,Customer One,legacy,2019-01-01,,\n`;
const CSAT = 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified';
const GOOD_CSAT = `${CSAT}\nR1,P1,2019-01-01,true,true\nR2,P1,2019-01-02,true,true\n`;

async function load(dataset: string, content: string, fileName = `${dataset}.csv`): Promise<FileResult> {
  const dir = tempDir('tier-review-input-');
  fs.writeFileSync(path.join(dir, fileName), fileName.endsWith('.gz') ? zlib.gzipSync(content) : content);
  const runId = await startRun(database.db, 'test', { dataset });
  try {
    return await loadExport(database, EXPORTS.find((d) => d.dataset === dataset)!, dir, { runId, tmpDir: path.join(dir, 'tmp'), force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function column(table: string, name: string, orderBy = '1'): Promise<unknown[]> {
  return (await sql.raw<Record<string, unknown>>(`select ${name} from ${table} order by ${orderBy}`).execute(database.db)).rows.map((r) => r[name]);
}

beforeAll(async () => {
  ({ database, close } = await openTestDatabase());
  const partners = await load('partners', 'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email\nP1,Acme,consulting,advanced,2019-10-01,lead@acme.example\n');
  expect(partners.status).toBe('loaded');
});
afterAll(async () => close());

describe('a quote out of place rejects the file (COPY would drop it)', () => {
  const cases: Array<[string, string, string, { line: number; column: string; reason: RegExp }]> = [
    ['inside an unquoted field', 'public_references.csv', `${GOOD_REFERENCES}P1,Acme "Best" Corp,legacy,2019-01-01,,\n`, { line: 3, column: 'customer_name', reason: /not CSV: a quote inside an unquoted field/ }],
    ['after a closing quote', 'public_references.csv', `${GOOD_REFERENCES}P1,"Zeta"Inc,legacy,2019-01-01,,\n`, { line: 3, column: 'customer_name', reason: /not CSV: characters after the closing quote/ }],
    ['before a field, after a space', 'public_references.csv', `${GOOD_REFERENCES}P1,Zeta,legacy,2019-01-01,, "https://x.example"\n`, { line: 3, column: 'url', reason: /not CSV: a quote inside an unquoted field/ }],
    ['in a gzip file', 'public_references.csv.gz', `${GOOD_REFERENCES}P1,Acme "Best" Corp,legacy,2019-01-01,,\n`, { line: 3, column: 'customer_name', reason: /not CSV: a quote inside/ }],
    ['after quoted CRLF line breaks', 'public_references.csv', `${GOOD_REFERENCES}P1,"Two\r\nlines",legacy,2019-01-02,,\nP1,"Zeta"Inc,legacy,2019-01-01,,\n`.replace(/\n/g, '\r\n').replace(/\r\r/g, '\r'), { line: 5, column: 'customer_name', reason: /after the closing quote/ }],
  ];
  for (const [name, fileName, content, expected] of cases) {
    it(name, async () => {
      expect(await load('public_references', GOOD_REFERENCES)).toMatchObject({ status: 'loaded' });
      const result = await load('public_references', content, fileName);
      expect(result.status).toBe('rejected');
      expect(result.error).toMatchObject({ line: expected.line, column: expected.column });
      expect(result.error!.reason).toMatch(expected.reason);
      expect(await column('public_references', 'customer_name')).toEqual(['Customer One']);
    });
  }

  it('quotes RFC 4180 allows still load: around a field, doubled inside it, empty, after a BOM', async () => {
    const csv = `\ufeff"partner_id",customer_name,source,submitted_on,approved_on,url\nP1,"Acme ""Best"" Corp",legacy,2019-01-01,"",\nP1,"",legacy,2019-01-02,,""\n`;
    expect(await load('public_references', csv)).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 1 });
    expect(await column('public_references', 'customer_name')).toEqual(['Acme "Best" Corp']);
  });
});

describe('a line holding only \\. rejects the file (COPY from STDIN ends the data there)', () => {
  const cases: Array<[string, string, number]> = [
    ['between rows', `${CSAT}\nR1,P1,2019-01-01,true,true\n\\.\nR3,P1,2019-01-01,true,true\n`, 3],
    ['between rows, CRLF', `${CSAT}\r\nR1,P1,2019-01-01,true,true\r\n\\.\r\nR3,P1,2019-01-01,true,true\r\n`, 3],
    ['on the last line', `${CSAT}\nR1,P1,2019-01-01,true,true\n\\.`, 3],
    ['on the last line, before blank lines', `${CSAT}\r\nR1,P1,2019-01-01,true,true\r\n\\.\r\n\r\n`, 3],
    ['after quoted CRLF line breaks', `${CSAT},note\r\nR1,P1,2019-01-01,true,true,"a\r\nb"\r\n\\.\r\nR3,P1,2019-01-01,true,true,c\r\n`, 4],
  ];
  for (const [name, content, line] of cases) {
    it(name, async () => {
      expect(await load('csat_responses', GOOD_CSAT)).toMatchObject({ status: 'loaded' });
      const result = await load('csat_responses', content);
      expect(result.status).toBe('rejected');
      expect(result.error).toMatchObject({ line, column: null });
      expect(result.error!.reason).toMatch(/a line holding only \\\. \(the end-of-data marker/);
      expect(await column('csat_responses', 'response_id')).toEqual(['R1', 'R2']);
    });
  }

  it('\\. as a value loads: quoted, inside a quoted field, or with more on its line', async () => {
    const csv = `${CSAT},note\n"\\.",P1,2019-01-01,true,true,\nR2,P1,2019-01-01,true,true,"a\n\\.\nb"\n\\.x,P1,2019-01-01,true,true,\\.\n`;
    expect(await load('csat_responses', csv)).toMatchObject({ status: 'loaded', rowsRead: 3, rowsLoaded: 3 });
    expect(await column('csat_responses', 'response_id')).toEqual(['R2', '\\.', '\\.x']);
  });
});

describe('file errors name the physical line in CRLF files with quoted line breaks', () => {
  // header (line 1), a record on lines 2-4, a good record (line 5), the fault (line 6)
  const before = `${CSAT},note\r\nR1,P1,2019-01-01,true,true,"a\r\nb\r\nc"\r\nR2,P1,2019-01-01,true,true,x\r\n`;
  const cases: Array<[string, string, { line: number; reason: RegExp }]> = [
    ['ragged row', `${before}R3,P1,2019-01-01,true\r\n`, { line: 6, reason: /ragged row: 4 fields where the header has 6/ }],
    ['unclosed quote', `${before}R3,P1,2019-01-01,true,true,"x\r\nR4,P1,2019-01-01,true,true,y\r\n`, { line: 6, reason: /unclosed quote/ }],
    ['ragged row holding quoted line breaks: its first line', `${before}R3,P1,"2019-01-01\r\n",true\r\n`, { line: 6, reason: /ragged row/ }],
  ];
  for (const [name, content, expected] of cases) {
    it(name, async () => {
      const result = await load('csat_responses', content);
      expect(result.status).toBe('rejected');
      expect(result.error!.line).toBe(expected.line);
      expect(result.error!.reason).toMatch(expected.reason);
    });
  }

  it('a quoted CRLF in the header shifts no row reject', async () => {
    const csv = `${CSAT},"no\r\nte"\r\nR1,P1,2019-01-01,true,true,x\r\nR2,P404,2019-01-01,true,true,"y\r\nz"\r\nR3,P1,2019-01-01,maybe,true,\r\n`;
    const result = await load('csat_responses', csv);
    expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 2 });
    expect(result.rejects).toMatchObject([{ line: 4, column: 'partner_id' }, { line: 6, column: 'email_confirmed' }]);
  });

  it('an unclosed quote in the header names its line', async () => {
    const result = await load('csat_responses', `${CSAT},"a\r\nb",c,"d\r\nR1,P1,2019-01-01,true,true,x,y\r\n`);
    expect(result.status).toBe('rejected');
    expect(result.error).toMatchObject({ line: 2 });
    expect(result.error!.reason).toMatch(/unreadable header/);
  });
});
