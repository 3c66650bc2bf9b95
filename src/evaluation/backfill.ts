// Backfill: every day of a range evaluated and stored, reusing work across days. A partner's
// stored evaluation can only change on a day when something of it changes: an item is dated that
// day, leaves the window or expires, a renewal anniversary or a date derived from it passes, a
// complete revenue month is added or leaves. (What is stored is the evaluation's inputs, see
// stored-form.ts; sustained attainment is derived from the stored days when read, so what is
// stored for a day does not depend on the days before it.) Those days are listed for every
// partner at once, set-based; on any other day the partner's status range is simply extended.
// The change days of many days are evaluated in one figures query, the next batch computed by the
// server while the job handles the current one; only the evaluations that differ from the
// partner's previous one are kept, and the ranges are written set-based at the end. The list may
// hold more days than needed (that only costs time), never fewer: a test compares the result
// with a full evaluation of every day.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { rowFile } from '../db/copy-rows.js';
import type { Schema } from '../db/schema.js';
import { addDays, anniversaryInYear, compareDates, daysBetween, yearOf } from '../rules/dates.js';
import { evaluationPoints } from '../rules/points.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { IsoDate, PartnerFacts } from '../rules/types.js';
import type { Database } from '../db/connect.js';
import { EXPORTS } from '../exports/index.js';
import { partnerIndexName } from '../exports/loader.js';
import { feesKnown, loadRoster, pairPoints, stageEvaluation, storedStateOf, type EvaluateOptions } from './evaluate-day.js';
import { figuresInBatches, type PointRow } from './figures.js';
import { commitDay, mergeAfter, withoutJit } from './history.js';
import { encodeState, premierMetOn } from './stored-form.js';

type Db = Kysely<Schema>;

/** Removes every stored day of [from, to], splitting the ranges that reach across it. */
async function trimHistory(trx: Transaction<Schema>, from: IsoDate, to: IsoDate): Promise<void> {
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  // a range reaching over both ends keeps its part after the range as a new range
  await sql`insert into partner_status (partner_id, valid_from, valid_to, state, premier_met)
    select partner_id, ${t} + 1, valid_to, state, premier_met from partner_status
    where valid_from < ${f} and valid_to > ${t}`.execute(trx);
  await sql`update partner_status set valid_to = ${f} - 1 where valid_from < ${f} and valid_to >= ${f}`.execute(trx);
  await sql`delete from partner_status where valid_from >= ${f} and valid_to <= ${t}`.execute(trx);
  await sql`update partner_status set valid_from = ${t} + 1 where valid_from >= ${f} and valid_from <= ${t}`.execute(trx);
  await sql`delete from evaluated_days where as_of between ${f} and ${t}`.execute(trx);
  // a cut range left holding no evaluated day tells nothing: it goes
  await sql`delete from partner_status s where (s.valid_from = ${t} + 1 or s.valid_to = ${f} - 1)
    and not exists (select 1 from evaluated_days e where e.as_of between s.valid_from and s.valid_to)`.execute(trx);
}

/** Days of (from, to] on which the revenue months counted at D differ from those at D − 1. */
function revenueChangeDays(from: IsoDate, to: IsoDate, ruleSet: RuleSet): IsoDate[] {
  const probe: PartnerFacts = {
    partnerId: '', partnerName: '', partnerType: 'technology', currentTier: 'registered', renewalDate: null,
    allianceLeadEmail: '', partnerManagerEmail: null, businessPlanSignedOn: null, gaProductCount: 0, ebrCompletedOn: null, tierSince: null,
  };
  const days: IsoDate[] = [];
  let previous = evaluationPoints(probe, from, ruleSet)[0]!;
  for (let day = addDays(from, 1); compareDates(day, to) <= 0; day = addDays(day, 1)) {
    const point = evaluationPoints(probe, day, ruleSet)[0]!;
    if (point.revenueMonthFrom !== previous.revenueMonthFrom || point.revenueMonthTo !== previous.revenueMonthTo
      || point.legacyCreditsActive !== previous.legacyCreditsActive) days.push(day);
    previous = point;
  }
  return days;
}

