// Reading figures batch after batch (the next computed while one is handled): rows come in batch
// and pid order, and a batch that fails fails the read without leaving a query or a connection
// behind.
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { loadRoster, pairPoints } from '../../src/evaluation/evaluate-day.js';
import { figuresInBatches, type PointBatch } from '../../src/evaluation/figures.js';
import { ingestFolder } from '../../src/exports/ingest.js';
import { startRun } from '../../src/ledger.js';
import { RULESET_2019 } from '../../src/rules/ruleset-2019.js';
import type { PartnerFacts } from '../../src/rules/types.js';
import { openTestDatabase, tempDir } from '../helpers/database.js';

const NO_HISTORY = { from: '2019-01-02', to: '2019-01-01' };
let handle: { database: Database; close(): Promise<void> };
let roster: PartnerFacts[];

/** The roster on three days, a batch per day. */
function batches(): PointBatch[] {
  let pid = 0;
  return ['2019-11-28', '2019-11-29', '2019-11-30'].map((day) => ({
    points: roster.flatMap((facts) => pairPoints(facts, day, ++pid, RULESET_2019)),
    history: NO_HISTORY,
  }));
}

beforeAll(async () => {
  handle = await openTestDatabase();
  const runId = await startRun(handle.database.db, 'test', {});
  const result = await ingestFolder(handle.database, path.join(import.meta.dirname, '..', 'fixtures', 'e2e'), { runId, tmpDir: tempDir() });
  expect(result.rejected).toBe(false);
  roster = await loadRoster(handle.database.db);
});
afterAll(async () => handle?.close());

describe('figures in batches', () => {
  it('hands every batch over in order, each in pid order', async () => {
    const seen: string[] = [];
    await figuresInBatches(handle.database, RULESET_2019, tempDir(), batches(), async (rows, batch) => {
      for (const r of rows) seen.push(`${batch} ${r.day} ${r.partnerId}`);
    });
    const ids = roster.map((f) => f.partnerId);
    expect(seen).toEqual(['2019-11-28', '2019-11-29', '2019-11-30'].flatMap((day, batch) => ids.map((id) => `${batch} ${day} ${id}`)));
  });

  it('a failing batch fails the read; nothing is left running and the database serves the next read', async () => {
    const failure = new Error('handling failed');
    const handled = new Set<number>();
    await expect(figuresInBatches(handle.database, RULESET_2019, tempDir(), batches(), async (_rows, batch) => {
      handled.add(batch);
      if (batch === 1) throw failure;
    })).rejects.toBe(failure);
    // the batch after the failing one was computed ahead, but never handed over
    expect([...handled]).toEqual([0, 1]);
    if (handle.database.kind === 'postgres') {
      const open = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`.execute(handle.database.db);
      expect(Number(open.rows[0]!.n)).toBe(0);
    }
    let rows = 0;
    await figuresInBatches(handle.database, RULESET_2019, tempDir(), batches(), async (r) => {
      rows += r.length;
    });
    expect(rows).toBe(3 * roster.length);
  });
});
