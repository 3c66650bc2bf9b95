// Snapshots of every export, their load record, the job ledger and row rejects.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    // partner_id sorts and compares byte-wise (collate "C"): identifiers, not words, and the
    // evaluation sorts and joins on it millions of times.
    `create table partners (
        partner_id text collate "C" primary key,
        partner_name text not null,
        partner_type text not null,
        current_tier text not null,
        renewal_date date,
        alliance_lead_email text not null,
        partner_manager_email text,
        business_plan_signed_on date,
        ga_product_count integer not null default 0,
        ebr_completed_on date,
        tier_since date
      )`,
    `create table certifications (
        partner_id text collate "C" not null,
        person_email text not null,
        credential text not null,
        issued_on date not null,
        expires_on date
      )`,
    `create table opportunities (
        opportunity_id text not null,
        partner_id text collate "C" not null,
        customer_name text not null,
        stage text not null,
        launched_on date,
        estimated_mrr_usd numeric not null default 0,
        origin text not null,
        public_reference boolean not null default false,
        public_reference_on date
      )`,
    `create table legacy_revenue_submissions (
        partner_id text collate "C" not null,
        aws_account_id text not null,
        submitted_on date not null
      )`,
    `create table partner_domains (
        domain text primary key,
        partner_id text collate "C" not null
      )`,
    `-- partner_id is attributed at ingest through partner_domains (null: unmatched domain), so that
      -- every table evaluation reads carries partner_id.
      create table domain_revenue (
        domain text not null,
        aws_account_id text not null,
        month date not null,
        charge_type text not null,
        credit_type text,
        amount_usd numeric not null,
        partner_id text collate "C"
      )`,
    `create table fee_payments (
        partner_id text collate "C" not null,
        membership_year_start date not null,
        paid_on date not null,
        amount_usd numeric not null
      )`,
    `create table public_references (
        partner_id text collate "C" not null,
        customer_name text not null,
        source text not null,
        submitted_on date not null,
        approved_on date,
        url text
      )`,
    `create table csat_responses (
        response_id text primary key,
        partner_id text collate "C" not null,
        submitted_on date not null,
        email_confirmed boolean not null,
        aws_customer_verified boolean not null
      )`,
    `create table program_validations (
        partner_id text collate "C" not null,
        program text not null,
        designation text,
        validated_on date not null,
        expires_on date
      )`,
    `create table runs (
        run_id bigserial primary key,
        command text not null,
        parameters jsonb not null default '{}',
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        status text not null default 'running',
        exit_code integer,
        summary jsonb
      )`,
    `-- the snapshot currently in force for each dataset
      create table datasets (
        dataset text primary key,
        loaded_at timestamptz not null,
        source_file text not null,
        sha256 text not null,
        row_count bigint not null,
        run_id bigint references runs
      )`,
    `create table rejects (
        run_id bigint not null references runs on delete cascade,
        dataset text not null,
        file text not null,
        line bigint,
        "column" text,
        value text,
        reason text not null
      )`,
    `create index rejects_run on rejects (run_id, dataset)`,
  ]) {
    await sql.raw(statement).execute(db);
  }

  // Every calendar day as YYYY-MM-DD text: validating a date column is a hash look-up here, far
  // cheaper per row than a regular expression or a function, and a failed cast cannot be caught in
  // SQL without a subtransaction per row.
  await sql`create table calendar_days (day text primary key)`.execute(db);
  await sql`insert into calendar_days select to_char(d, 'YYYY-MM-DD') from generate_series('1900-01-01'::date, '2199-12-31'::date, interval '1 day') d`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table calendar_days, rejects, datasets, runs, program_validations, csat_responses, public_references,
      fee_payments, domain_revenue, partner_domains, legacy_revenue_submissions, opportunities,
      certifications, partners;
  `.execute(db);
}
