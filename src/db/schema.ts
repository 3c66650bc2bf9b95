// Table types for Kysely. Dates and numerics are read as strings (see connect.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<string, string | undefined, string>;
type Json = ColumnType<unknown, string, string>;

export interface PartnersTable {
  partner_id: string;
  partner_name: string;
  partner_type: string;
  current_tier: string;
  renewal_date: string | null;
  alliance_lead_email: string;
  partner_manager_email: string | null;
  business_plan_signed_on: string | null;
  ga_product_count: number;
  ebr_completed_on: string | null;
  tier_since: string | null;
}

export interface RunsTable {
  run_id: Generated<string>;
  command: string;
  parameters: Json;
  started_at: Generated<string>;
  finished_at: string | null;
  status: Generated<string>;
  exit_code: number | null;
  summary: Json | null;
}

export interface DatasetsTable {
  dataset: string;
  loaded_at: Timestamp;
  source_file: string;
  sha256: string;
  row_count: string | number;
  run_id: string | null;
}

export interface RejectsTable {
  run_id: string;
  dataset: string;
  file: string;
  line: string | number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface FeePaymentsTable {
  partner_id: string;
  membership_year_start: string;
  paid_on: string;
  amount_usd: string;
}

export interface Schema {
  partners: PartnersTable;
  runs: RunsTable;
  datasets: DatasetsTable;
  rejects: RejectsTable;
  fee_payments: FeePaymentsTable;
}
