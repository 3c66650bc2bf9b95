// Backfill: every day of a range evaluated and stored, reusing work across days. A partner's
// stored evaluation can only change on a day when something of it changes: an item is dated that
// day, leaves the window or expires, a renewal anniversary or a date derived from it passes, a
// complete revenue month is added or leaves. (What is stored is the evaluation's inputs, see
// stored-form.ts; sustained attainment is derived from the stored days when read.) Those days are
// listed for every partner at once, set-based; on any other day the partner's status range is
// simply extended. The list may hold more days than needed (that only
// costs time), never fewer: a test compares the result with a full evaluation of every day.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { addDays, anniversaryInYear, compareDates, daysBetween, yearOf } from '../rules/dates.js';
import { evaluationPoints } from '../rules/points.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { IsoDate, PartnerFacts } from '../rules/types.js';
import type { Database } from '../db/connect.js';
import { EXPORTS } from '../exports/index.js';
import { partnerIndexName } from '../exports/loader.js';
import { evaluateAndStoreDay, loadRoster, stageEvaluation, type EvaluateOptions } from './evaluate-day.js';
import { commitDay, mergeAfter } from './history.js';

type Db = Kysely<Schema>;

/** Removes every stored day of [from, to], splitting the ranges that reach across it. */
export async function trimHistory(db: Db, from: IsoDate, to: IsoDate): Promise<void> {
  await db.transaction().execute(async (trx) => {
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
  });
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

/** Evaluates and stores every day of [from, to] (replacing what was stored for them). */
/**
 * A day of a backfill evaluates only the partners that may have changed: with an index on
 * partner_id their evidence is looked up instead of scanned. The indexes are built here, not at
 * ingest (which drops them), so the nightly load stays lean.
 */
async function ensurePartnerIndexes(db: Db): Promise<void> {
  for (const declaration of EXPORTS) {
    if (!declaration.partnerColumn && declaration.attribution?.column !== 'partner_id') continue;
    if (declaration.dataset === 'partner_domains') continue;
    await sql.raw(`create index if not exists ${partnerIndexName(declaration.dataset)} on ${declaration.dataset} (partner_id)`).execute(db);
  }
}

export async function backfill(database: Database, from: IsoDate, to: IsoDate, options: EvaluateOptions, onDay?: (p: BackfillProgress) => void): Promise<number> {
  const { db } = database;
  const total = daysBetween(from, to) + 1;
  await ensurePartnerIndexes(db);
  await trimHistory(db, from, to);
  const roster = await loadRoster(db);
  const byId = new Map(roster.map((p) => [p.partnerId, p]));
  await evaluateAndStoreDay(database, from, options);
  onDay?.({ day: from, done: 1, total, evaluated: roster.length });
  await listChangeDays(db, roster, from, to, options);
  for (let i = 1; i < total; i++) {
    const day = addDays(from, i);
    const due = await sql<{ partner_id: string }>`select partner_id from backfill_events where day = ${day}::date`.execute(db);
    const subset = due.rows.map((r) => byId.get(r.partner_id)!).filter(Boolean).sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
    await stageEvaluation(database, day, { ...options, onEvaluated: undefined }, subset);
    // the others' ranges already reach over D (see history.ts)
    await db.transaction().execute((trx) => commitDay(trx, day, options.runId, false));
    onDay?.({ day, done: i + 1, total, evaluated: subset.length });
  }
  await mergeAfter(db, to);
  return roster.length;
}
