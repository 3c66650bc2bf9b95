// The range history. A partner's status range [valid_from, valid_to] says: on every *evaluated*
// day within it, the partner's stored state was this one. A range may reach over days that were
// never evaluated (up to 'infinity' for the latest), which tell nothing: the evaluated days are
// those of evaluated_days. So a night whose evaluation of a partner equals the range already
// reaching over it writes nothing for that partner, and storage grows with changes, not with
// partners × days. Rerunning a day replaces that day's evaluation and nothing else.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { IsoDate } from '../rules/types.js';
import { decodeState, type StoredHistory, type StoredState } from './stored-form.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/** No evaluated day lies strictly between the end of range `a` and the start of range `b`. */
const adjacent = (a: string, b: string) =>
  `not exists (select 1 from evaluated_days e where e.as_of > ${a}.valid_to and e.as_of < ${b}.valid_from)`;

/**
 * The evaluation's statements are planned as costly (joins over many thousands of rows), which
 * turns JIT compilation on; compiling them takes longer than it saves (seconds on the figures).
 */
export async function withoutJit(trx: Transaction<Schema>): Promise<void> {
  await sql`set local jit = off`.execute(trx);
}

/**
 * Writes the staged day D (evaluation_day) into partner_status and marks D evaluated. Run inside a
 * transaction. The staged partners are all that was evaluated on D: a range of anyone else stops
 * holding D.
 */
export async function commitDay(trx: Transaction<Schema>, day: IsoDate, runId: string | null): Promise<void> {
  const d = sql`${day}::date`;
  await withoutJit(trx);
  await sql`insert into evaluated_days (as_of, evaluated_at, run_id) values (${d}, now(), ${runId})
    on conflict (as_of) do update set evaluated_at = excluded.evaluated_at, run_id = excluded.run_id`.execute(trx);
  // 1. A range holding D with another state (or held by a partner not evaluated on D) is cut
  //    around D: its part before D stays, and its part after D stays only if
  //    an evaluated day lies there.
  await sql`create temp table if not exists cut_ranges (partner_id text, valid_from date, valid_to date, state text, premier_met boolean) on commit drop`.execute(trx);
  await sql`with removed as (
      delete from partner_status s where s.valid_from <= ${d} and s.valid_to >= ${d}
        and not exists (select 1 from evaluation_day n where n.partner_id = s.partner_id and n.state = s.state and n.premier_met = s.premier_met)
      returning s.*)
    insert into cut_ranges select partner_id, valid_from, valid_to, state, premier_met from removed`.execute(trx);
  await sql`insert into partner_status (partner_id, valid_from, valid_to, state, premier_met)
    select partner_id, valid_from, ${d} - 1, state, premier_met from cut_ranges where valid_from < ${d}
    union all
    select partner_id, ${d} + 1, valid_to, state, premier_met from cut_ranges c
      where exists (select 1 from evaluated_days e where e.as_of > ${d} and e.as_of <= c.valid_to)`.execute(trx);
  await sql`truncate cut_ranges`.execute(trx);
  // 2. Staged partners without a range holding D get one from D, reaching over the days after D
  //    up to the next evaluated day or the partner's next range. Listed first, then inserted: a
  //    statement inserting into the table it reads may be planned (on stale statistics) to rescan
  //    its own growing output for every row.
  await sql`create temp table if not exists new_ranges (partner_id text collate "C", valid_from date, valid_to date, state text, premier_met boolean) on commit drop`.execute(trx);
  await sql`insert into new_ranges
    select n.partner_id, ${d},
      least(
        coalesce((select min(e.as_of) - 1 from evaluated_days e where e.as_of > ${d}), 'infinity'::date),
        coalesce((select min(s.valid_from) - 1 from partner_status s where s.partner_id = n.partner_id and s.valid_from > ${d}), 'infinity'::date)),
      n.state, n.premier_met
    from evaluation_day n
    where not exists (select 1 from partner_status s where s.partner_id = n.partner_id and s.valid_from <= ${d} and s.valid_to >= ${d})`.execute(trx);
  await sql`insert into partner_status (partner_id, valid_from, valid_to, state, premier_met) select * from new_ranges`.execute(trx);
  await sql`truncate new_ranges`.execute(trx);
  // 3. The range holding D joins the range before it, then the one after it, when they hold the
  //    same state with nothing evaluated between them.
  await mergeWithNeighbour(trx, day, 'before');
  await mergeWithNeighbour(trx, day, 'after');
}

