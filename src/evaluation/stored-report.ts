// The report of a stored day: its evaluations (daysToReview derived from the day), filtered as
// asked, with the age of each dataset's snapshot.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { EXPORTS } from '../exports/index.js';
import { sustainedHistoryRange } from '../rules/points.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Flag, IsoDate } from '../rules/types.js';
import type { DatasetFreshness, ReportInput } from '../report/types.js';
import { premierHistory, readDay } from './history.js';
import { fromStored } from './stored-form.js';

export interface ReportFilter {
  partner?: string;
  flag?: Flag;
}

export async function datasetFreshness(db: Kysely<Schema>, now: Date): Promise<DatasetFreshness[]> {
  const loaded = new Map((await db.selectFrom('datasets').selectAll().execute()).map((d) => [d.dataset, d]));
  return EXPORTS.map(({ dataset }) => {
    const d = loaded.get(dataset);
    if (!d) return { dataset, loadedAt: null, sourceFile: null, snapshotAgeDays: null };
    const loadedAt = new Date(d.loaded_at);
    return {
      dataset,
      loadedAt: loadedAt.toISOString(),
      sourceFile: d.source_file,
      snapshotAgeDays: Math.max(0, Math.floor((now.getTime() - loadedAt.getTime()) / 86_400_000)),
    };
  });
}

export async function storedReport(db: Kysely<Schema>, day: IsoDate, filter: ReportFilter, now: Date, ruleSet: RuleSet): Promise<ReportInput> {
  const range = sustainedHistoryRange(day, ruleSet);
  const history = await premierHistory(db, range.from, range.to, false);
  const partners = (await readDay(db, day))
    .filter((p) => filter.partner === undefined || p.partnerId === filter.partner)
    .filter((p) => filter.flag === undefined || p.evaluation.flags.includes(filter.flag))
    .map((p) => {
      const stored = history.get(p.partnerId) ?? { covered: 0, met: 0 };
      return fromStored(p.evaluation, day, {
        missingDays: Math.max(0, range.days - stored.covered),
        allStoredDaysMet: stored.met === stored.covered,
        criteriaMetOnD: p.premierMet,
      }, ruleSet);
    });
  return { asOf: day, partners, datasets: await datasetFreshness(db, now), generatedAt: now.toISOString() };
}