/** Partner-level change days: from its dates (renewal anniversaries and what follows them). */
function partnerChangeDays(facts: PartnerFacts, from: IsoDate, to: IsoDate, options: EvaluateOptions): IsoDate[] {
  const { ruleSet, horizonDays } = options;
  const days: IsoDate[] = [];
  const dated = [facts.businessPlanSignedOn, facts.ebrCompletedOn, facts.tierSince];
  for (const d of dated) if (d !== null) days.push(d, addDays(d, 1));
  if (facts.businessPlanSignedOn !== null) {
    const leaves = anniversaryInYear(facts.businessPlanSignedOn, yearOf(facts.businessPlanSignedOn) + ruleSet.windowMonths / 12);
    days.push(leaves, addDays(leaves, 1));
  }
  const anniversaries: IsoDate[] = [];
  if (facts.renewalDate !== null) {
    for (let y = yearOf(from) - 1; y <= yearOf(to) + 1; y++) anniversaries.push(anniversaryInYear(facts.renewalDate, y));
  }
  for (const t of ruleSet.reviewTransitions) anniversaries.push(t.reviewOn);
  for (const a of anniversaries) {
    // billing and review move on and the day after; grace ends; the at_risk horizon is reached
    days.push(a, addDays(a, 1), addDays(a, ruleSet.fee.graceDays), addDays(a, ruleSet.fee.graceDays + 1), addDays(a, -horizonDays), addDays(a, -horizonDays + 1));
  }
  return days.filter((d) => compareDates(d, from) > 0 && compareDates(d, to) <= 0);
}

/** Fills backfill_events with the (partner, day) pairs of (from, to] on which a partner may change. */
async function listChangeDays(db: Db, roster: readonly PartnerFacts[], from: IsoDate, to: IsoDate, options: EvaluateOptions): Promise<void> {
  await sql`truncate backfill_events`.execute(db);
  const f = sql`${from}::date`;
  const t = sql`${to}::date`;
  // An item dated X enters on X and leaves on X + 1 year (or the day after, for 29 February); a
  // held one enters on its start and leaves the day after it expires. One scan per table and date.
  const dated = (table: string, column: string, where = 'true') => sql.raw(`
    select t.partner_id, v.day from ${table} t cross join lateral (values
      (t.${column}), ((t.${column} + interval '1 year')::date), ((t.${column} + interval '1 year')::date + 1)) v(day)
    where ${where} and t.${column} is not null`);
  const held = (table: string, start: string) => sql.raw(`
    select t.partner_id, v.day from ${table} t cross join lateral (values (t.${start}), (t.expires_on + 1)) v(day)`);
  await sql`insert into backfill_events (partner_id, day)
    select distinct e.partner_id, e.day from (
      ${held('certifications', 'issued_on')}
      union all ${held('program_validations', 'validated_on')}
      union all ${dated('opportunities', 'launched_on', "t.stage = 'launched'")}
      union all ${dated('opportunities', 'public_reference_on', "t.stage = 'launched' and t.public_reference")}
      union all ${dated('legacy_revenue_submissions', 'submitted_on')}
      union all ${dated('public_references', 'submitted_on')}
      union all ${dated('public_references', 'approved_on')}
      union all ${dated('csat_responses', 'submitted_on')}
      union all select partner_id, paid_on from fee_payments
    ) e join partners p on p.partner_id = e.partner_id
    where e.day > ${f} and e.day <= ${t}
    on conflict do nothing`.execute(db);
  // Days on which the counted revenue months or legacy credits change, for partners with either.
  const global = revenueChangeDays(from, to, options.ruleSet);
  if (global.length > 0) {
    await sql`insert into backfill_events (partner_id, day)
      select p.partner_id, d.day from (
        select distinct partner_id from domain_revenue where partner_id is not null
        union select distinct partner_id from legacy_revenue_submissions) p
      cross join unnest(${global}::date[]) d(day)
      where p.partner_id in (select partner_id from partners)
      on conflict do nothing`.execute(db);
  }
  // sent 50,000 pairs at a time, so memory does not grow with the roster or the range
  let ids: string[] = [];
  let days: IsoDate[] = [];
  const flush = async () => {
    if (ids.length === 0) return;
    await sql`insert into backfill_events (partner_id, day)
      select * from unnest(${ids}::text[], ${days}::date[]) on conflict do nothing`.execute(db);
    ids = [];
    days = [];
  };
  for (const facts of roster) {
    for (const day of partnerChangeDays(facts, from, to, options)) {
      ids.push(facts.partnerId);
      days.push(day);
    }
    if (ids.length >= 50_000) await flush();
  }
  await flush();
}

export interface BackfillProgress {
  day: IsoDate;
  done: number;
  total: number;
  evaluated: number;
}

/**
 * A backfill evaluates only the partners that may have changed: when a batch holds a small part
 * of the roster, their evidence is looked up through an index on partner_id instead of scanned.
 * The indexes are built here, not at ingest (which drops them), so the nightly load stays lean.
 */
