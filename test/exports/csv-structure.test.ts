// File errors name the physical line, in CRLF files too.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { EXPORTS } from '../../src/exports/index.js';
import { loadExport, type FileResult } from '../../src/exports/loader.js';
import { startRun } from '../../src/ledger.js';
import { openTestDatabase, tempDir } from '../helpers/database.js';

let database: Database;
let close: () => Promise<void>;

const CSAT = 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified';

async function load(dataset: string, content: string, fileName = `${dataset}.csv`): Promise<FileResult> {
  const dir = tempDir('tier-review-input-');
  fs.writeFileSync(path.join(dir, fileName), content);
  const runId = await startRun(database.db, 'test', { dataset });
  try {
    return await loadExport(database, EXPORTS.find((d) => d.dataset === dataset)!, dir, { runId, tmpDir: path.join(dir, 'tmp'), force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  ({ database, close } = await openTestDatabase());
  const partners = await load('partners', 'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email\nP1,Acme,consulting,advanced,2019-10-01,lead@acme.example\n');
  expect(partners.status).toBe('loaded');
});
afterAll(async () => close());

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
