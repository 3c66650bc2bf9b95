// The backfill evaluates a partner only on the days it may change. This proves that it stores
// exactly what a full evaluation of every day stores, over a year that holds the 2019 transition,
// the end of legacy credits and 29 February, on generated data.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import type { Database } from '../../src/db/connect.js';
import { backfill } from '../../src/evaluation/backfill.js';
import { evaluateAndStoreDay } from '../../src/evaluation/evaluate-day.js';
import { ingestFolder } from '../../src/exports/ingest.js';
import { startRun } from '../../src/ledger.js';
import { addDays, compareDates } from '../../src/rules/dates.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import { openTestDatabase, tempDir } from '../helpers/database.js';

const FROM = '2019-06-01';
const TO = '2020-05-31';
const options = { ruleSet: RULESET_2019, horizonDays: 90, runId: null, tmpDir: tempDir('tier-review-tmp-') };

let reused: { database: Database; close(): Promise<void> };
let full: { database: Database; close(): Promise<void> };

async function history(database: Database): Promise<unknown[]> {
  return (await sql`select partner_id, valid_from, valid_to, state, premier_met from partner_status order by 1, 2`.execute(database.db)).rows;
}

beforeAll(async () => {
  const input = tempDir('tier-review-gen-');
  await generate({ scale: 40, outDir: input, seed: 7, asOf: '2019-11-30', badRate: 0 });
  reused = await openTestDatabase();
  full = await openTestDatabase();
  for (const { database } of [reused, full]) {
    const runId = await startRun(database.db, 'test', {});
    const result = await ingestFolder(database, input, { runId, tmpDir: tempDir() });
    expect(result.rejected).toBe(false);
  }
});
afterAll(async () => {
  await reused?.close();
  await full?.close();
});

describe('backfill reusing work across days', () => {
  it('stores what a full evaluation of every day stores', async () => {
    await backfill(reused.database, FROM, TO, options);
    for (let day = FROM; compareDates(day, TO) <= 0; day = addDays(day, 1)) await evaluateAndStoreDay(full.database, day, options);
    const expected = await history(full.database);
    expect(expected.length).toBeGreaterThan(40);
    expect(await history(reused.database)).toEqual(expected);
  });

  it('a rerun of a range inside the history changes nothing', async () => {
    const before = await history(reused.database);
    await backfill(reused.database, '2019-09-10', '2019-12-20', options);
    expect(await history(reused.database)).toEqual(before);
  });
});
