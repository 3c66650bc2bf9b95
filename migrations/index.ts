// Every migration, in order. Listed here (not read from a folder) so the compiled job needs no
// file-system lookup to find them.
import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.js';
import * as evaluationHistory from './0002_evaluation_history.js';
import * as pointBatches from './0003_point_batches.js';
import * as partnerRanges from './0004_partner_ranges.js';
import * as storedDaysAsTheyAre from './0005_stored_days_as_they_are.js';
import * as notices from './0006_notices.js';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_evaluation_history': evaluationHistory,
  '0003_point_batches': pointBatches,
  '0004_partner_ranges': partnerRanges,
  '0005_stored_days_as_they_are': storedDaysAsTheyAre,
  '0006_notices': notices,
};
