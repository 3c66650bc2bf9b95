// A sampling profile of the PostgreSQL server's side of a stage: while the stage runs, the active
// statements of the job's (fresh, private) database are read from pg_stat_activity every
// `intervalMs`, and the time between samples is credited to each statement seen, grouped by the
// statement's leading words. The job process is mostly waiting on the server, so this is where
// its time goes. Sampling: statements shorter than the interval are under-counted or missed.
import pg from 'pg';

export interface StatementTime {
  /** the statement's first words, white space collapsed */
  statement: string;
  /** estimated seconds it was running (summed over the job's connections; a parallel query's workers are not added) */
  seconds: number;
  samples: number;
}

/** The server time of the statements naming one dataset's tables (its staging tables, or its table as a target). */
export interface DatasetTime {
  dataset: string;
  seconds: number;
  /** epoch ms of the first and last sample that saw it */
  firstSeen: number;
  lastSeen: number;
}

export interface ServerProfile {
  intervalMs: number;
  /** seconds sampled */
  seconds: number;
  /** seconds in which no statement of the database was active (the job was elsewhere) */
  idleSeconds: number;
  statements: StatementTime[];
  /** only with `datasets` given */
  datasets?: DatasetTime[];
  /** true when statements of two datasets were seen running at the same time */
  concurrentDatasets?: boolean;
}

function escape(re: string): string {
  return re.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The datasets a statement works on: a load's working table (`stage_…<dataset>`, `next_<dataset>`),
 * or `<dataset>` as its target. (pg_stat_activity keeps a statement's first kilobyte only: the next
 * table, named first, is what identifies a long CREATE TABLE AS.)
 */
export function datasetsOf(query: string, datasets: readonly string[]): string[] {
  const found = new Set<string>();
  for (const m of query.matchAll(/\b(?:stage|next)_[a-z0-9_]+/gi)) {
    const name = m[0].toLowerCase();
    // the longest dataset in the working table's name (stage_duplicates_partner_domains_hashes → partner_domains)
    const ds = datasets.filter((d) => name.endsWith(`_${d}`) || name.includes(`_${d}_`)).sort((a, b) => b.length - a.length)[0];
    if (ds) found.add(ds);
  }
  const head = new RegExp(`^\\s*(?:insert into|truncate(?: table)?|analyze|vacuum(?: analyze)?|delete from|update|copy)\\s+"?(${datasets.map(escape).join('|')})"?\\b`, 'i');
  const target = head.exec(query)?.[1];
  if (target) found.add(target.toLowerCase());
  return [...found];
}

export function statementKey(query: string, length = 90): string {
  const text = query.replace(/\s+/g, ' ').trim();
  // a COPY names its table, then a long column list
  const copy = /^copy (\S+)/i.exec(text);
  if (copy) return `copy ${copy[1]} … from stdin`;
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

export class ServerProfiler {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private times = new Map<string, StatementTime>();
  private last = 0;
  private started = 0;
  private idle = 0;
  private busy = false;
  private perDataset = new Map<string, DatasetTime>();
  private concurrent = false;

  constructor(
    private readonly serverUrl: string,
    private readonly database: string,
    private readonly intervalMs = 100,
    private readonly datasets: readonly string[] = [],
  ) {}

  async start(): Promise<void> {
    this.client = new pg.Client({ connectionString: this.serverUrl, application_name: 'tier-review bench profiler' });
    this.client.on('error', () => {});
    await this.client.connect();
    this.times.clear();
    this.perDataset.clear();
    this.concurrent = false;
    this.idle = 0;
    this.started = this.last = performance.now();
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
  }

  private async sample(): Promise<void> {
    if (this.busy || !this.client) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query<{ query: string }>(
        // client backends only: a parallel query's workers show the same statement again
        `select query from pg_stat_activity where datname = $1 and state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()`, [this.database]);
      const now = performance.now();
      const dt = (now - this.last) / 1000;
      this.last = now;
      if (rows.length === 0) this.idle += dt;
      const seen = new Set<string>();
      const at = Date.now();
      for (const r of rows) {
        for (const ds of this.datasets.length > 0 ? datasetsOf(r.query, this.datasets) : []) {
          const d = this.perDataset.get(ds) ?? { dataset: ds, seconds: 0, firstSeen: at, lastSeen: at };
          d.seconds += dt;
          d.lastSeen = at;
          this.perDataset.set(ds, d);
          seen.add(ds);
        }
        const key = statementKey(r.query);
        const t = this.times.get(key) ?? { statement: key, seconds: 0, samples: 0 };
        t.seconds += dt;
        t.samples++;
        this.times.set(key, t);
      }
      if (seen.size > 1) this.concurrent = true;
    } catch {
      /* a failed sample is skipped */
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<ServerProfile> {
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.client?.end().catch(() => {});
    this.client = null;
    const statements = [...this.times.values()].sort((a, b) => b.seconds - a.seconds);
    return {
      intervalMs: this.intervalMs,
      seconds: (performance.now() - this.started) / 1000,
      idleSeconds: this.idle,
      statements,
      ...(this.datasets.length > 0 ? { datasets: [...this.perDataset.values()], concurrentDatasets: this.concurrent } : {}),
    };
  }
}
