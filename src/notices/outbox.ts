// The outbox: the notices an evaluation calls for are staged while it runs and queued in the
// transaction that stores it (queue), so they exist exactly when the stored evaluation does. A
// partner's reminder is queued unless one was queued for the same event in its bucket or a
// smaller one (rules.md, Notices); the unique index on the event keeps every event to one row.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/connect.js';
import { rowFile, type RowFile } from '../db/copy-rows.js';
import type { Schema } from '../db/schema.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { IsoDate, PartnerEvaluation, PartnerFacts } from '../rules/types.js';
import { noticeEvents } from './events.js';
import { renderPartnerNotice } from './render.js';

const CANDIDATE_COLUMNS = ['kind', 'partner_id', 'anchor', 'bucket', 'to_addresses', 'cc_addresses', 'subject', 'body'] as const;

export interface NoticeSettings {
  ruleSet: RuleSet;
  horizonDays: number;
  /** the digest's recipients (none: no digest) */
  digestTo: readonly string[];
}

/** The notices of one evaluation of D, from staging to queueing. */
export class NoticeQueue {
  private readonly file: RowFile;
  staged = 0;
  queued = 0;

  constructor(tmpDir: string, private readonly asOf: IsoDate, private readonly settings: NoticeSettings) {
    this.file = rowFile(tmpDir, 'notice-candidates', CANDIDATE_COLUMNS);
  }

  /** Stages the partner's notices for D (called for every evaluated partner). */
  async add(facts: PartnerFacts, evaluation: PartnerEvaluation): Promise<void> {
    for (const event of noticeEvents(evaluation, this.asOf, this.settings)) {
      const { subject, text } = renderPartnerNotice(event, evaluation, this.asOf);
      await this.file.write([event.kind, event.partnerId, event.anchor, event.bucket, facts.allianceLeadEmail, facts.partnerManagerEmail, subject, text]);
      this.staged++;
    }
  }

  /** Copies the staged notices in, before the transaction that queues them. */
  async stage(database: Database): Promise<void> {
    await sql`truncate notice_candidates`.execute(database.db);
    await this.file.copyInto(database, 'notice_candidates');
  }

  discard(): void {
    this.file.discard();
  }

  /** Queues the staged notices, and the day's digest, in the transaction storing D. */
  async queue(trx: Transaction<Schema>, runId: string | null): Promise<void> {
    const d = sql`${this.asOf}::date`;
    const partners = await sql`insert into notices (kind, partner_id, anchor, bucket, as_of, run_id, to_addresses, cc_addresses, subject, body)
      select c.kind, c.partner_id, c.anchor, c.bucket, ${d}, ${runId}, c.to_addresses, c.cc_addresses, c.subject, c.body
      from notice_candidates c
      where not exists (select 1 from notices n where n.kind = c.kind and n.partner_id = c.partner_id and n.anchor = c.anchor
        and (c.bucket is null or n.bucket <= c.bucket))
      order by c.partner_id, c.kind
      on conflict do nothing`.execute(trx);
    this.queued = Number(partners.numAffectedRows ?? 0);
    if (this.settings.digestTo.length > 0) {
      // its text is written when it is sent, from the stored evaluation of D
      const digest = await sql`insert into notices (kind, partner_id, anchor, bucket, as_of, run_id, to_addresses, cc_addresses, subject, body)
        values ('digest', null, ${d}, null, ${d}, ${runId}, ${this.settings.digestTo.join(', ')}, null,
          ${`APN tier review: flagged partners on ${this.asOf}`}, '')
        on conflict do nothing`.execute(trx);
      this.queued += Number(digest.numAffectedRows ?? 0);
    }
    await sql`truncate notice_candidates`.execute(trx);
  }
}
