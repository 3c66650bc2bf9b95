// How fast the host is while the benchmark runs. A machine with the same name can run the same code
// 1.5 times slower from one hour to the next (a shared host), so seconds of two runs compare only
// next to how long a fixed workload took in each. Two probes, each the median of three tries, at
// the start and at the end of the run: one of JavaScript in this process (objects, strings, a
// Map: what the job's rules do), one of SQL on the server (the baseline's, or the job's).
import pg from 'pg';

export interface HostSpeed {
  /** seconds of the fixed JavaScript workload, at the start and at the end of the run */
  cpu: { start: number; end: number };
  /** seconds of the fixed SQL workload on the server (null: no server to probe) */
  sql: { start: number; end: number } | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The JavaScript workload; returns a checksum so that nothing of it can be optimized away. */
export function javascriptWorkload(rounds = 200_000): number {
  const seen = new Map<string, number>();
  let checksum = 0;
  for (let i = 0; i < rounds; i++) {
    const item = { id: `P${i % 5_000}`, day: `2019-${String((i % 12) + 1).padStart(2, '0')}-15`, count: i % 97, met: i % 3 === 0 };
    const key = `${item.id}|${item.day}`;
    const text = JSON.stringify(item);
    seen.set(key, (seen.get(key) ?? 0) + text.length);
    checksum = (checksum + JSON.parse(text).count + (item.met ? 1 : 0)) % 1_000_003;
  }
  return checksum + seen.size;
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function probeJavascript(tries = 3): number {
  return median(Array.from({ length: tries }, () => {
    const start = process.hrtime.bigint();
    javascriptWorkload();
    return secondsSince(start);
  }));
}

/** Hashing and aggregating generated rows: server CPU only, no table, no disk. */
export const SQL_WORKLOAD = `select count(*), sum(hashtext(g::text) % 1000)
  from generate_series(1, 500000) g where md5(g::text) > '4'`;

export async function probeSql(serverUrl: string, tries = 3): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'tier-review bench host speed' });
  client.on('error', () => {});
  await client.connect();
  try {
    // a plan of its own on each server: parallel workers would measure the number of cores instead
    await client.query('set max_parallel_workers_per_gather = 0');
    const seconds: number[] = [];
    for (let i = 0; i < tries; i++) {
      const start = process.hrtime.bigint();
      await client.query(SQL_WORKLOAD);
      seconds.push(secondsSince(start));
    }
    return median(seconds);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Both probes; `serverUrl` null: the JavaScript one only. */
export async function probeHost(serverUrl: string | null): Promise<{ cpu: number; sql: number | null }> {
  return { cpu: probeJavascript(), sql: serverUrl === null ? null : await probeSql(serverUrl) };
}
