// Reading the stored evaluation of a day: the stored inputs, page by page in partner order, each
// evaluated again with the stored history (see stored-form.ts), filtered as asked.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { EXPORTS } from '../exports/index.js';
import { sustainedHistoryRange } from '../rules/points.js';
import type { Flag, IsoDate, PartnerEvaluation } from '../rules/types.js';
import type { DatasetFreshness, ReportInput } from '../report/types.js';
import { premierHistory, readDayPage } from './history.js';
import { evaluateState, type EvaluationSettings } from './stored-form.js';

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

/** The stored evaluations of D in partner order, `pageSize` partners at a time. */
export async function forEachStoredEvaluation(
  db: Kysely<Schema>, day: IsoDate, filter: ReportFilter, settings: EvaluationSettings,
  onPage: (evaluations: PartnerEvaluation[]) => Promise<void>, pageSize = 2_000,
): Promise<void> {
  const period = sustainedHistoryRange(day, settings.ruleSet);
  let after: string | null = null;
  for (;;) {
    const page = await readDayPage(db, day, after, pageSize, filter.partner);
    if (page.length === 0) return;
    after = page[page.length - 1]!.state.facts.partnerId;
    const history = await premierHistory(db, period.from, period.to, page.map((p) => p.state.facts.partnerId));
    const evaluations = page
      .map((p) => {
        const stored = history.get(p.state.facts.partnerId) ?? { storedDays: 0, storedDaysMet: 0 };
        return evaluateState(p.state, day, stored, period.days, settings);
      })
      .filter((e) => filter.flag === undefined || e.flags.includes(filter.flag));
    if (evaluations.length > 0) await onPage(evaluations);
    if (page.length < pageSize) return;
  }
}

/** The whole report of D in memory (for small rosters and tests; reports stream otherwise). */
export async function storedReport(db: Kysely<Schema>, day: IsoDate, filter: ReportFilter, now: Date, settings: EvaluationSettings): Promise<ReportInput> {
  const partners: PartnerEvaluation[] = [];
  await forEachStoredEvaluation(db, day, filter, settings, async (page) => {
    partners.push(...page);
  });
  return { asOf: day, partners, datasets: await datasetFreshness(db, now), generatedAt: now.toISOString() };
}
