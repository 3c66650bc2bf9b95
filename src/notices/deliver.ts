// Delivery of queued notices, each once: a notice is claimed ('sending') in a committed
// transaction before it is handed to the mail transport, and marked 'sent' after. A process that
// dies in between leaves it 'sending': the file outbox can tell whether it was written (its file is
// there); an SMTP relay cannot, so such a notice becomes 'unconfirmed' and is not sent again (a
// notice is never sent twice). A notice the relay refuses for good (a 5xx reply: an address it
// does not take) is 'failed' and delivery goes on with the next; any other failure (the relay
// down, a 4xx reply) leaves the notice queued for the next delivery and stops this one, since
// the rest would fail too. Partner notices go to the partner's addresses in force when sent.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../db/connect.js';
import type { EvaluationSettings } from '../evaluation/stored-form.js';
import { writeDigest } from './digest.js';

export interface OutgoingMail {
  noticeId: string;
  kind: string;
  partnerId: string | null;
  from: string;
  to: string;
  cc: string | null;
  subject: string;
  /** the text, or the file holding it */
  text: string | { path: string };
  attachments: Array<{ filename: string; path: string }>;
}

export interface Mailer {
  readonly describe: string;
  /** Sends the mail; returns the recipients the relay refused while taking it for the others. */
  send(mail: OutgoingMail): Promise<string[]>;
  /** Whether a notice claimed by a process that died was delivered; null: cannot be told. */
  wasDelivered(noticeId: string): boolean | null;
}

function messageId(mail: OutgoingMail): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mail.from)?.[1] ?? 'tier-review.localhost';
  return `<notice-${mail.noticeId}.tier-review@${domain}>`;
}

function nodemailerMessage(mail: OutgoingMail): nodemailer.SendMailOptions {
  return {
    from: mail.from,
    to: mail.to,
    cc: mail.cc ?? undefined,
    subject: mail.subject,
    text: mail.text,
    attachments: mail.attachments,
    messageId: messageId(mail),
    headers: { 'X-Tier-Review-Notice': `${mail.noticeId} ${mail.kind}${mail.partnerId ? ` ${mail.partnerId}` : ''}` },
  };
}

/** Without SMTP_URL: each mail is an .eml file in the outbox folder, written whole or not at all. */
export function fileMailer(outboxDir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const fileOf = (noticeId: string, kind: string, partnerId: string | null) =>
    path.join(outboxDir, `${noticeId.padStart(8, '0')}-${kind}${partnerId ? `-${partnerId.replace(/[^A-Za-z0-9._-]/g, '_')}` : ''}.eml`);
  const prefix = (noticeId: string) => `${noticeId.padStart(8, '0')}-`;
  return {
    describe: `the outbox folder ${outboxDir}`,
    async send(mail) {
      const info = await transport.sendMail(nodemailerMessage(mail));
      fs.mkdirSync(outboxDir, { recursive: true });
      const file = fileOf(mail.noticeId, mail.kind, mail.partnerId);
      const partial = `${file}.partial`;
      fs.writeFileSync(partial, info.message as Buffer);
      fs.renameSync(partial, file);
      return [];
    },
    wasDelivered(noticeId) {
      try {
        return fs.readdirSync(outboxDir).some((name) => name.startsWith(prefix(noticeId)) && name.endsWith('.eml'));
      } catch {
        return false;
      }
    },
  };
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    describe: `the SMTP relay ${new URL(url).host}`,
    async send(mail) {
      const info = await transport.sendMail(nodemailerMessage(mail));
      return (info.rejected ?? []).map((r) => (typeof r === 'string' ? r : r.address));
    },
    wasDelivered: () => null,
  };
}

export interface DeliveryResult {
  sent: number;
  /** the notice whose failure stopped this delivery, and why (it and the rest stay queued) */
  failed: { noticeId: string; error: string } | null;
  /** notices the relay refused for good in this delivery (status 'failed'), and why */
  refused: Array<{ noticeId: string; error: string }>;
  /** notices still queued after this delivery */
  queued: number;
  /** notices found claimed by a process that died, whose delivery cannot be told: never sent again */
  unconfirmed: number;
}

/** A refusal for good: the relay's 5xx reply (nodemailer's responseCode). */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

interface NoticeRow {
  notice_id: string;
  kind: string;
  partner_id: string | null;
  as_of: string;
  to_addresses: string;
  cc_addresses: string | null;
  subject: string;
  body: string;
}

/**
 * Settles the notices left 'sending' by a process that died (the run lock: no other is sending);
 * returns how many became unconfirmed.
 */
