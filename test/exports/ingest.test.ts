// A folder's ingest, one lane and two: the files after the roster are staged while it loads, and
// are checked against the roster in force after it.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { ingestFolder } from '../../src/exports/ingest.js';
import { startRun } from '../../src/ledger.js';
import { failingCommits, openTestDatabase, tempDir } from '../helpers/database.js';

const HEADER = 'partner_id,partner_name,partner_type,current_tier,renewal_date,alliance_lead_email\n';
const P1 = 'P1,Acme,consulting,advanced,2019-10-01,lead@acme.example\n';
const P2 = 'P2,Beta,technology,select,2020-02-29,lead@beta.example\n';
const CERTIFICATIONS = 'partner_id,person_email,credential,issued_on\nP1,a@acme.example,SAP,2019-01-01\nP2,b@beta.example,SAP,2019-01-01\n';

for (const lanes of [1, 2]) {
  describe(`ingest on ${lanes} lane${lanes > 1 ? 's' : ''}`, () => {
    let database: Database;
    let close: () => Promise<void>;
    const dir = tempDir('tier-review-folder-');
    beforeAll(async () => ({ database, close } = await openTestDatabase()));
    afterAll(async () => {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function ingest(files: Record<string, string>) {
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
      const runId = await startRun(database.db, 'ingest', {});
      const result = await ingestFolder(database, dir, { runId, tmpDir: path.join(dir, 'tmp'), lanes });
      return Object.fromEntries(result.files.map((f) => [f.dataset, f]));
    }

    it('a row rejected for an unknown partner loads once the roster has the partner, from the same file', async () => {
      const first = await ingest({ 'partners.csv': HEADER + P1, 'certifications.csv': CERTIFICATIONS });
      expect(first.certifications).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 1 });

      const second = await ingest({ 'partners.csv': HEADER + P1 + P2 });
      expect(second.partners!.status).toBe('loaded');
      expect(second.certifications).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });

      const third = await ingest({});
      expect([third.partners!.status, third.certifications!.status]).toEqual(['unchanged', 'unchanged']);
    });

    it('a file coming back unchanged after the roster gained a partner (in a run without that file) is checked again', async () => {
      fs.rmSync(path.join(dir, 'certifications.csv'), { force: true });
      const FEES = 'partner_id,membership_year_start,paid_on,amount_usd\nP1,2019-10-01,2019-10-15,2500\nP3,2019-10-01,2019-10-15,2500\n';
      const first = await ingest({ 'fee_payments.csv': FEES });
      expect(first.fee_payments).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 1 });
      // the roster gains P3 in a run that has no fee_payments.csv
      fs.rmSync(path.join(dir, 'fee_payments.csv'));
      const second = await ingest({ 'partners.csv': HEADER + P1 + P2 + 'P3,Gamma,consulting,select,2019-10-01,lead@gamma.example\n' });
      expect([second.partners!.status, second.fee_payments!.status]).toEqual(['loaded', 'absent']);
      // the same file again: checked against the roster now in force
      const third = await ingest({ 'fee_payments.csv': FEES });
      expect(third.fee_payments).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
      const fourth = await ingest({});
      expect(fourth.fee_payments!.status).toBe('unchanged');
    });

    it('domain revenue is attributed through the domains loaded in the same run', async () => {
      const files = await ingest({
        'partner_domains.csv': 'partner_id,domain\nP2,beta.example\n',
        'domain_revenue.csv': 'domain,aws_account_id,month,charge_type,credit_type,amount_usd\nbeta.example,123456789012,2019-05,usage,,100\nnobody.example,123456789012,2019-05,usage,,5\n',
      });
      expect(files.domain_revenue).toMatchObject({ status: 'loaded', rowsLoaded: 2, unmatched: { rows: 1, domains: 1 } });
      const owners = (await sql<{ domain: string; partner_id: string | null }>`select domain, partner_id from domain_revenue order by domain`.execute(database.db)).rows;
      expect(owners).toEqual([{ domain: 'beta.example', partner_id: 'P2' }, { domain: 'nobody.example', partner_id: null }]);
    });

    it('a file coming back unchanged after the roster lost a partner (in a run without that file) is checked again', async () => {
      const CSAT = 'response_id,partner_id,submitted_on,email_confirmed,aws_customer_verified\nR1,P1,2019-05-01,true,true\nR2,P2,2019-05-01,true,true\n';
      const first = await ingest({ 'partners.csv': HEADER + P1 + P2, 'csat_responses.csv': CSAT });
      expect(first.csat_responses).toMatchObject({ status: 'loaded', rowsLoaded: 2, rowsRejected: 0 });
      // the roster loses P2 in a run that has no csat_responses.csv (as when a run fails after storing the roster)
      fs.rmSync(path.join(dir, 'csat_responses.csv'));
      const second = await ingest({ 'partners.csv': HEADER + P1 });
      expect([second.partners!.status, second.csat_responses!.status]).toEqual(['loaded', 'absent']);
      const third = await ingest({ 'csat_responses.csv': CSAT });
      expect(third.csat_responses).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 1 });
      expect(third.csat_responses!.rejects[0]).toMatchObject({ line: 3, column: 'partner_id' });
      const stored = await sql<{ partner_id: string }>`select partner_id from csat_responses order by 1`.execute(database.db);
      expect(stored.rows.map((r) => r.partner_id)).toEqual(['P1']);
      expect((await ingest({})).csat_responses!.status).toBe('unchanged');
    });

    it('a store that fails fails the ingest naming the file, and leaves no scratch table behind', async () => {
      const failing = failingCommits(database, 'the run lost its lock');
      for (const [name, content] of Object.entries({ 'partners.csv': HEADER + P1 + 'P9,Nu,consulting,select,2019-10-01,lead@nu.example\n', 'certifications.csv': CERTIFICATIONS + 'P1,c@acme.example,SAA,2019-02-01\n' })) {
        fs.writeFileSync(path.join(dir, name), content);
      }
      const before = await sql<{ n: string }>`select count(*) as n from certifications`.execute(database.db);
      const runId = await startRun(database.db, 'ingest', {});
      await expect(ingestFolder(failing, dir, { runId, tmpDir: path.join(dir, 'tmp'), lanes })).rejects.toThrow(/^loading partners\.csv: the run lost its lock$/);
      const scratch = await sql<{ name: string }>`select relname as name from pg_class
        where relkind in ('r', 'S') and (relname like 'stage\_%' or relname like 'next\_%')`.execute(database.db);
      expect(scratch.rows).toEqual([]);
      expect((await sql<{ n: string }>`select count(*) as n from certifications`.execute(database.db)).rows).toEqual(before.rows);
      expect((await sql<{ n: string }>`select count(*) as n from partners where partner_id = 'P9'`.execute(database.db)).rows[0]!.n).toBe('0');
    });
  });
}