/**
 * For each staged partner, the range holding D and its neighbour (found through the primary key)
 * become one when they hold the same state and nothing evaluated lies between them: the earlier
 * of the two is kept and reaches to the later one's end.
 */
async function mergeWithNeighbour(trx: Transaction<Schema>, day: IsoDate, side: 'before' | 'after'): Promise<void> {
  const before = side === 'before';
  const neighbour = before
    ? sql.raw('o.valid_from < c.valid_from order by o.valid_from desc')
    : sql.raw('o.valid_from > c.valid_to order by o.valid_from');
  const [first, second] = before ? ['o', 'c'] : ['c', 'o'];
  await sql`with cur as (
      select s.partner_id, s.valid_from, s.valid_to, s.state, s.premier_met from partner_status s
      where s.valid_from <= ${day}::date and s.valid_to >= ${day}::date and s.partner_id in (select partner_id from evaluation_day)),
    pairs as (
      select c.partner_id, ${sql.raw(first)}.valid_from as keep_from, ${sql.raw(second)}.valid_from as drop_from, ${sql.raw(second)}.valid_to as new_to
      from cur c cross join lateral (
        select * from partner_status o where o.partner_id = c.partner_id and ${neighbour} limit 1) o
      where o.state = c.state and o.premier_met = c.premier_met and ${sql.raw(adjacent(first, second))}),
    gone as (delete from partner_status s using pairs x where s.partner_id = x.partner_id and s.valid_from = x.drop_from)
    update partner_status s set valid_to = x.new_to from pairs x where s.partner_id = x.partner_id and s.valid_from = x.keep_from`.execute(trx);
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
  const rows = await sql<{ state: string; premier_met: boolean }>`
    select state, premier_met from partner_status
    where valid_from <= ${day}::date and valid_to >= ${day}::date
      ${after === null ? sql`` : sql`and partner_id > ${after}`}
      ${partner === undefined ? sql`` : sql`and partner_id = ${partner}`}
    order by partner_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ state: decodeState(r.state), premierMet: r.premier_met }));
}

/**
 * Per partner, the evaluated days of [from, to] its ranges hold, and how many of them had the
 * premier criteria met. Days are counted in evaluated_days (a range may reach over days never
 * evaluated): a running count over the period turns each range into two look-ups.
 */
export function storedDaysSql(from: IsoDate, to: IsoDate, partnerFilter: string): string {
  const f = `'${from}'::date`;
  const t = `'${to}'::date`;
  return `with ev as (
      select g.day::date as day, count(e.as_of) over (order by g.day) as cum
      from generate_series(${f} - 1, ${t}, interval '1 day') g(day)
      left join evaluated_days e on e.as_of = g.day::date)
    select s.partner_id, sum(hi.cum - lo.cum) as stored_days,
      coalesce(sum(hi.cum - lo.cum) filter (where s.premier_met), 0) as stored_met
    from partner_status s
    join ev hi on hi.day = least(s.valid_to, ${t})
    join ev lo on lo.day = greatest(s.valid_from, ${f}) - 1
    where s.valid_to >= ${f} and s.valid_from <= ${t} and ${partnerFilter}
    group by s.partner_id`;
}

export async function premierHistory(db: Db, from: IsoDate, to: IsoDate, partners: readonly string[]): Promise<Map<string, StoredHistory>> {
  if (from > to || partners.length === 0) return new Map();
  // a page's partners come in partner order: one range of the primary key, not a long IN list
  const quote = (p: string) => `'${p.replace(/'/g, "''")}'`;
  const filter = `s.partner_id between ${quote(partners[0]!)} and ${quote(partners.at(-1)!)}`;
  const rows = await sql.raw<{ partner_id: string; stored_days: string; stored_met: string }>(storedDaysSql(from, to, filter)).execute(db);
  return new Map(rows.rows.map((r) => [r.partner_id, { storedDays: Number(r.stored_days), storedDaysMet: Number(r.stored_met) }]));
}
