// Storing one evaluated day into the range history, set-based: a partner whose evaluation equals
// that of the range covering or touching the day extends it; otherwise the covering range is split
// around the day. Rerunning a day replaces that day's evaluation and nothing else.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { IsoDate } from '../rules/types.js';
import type { StoredState } from './stored-form.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Writes the staged day D into partner_status and marks D evaluated. Run inside a transaction.
 * With `wholeRoster`, the staged partners are all that was evaluated on D: anyone else loses D.
 * Without it (a backfill re-evaluating only the partners that may have changed), the others keep
 * what the caller stored for them.
 */
export async function commitDay(trx: Transaction<Schema>, day: IsoDate, runId: string | null, wholeRoster = true): Promise<void> {
  const d = sql`${day}::date`;
  // 1. The day leaves every range holding it (split around it); partners no longer on the roster
  //    lose that day too, since they were not evaluated on it.
  await sql`create temp table if not exists split_ranges (partner_id text, valid_from date, valid_to date, state text, premier_met boolean) on commit drop`.execute(trx);
  await sql`with removed as (
      delete from partner_status s where s.valid_from <= ${d} and s.valid_to >= ${d}
        and not exists (select 1 from evaluation_day n where n.partner_id = s.partner_id and n.state = s.state and n.premier_met = s.premier_met)
        ${wholeRoster ? sql`` : sql`and exists (select 1 from evaluation_day n where n.partner_id = s.partner_id)`}
      returning s.*)
    insert into split_ranges select partner_id, valid_from, valid_to, state, premier_met from removed`.execute(trx);
  await sql`insert into partner_status (partner_id, valid_from, valid_to, state, premier_met)
    select partner_id, valid_from, ${d} - 1, state, premier_met from split_ranges where valid_from < ${d}
    union all
    select partner_id, ${d} + 1, valid_to, state, premier_met from split_ranges where valid_to > ${d}`.execute(trx);
  // 2. The day joins an equal range ending the day before, or one starting the day after, or both
  //    (then they merge), or starts a range of its own. Partners whose covering range was equal
  //    kept it in step 1 and are done.
  await sql`create temp table if not exists day_pending (partner_id text primary key, state text, premier_met boolean) on commit drop`.execute(trx);
  await sql`insert into day_pending select n.partner_id, n.state, n.premier_met from evaluation_day n
    where not exists (select 1 from partner_status s where s.partner_id = n.partner_id and s.valid_from <= ${d} and s.valid_to >= ${d})`.execute(trx);
  // an equal range starting the day after is absorbed: removed here, its end carried over
  await sql`create temp table if not exists day_after (partner_id text primary key, valid_to date) on commit drop`.execute(trx);
  await sql`with absorbed as (
      delete from partner_status s using day_pending n
      where s.partner_id = n.partner_id and s.valid_from = ${d} + 1 and s.state = n.state and s.premier_met = n.premier_met
      returning s.partner_id, s.valid_to)
    insert into day_after select * from absorbed`.execute(trx);
  await sql`update partner_status s set valid_to = coalesce(a.valid_to, ${d})
    from day_pending n left join day_after a on a.partner_id = n.partner_id
    where s.partner_id = n.partner_id and s.valid_to = ${d} - 1 and s.state = n.state and s.premier_met = n.premier_met`.execute(trx);
  await sql`insert into partner_status (partner_id, valid_from, valid_to, state, premier_met)
    select n.partner_id, ${d}, coalesce(a.valid_to, ${d}), n.state, n.premier_met
    from day_pending n left join day_after a on a.partner_id = n.partner_id
    where not exists (select 1 from partner_status s where s.partner_id = n.partner_id and s.valid_from <= ${d} and s.valid_to >= ${d})`.execute(trx);
  await sql`insert into evaluated_days (as_of, evaluated_at, run_id) values (${d}, now(), ${runId})
    on conflict (as_of) do update set evaluated_at = excluded.evaluated_at, run_id = excluded.run_id`.execute(trx);
}

/** Joins the ranges ending on `day` to equal ranges starting the day after. */
export async function mergeAfter(db: Db, day: IsoDate): Promise<void> {
  await sql`with later as (
      delete from partner_status s using partner_status e
      where s.valid_from = ${day}::date + 1 and e.partner_id = s.partner_id and e.valid_to = ${day}::date
        and e.state = s.state and e.premier_met = s.premier_met
      returning s.partner_id, s.valid_to)
    update partner_status e set valid_to = later.valid_to from later
    where e.partner_id = later.partner_id and e.valid_to = ${day}::date`.execute(db);
}

export async function isEvaluated(db: Db, day: IsoDate): Promise<boolean> {
  const row = await sql<{ one: number }>`select 1 as one from evaluated_days where as_of = ${day}::date`.execute(db);
  return row.rows.length > 0;
}

/** The stored states of D of a page of partners (keyset: partner_id after `after`), in order. */
export async function readDayPage(db: Db, day: IsoDate, after: string | null, limit: number, partner?: string): Promise<Array<{ state: StoredState; premierMet: boolean }>> {
  const rows = await sql<{ state: StoredState | string; premier_met: boolean }>`
    select state, premier_met from partner_status
    where valid_from <= ${day}::date and valid_to >= ${day}::date
      ${after === null ? sql`` : sql`and partner_id > ${after}`}
      ${partner === undefined ? sql`` : sql`and partner_id = ${partner}`}
    order by partner_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ state: typeof r.state === 'string' ? JSON.parse(r.state) : r.state, premierMet: r.premier_met }));
}

/**
 * Per partner of `partners`, the stored days of [from, to] and how many of them had the premier
 * criteria met.
 */
export async function premierHistory(db: Db, from: IsoDate, to: IsoDate, partners: readonly string[]): Promise<Map<string, { covered: number; met: number }>> {
  if (from > to) return new Map();
  const rows = await sql<{ partner_id: string; covered: string; met: string }>`
    select s.partner_id,
      sum(least(s.valid_to, ${to}::date) - greatest(s.valid_from, ${from}::date) + 1) as covered,
      coalesce(sum(least(s.valid_to, ${to}::date) - greatest(s.valid_from, ${from}::date) + 1) filter (where s.premier_met), 0) as met
    from partner_status s
    where s.valid_to >= ${from}::date and s.valid_from <= ${to}::date
      and s.partner_id = any(${partners as string[]}::text[])
    group by s.partner_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.partner_id, { covered: Number(r.covered), met: Number(r.met) }]));
}
