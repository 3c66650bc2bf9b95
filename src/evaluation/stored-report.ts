// The report of a stored day: its evaluations (daysToReview derived from the day), filtered as
// asked, with the age of each dataset's snapshot.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { EXPORTS } from '../exports/index.js';
import { daysBetween } from '../rules/dates.js';
import type { Flag, IsoDate, PartnerEvaluation } from '../rules/types.js';
import type { DatasetFreshness, ReportInput } from '../report/types.js';
import { readDay } from './history.js';

export interface ReportFilter {
  partner?: string;
  flag?: Flag;
}

export function withDaysToReview(day: IsoDate, stored: Omit<PartnerEvaluation, 'daysToReview'>): PartnerEvaluation {
  const { partnerId, partnerName, partnerType, currentTier, qualifiedTier, projectedTier, reviewDate, ...rest } = stored;
  return {
    partnerId, partnerName, partnerType, currentTier, qualifiedTier, projectedTier, reviewDate,
    daysToReview: reviewDate === null ? null : daysBetween(day, reviewDate),
    ...rest,
  };
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

export async function storedReport(db: Kysely<Schema>, day: IsoDate, filter: ReportFilter, now: Date): Promise<ReportInput> {
  const partners = (await readDay(db, day))
    .filter((p) => filter.partner === undefined || p.partnerId === filter.partner)
    .filter((p) => filter.flag === undefined || p.flags.includes(filter.flag))
    .map((p) => withDaysToReview(day, p));
  return { asOf: day, partners, datasets: await datasetFreshness(db, now), generatedAt: now.toISOString() };
}