async function ensurePartnerIndexes(db: Db): Promise<void> {
  for (const declaration of EXPORTS) {
    if (!declaration.partnerColumn && declaration.attribution?.column !== 'partner_id') continue;
    if (declaration.dataset === 'partner_domains') continue;
    await sql.raw(`create index if not exists ${partnerIndexName(declaration.dataset)} on ${declaration.dataset} (partner_id)`).execute(db);
  }
}

/** How many (partner, day) pairs one figures query takes: the days of a backfill are batched up to it. */
const PAIRS_PER_BATCH = 200_000;
const ROSTER_PARTS = 2;

/** Consecutive days of (from, to], each batch holding about PAIRS_PER_BATCH pairs. */
async function dayBatches(db: Db, from: IsoDate, to: IsoDate): Promise<Array<Array<{ day: IsoDate; pairs: number }>>> {
  const counts = new Map((await sql<{ day: IsoDate; pairs: string }>`select day, count(*) as pairs from backfill_events group by day`.execute(db)).rows
    .map((r) => [r.day, Number(r.pairs)]));
  const batches: Array<Array<{ day: IsoDate; pairs: number }>> = [];
  let batch: Array<{ day: IsoDate; pairs: number }> = [];
  let pairs = 0;
  for (let day = addDays(from, 1); compareDates(day, to) <= 0; day = addDays(day, 1)) {
    const n = counts.get(day) ?? 0;
    if (batch.length > 0 && pairs + n > PAIRS_PER_BATCH) {
      batches.push(batch);
      batch = [];
      pairs = 0;
    }
    batch.push({ day, pairs: n });
    pairs += n;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** A digest of a stored (state, premier_met), as SQL computes it for the stored ranges. */
function digestOf(state: string, premierMet: boolean): string {
  return createHash('md5').update(state).digest('hex') + (premierMet ? 't' : 'f');
}

/** Each partner's digest of its staged evaluation (evaluation_day). */
async function stagedDigests(db: Db): Promise<Map<string, string>> {
  const { rows } = await sql<{ partner_id: string; digest: string }>`
    select partner_id, md5(state) || case when premier_met then 't' else 'f' end as digest from evaluation_day`.execute(db);
  return new Map(rows.map((r) => [r.partner_id, r.digest]));
}

/**
 * Evaluates the change days of (from, to], a batch of days per figures query (the stored history
 * is not read: what is stored does not depend on it), and fills backfill_states with each pair
 * whose stored evaluation differs from the partner's previous one. `latest` holds the digest of
 * each partner's evaluation of `from`; a partner's pairs come day by day.
 */
async function evaluateChangeDays(
  database: Database, dayGroups: ReadonlyArray<ReadonlyArray<{ day: IsoDate }>>, roster: readonly PartnerFacts[], byId: ReadonlyMap<string, PartnerFacts>,
  latest: Map<string, string>, options: EvaluateOptions, onDayGroup: (group: number) => void,
): Promise<void> {
  const { db } = database;
  const { ruleSet } = options;
  const fees = await feesKnown(db);
  let pid = 0;
  // Each group of days is read in ROSTER_PARTS parts of the roster: the server computes two parts
  // at once while the job handles a third. A partner's pairs stay in one part, day by day.
  const starts = Array.from({ length: ROSTER_PARTS }, (_, i) => roster[Math.floor((i * roster.length) / ROSTER_PARTS)]?.partnerId ?? '');
  async function* points(days: ReadonlyArray<{ day: IsoDate }>, part: number): AsyncGenerator<PointRow> {
    const lo = part === 0 ? null : starts[part]!;
    const hi = part + 1 < ROSTER_PARTS ? starts[part + 1]! : null;
    for (const { day } of days) {
      const due = await sql<{ partner_id: string }>`select partner_id from backfill_events where day = ${day}::date
        ${lo === null ? sql`` : sql`and partner_id >= ${lo}`} ${hi === null ? sql`` : sql`and partner_id < ${hi}`}
        order by partner_id`.execute(db);
      for (const { partner_id } of due.rows) {
        const facts = byId.get(partner_id);
        if (facts !== undefined) yield* pairPoints(facts, day, ++pid, ruleSet);
      }
    }
  }
  const file = rowFile(options.tmpDir, 'backfill-states', STATE_COLUMNS);
  const batches = dayGroups.flatMap((days) => Array.from({ length: ROSTER_PARTS }, (_, part) => ({ points: points(days, part), history: NO_HISTORY })));
  // a batch is reported done when the next one's rows arrive (a batch may have none)
  let reported = 0;
  const onBatch = (batch: number) => {
    if (batch % ROSTER_PARTS === ROSTER_PARTS - 1) onDayGroup(Math.floor(batch / ROSTER_PARTS));
  };
  try {
    await figuresInBatches(database, ruleSet, options.tmpDir, batches, async (rows, batch) => {
      while (reported < batch) onBatch(reported++);
      for (const row of rows) {
        const facts = byId.get(row.partnerId)!;
        const state = storedStateOf(facts, row, fees);
        const text = encodeState(state);
        const premierMet = premierMetOn(state, row.day, ruleSet);
        const digest = digestOf(text, premierMet);
        if (latest.get(row.partnerId) === digest) continue;
        latest.set(row.partnerId, digest);
        await file.write([row.partnerId, row.day, text, premierMet]);
      }
    }, 2);
  } catch (error) {
    file.discard();
    throw error;
  }
  while (reported < batches.length) onBatch(reported++);
  await file.copyInto(database, 'backfill_states');
}

const STATE_COLUMNS = ['partner_id', 'day', 'state', 'premier_met'] as const;
/** An empty range: a backfill's figures query does not read the stored history. */
const NO_HISTORY = { from: '1970-01-02', to: '1970-01-01' };

/**
 * Writes the backfill's states as ranges, set-based, in one transaction: each change day of
 * backfill_states starts a range reaching to the day before the partner's next change; the last
 * one reaches as far as the range holding `from` did, and that range now ends before the first
 * change. Every day of (from, to] becomes an evaluated day.
 */
async function writeRanges(trx: Transaction<Schema>, from: IsoDate, to: IsoDate, runId: string | null): Promise<void> {
  const f = sql`${from}::date`;
  await withoutJit(trx);
  await sql`insert into evaluated_days (as_of, evaluated_at, run_id)
    select g.day::date, now(), ${runId} from generate_series(${f} + 1, ${to}::date, interval '1 day') g(day)
    on conflict (as_of) do update set evaluated_at = excluded.evaluated_at, run_id = excluded.run_id`.execute(trx);
  await sql`create temp table change_ends on commit drop as
    select partner_id, day, lead(day) over (partition by partner_id order by day) - 1 as until from backfill_states`.execute(trx);
  // listed first, then inserted (see commitDay: a statement must not read the table it grows)
  await sql`create temp table backfill_ranges on commit drop as
    select s.partner_id, s.day as valid_from, coalesce(c.until, h.valid_to) as valid_to, s.state, s.premier_met
    from backfill_states s
    join change_ends c on c.partner_id = s.partner_id and c.day = s.day
    join partner_status h on h.partner_id = s.partner_id and h.valid_from <= ${f} and h.valid_to >= ${f}`.execute(trx);
  await sql`insert into partner_status (partner_id, valid_from, valid_to, state, premier_met)
    select partner_id, valid_from, valid_to, state, premier_met from backfill_ranges`.execute(trx);
  await sql`update partner_status h set valid_to = first.day - 1
    from (select partner_id, min(day) as day from backfill_states group by 1) first
    where h.partner_id = first.partner_id and h.valid_from <= ${f} and h.valid_to >= ${f}`.execute(trx);
}

/**
 * Evaluates and stores every day of [from, to] (replacing what was stored for them). D = from is
 * evaluated for the whole roster; on each later day only the partners that may change are
 * evaluated, many days in one figures query, and only their changes are kept. Everything is
 * stored in one transaction at the end: a backfill that fails leaves the stored days as they were.
 */
export async function backfill(database: Database, from: IsoDate, to: IsoDate, options: EvaluateOptions, onDay?: (p: BackfillProgress) => void): Promise<number> {
  const { db } = database;
  const total = daysBetween(from, to) + 1;
  await ensurePartnerIndexes(db);
  const roster = await loadRoster(db);
  const byId = new Map(roster.map((p) => [p.partnerId, p]));
  // (its figures read the stored days before D only, which the backfill does not replace)
  await stageEvaluation(database, from, options);
  onDay?.({ day: from, done: 1, total, evaluated: roster.length });
  await listChangeDays(db, roster, from, to, options);
  await sql`truncate backfill_states`.execute(db);
  const latest = await stagedDigests(db);
  let done = 1;
  const groups = await dayBatches(db, from, to);
  await evaluateChangeDays(database, groups, roster, byId, latest, options, (group) => {
    for (const { day, pairs } of groups[group]!) onDay?.({ day, done: ++done, total, evaluated: pairs });
  });
  await database.writeTransaction(async (trx) => {
    await trimHistory(trx, from, to);
    await commitDay(trx, from, options.runId);
    await writeRanges(trx, from, to, options.runId);
    await mergeAfter(trx, to);
  });
  await sql`truncate backfill_states`.execute(db);
  return roster.length;
}
