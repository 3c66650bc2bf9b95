// The digest (rules.md, Notices): every flagged partner of the stored day, grouped by flag, with
// the same partners as a CSV attachment (the CSV report's columns). Written to files when it is
// sent, so that its size does not weigh on the job's memory.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { forEachStoredEvaluation } from '../evaluation/stored-report.js';
import type { EvaluationSettings } from '../evaluation/stored-form.js';
import { FLAG_LABELS, FLAG_ORDER, TIER_LABELS } from '../report/labels.js';
import { streamReport } from '../report/stream.js';
import type { Flag, IsoDate, PartnerEvaluation } from '../rules/types.js';

export interface DigestFiles {
  text: string;
  csv: string;
  flagged: number;
  cleanup(): void;
}

/** One line of the digest for a flagged partner. */
export function digestLine(p: PartnerEvaluation): string {
  const review = p.reviewDate === null ? '' : `, review ${p.reviewDate} (${p.daysToReview} days)`;
  const projected = p.projectedTier === null ? '' : `, projected ${TIER_LABELS[p.projectedTier]}`;
  const fee = p.fee.status === 'grace' ? `, fee grace ends ${p.fee.graceEndsOn}` : p.fee.status === 'overdue' ? `, fee overdue (billed ${p.fee.billingDate})` : '';
  return `- ${p.partnerName} (${p.partnerId}): ${TIER_LABELS[p.currentTier]}, qualifies for ${TIER_LABELS[p.qualifiedTier]}${projected}${review}${fee}`;
}

export async function writeDigest(db: Kysely<Schema>, asOf: IsoDate, settings: EvaluationSettings, dir: string, now: Date): Promise<DigestFiles> {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `digest-${asOf}.${process.pid}`);
  const files = { text: `${base}.txt`, csv: `${base}.csv` };
  const cleanup = () => {
    for (const file of Object.values(files)) fs.rmSync(file, { force: true });
  };
  const byFlag = new Map<Flag, string[]>(FLAG_ORDER.map((f) => [f, []]));
  const csv = fs.createWriteStream(files.csv);
  try {
    const frame = { asOf, datasets: [], generatedAt: now.toISOString() };
    const flagged = await streamReport('csv', frame, (onBatch) => forEachStoredEvaluation(db, asOf, {}, settings, async (page) => {
      const mine = page.filter((p) => p.flags.length > 0);
      for (const p of mine) for (const flag of p.flags) byFlag.get(flag)?.push(digestLine(p));
      if (mine.length > 0) await onBatch(mine);
    }), csv, { tmpDir: dir });
    await new Promise<void>((resolve, reject) => csv.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const sections = FLAG_ORDER.filter((f) => byFlag.get(f)!.length > 0)
      .map((f) => `${FLAG_LABELS[f]} (${f}): ${byFlag.get(f)!.length}\n${byFlag.get(f)!.join('\n')}`);
    const text = `APN tier review of ${asOf}: ${flagged} flagged partner${flagged === 1 ? '' : 's'}.\n\n`
      + (sections.length > 0 ? sections.join('\n\n') : 'No partner is flagged.')
      + `\n\nThe attached CSV lists the flagged partners with every requirement.\n\n-- \nAPN tier review (2019 tier requirements)\n`;
    fs.writeFileSync(files.text, text);
    return { ...files, flagged, cleanup };
  } catch (error) {
    csv.destroy();
    cleanup();
    throw error;
  }
}