async function settleInterrupted(database: Database, mailer: Mailer): Promise<number> {
  const { rows } = await sql<{ notice_id: string }>`select notice_id from notices where status = 'sending' order by notice_id`.execute(database.db);
  let unconfirmed = 0;
  for (const { notice_id: id } of rows) {
    const delivered = mailer.wasDelivered(id);
    const status = delivered === true ? 'sent' : delivered === false ? 'queued' : 'unconfirmed';
    if (status === 'unconfirmed') unconfirmed++;
    await database.writeTransaction((trx) => sql`update notices set status = ${status}, sent_at = case when ${status} = 'sent' then now() end
      where notice_id = ${id} and status = 'sending'`.execute(trx));
  }
  return unconfirmed;
}

export async function deliverQueued(
  database: Database, mailer: Mailer, options: { from: string; tmpDir: string; settings: EvaluationSettings; now: () => Date },
): Promise<DeliveryResult> {
  const { db } = database;
  const unconfirmed = await settleInterrupted(database, mailer);
  let sent = 0;
  let failed: DeliveryResult['failed'] = null;
  const refused: DeliveryResult['refused'] = [];
  const mark = (id: string, status: string, error: string | null) => database.writeTransaction((trx) => sql`update notices
    set status = ${status}, last_error = ${error}, sent_at = case when ${status} = 'sent' then now() end
    where notice_id = ${id}`.execute(trx));
  for (;;) {
    // a partner notice goes to the partner's addresses in force (a removed partner's: those it was queued with)
    const claimed = await database.writeTransaction(async (trx) => (await sql<NoticeRow>`with claimed as (
        update notices set status = 'sending', attempts = attempts + 1
        where notice_id = (select notice_id from notices where status = 'queued' order by notice_id limit 1 for update skip locked)
        returning *)
      select c.notice_id::text as notice_id, c.kind, c.partner_id, to_char(c.as_of, 'YYYY-MM-DD') as as_of,
        case when p.partner_id is null then c.to_addresses else p.alliance_lead_email end as to_addresses,
        case when p.partner_id is null then c.cc_addresses else p.partner_manager_email end as cc_addresses,
        c.subject, c.body
      from claimed c left join partners p on p.partner_id = c.partner_id`.execute(trx)).rows[0]);
    if (claimed === undefined) break;
    let digest: Awaited<ReturnType<typeof writeDigest>> | null = null;
    let refusedRecipients: string[];
    try {
      digest = claimed.kind === 'digest' ? await writeDigest(db, claimed.as_of, options.settings, options.tmpDir, options.now()) : null;
      refusedRecipients = await mailer.send({
        noticeId: claimed.notice_id, kind: claimed.kind, partnerId: claimed.partner_id, from: options.from,
        to: claimed.to_addresses, cc: claimed.cc_addresses, subject: claimed.subject,
        text: digest ? { path: digest.text } : claimed.body,
        attachments: digest ? [{ filename: `tier-review-flagged-${claimed.as_of}.csv`, path: digest.csv }] : [],
      });
    } catch (error) {
      const message = (error as Error).message;
      if (isPermanent(error)) {
        refused.push({ noticeId: claimed.notice_id, error: message });
        await mark(claimed.notice_id, 'failed', message);
        continue;
      }
      failed = { noticeId: claimed.notice_id, error: message };
      await mark(claimed.notice_id, 'queued', message);
      break;
    } finally {
      digest?.cleanup();
    }
    // taken for the other recipients: sent, with the refused ones noted
    await mark(claimed.notice_id, 'sent', refusedRecipients.length > 0 ? `refused recipients: ${refusedRecipients.join(', ')}` : null);
    sent++;
  }
  const counts = (await sql<{ queued: string }>`select count(*) as queued from notices where status = 'queued'`.execute(db)).rows[0]!;
  return { sent, failed, refused, queued: Number(counts.queued), unconfirmed };
}

/** The queued notices, for `notify --dry-run`. */
export async function listQueued(database: Database): Promise<Array<{ noticeId: string; kind: string; to: string; subject: string }>> {
  const { rows } = await sql<{ notice_id: string; kind: string; to_addresses: string; subject: string }>`
    select notice_id::text as notice_id, kind, to_addresses, subject from notices where status = 'queued' order by notices.notice_id`.execute(database.db);
  return rows.map((r) => ({ noticeId: r.notice_id, kind: r.kind, to: r.to_addresses, subject: r.subject }));
}

/** The mail transport of the configuration: SMTP_URL, or the file outbox. */
export function mailerFor(config: { smtpUrl: string | undefined; outboxDir: string }): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl) : fileMailer(config.outboxDir);
}
