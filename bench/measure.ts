// Runs one command as a child process and measures it: wall time, peak RSS and CPU time of the
// child itself (never of the harness). Peak RSS comes from GNU time (`/usr/bin/time -v`, the
// kernel's ru_maxrss of the waited child) when it is installed, else from sampling VmHWM in
// /proc/PID/status while the child runs (a high-water mark, so the last sample is the peak up to
// that moment; the child's last few milliseconds may be missed).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export type RssMethod = 'gnu-time' | 'proc-vmhwm';

export interface Measured {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** wall time from spawn to exit, seconds */
  seconds: number;
  /** epoch ms at spawn and at exit (the child's own log timestamps are on the same clock) */
  startedAt: number;
  endedAt: number;
  /** epoch ms when the first stdout bytes arrived (null when stdout went to a file or stayed empty) */
  firstStdoutAt: number | null;
  peakRssKb: number | null;
  rssMethod: RssMethod;
  userSeconds: number | null;
  systemSeconds: number | null;
  /** stdout, unless it was written to a file */
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** write the child's stdout to this file instead of keeping it in memory (large reports) */
  stdoutFile?: string;
  /** scratch directory for GNU time's report */
  scratchDir: string;
  /** keep at most this many characters of stderr (debug logs can be long) */
  stderrLimit?: number;
}

export function hasGnuTime(): boolean {
  try {
    fs.accessSync(GNU_TIME, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Parses `/usr/bin/time -v` output. */
export function parseGnuTime(text: string): { peakRssKb: number | null; userSeconds: number | null; systemSeconds: number | null } {
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : null;
  };
  return {
    peakRssKb: num(/Maximum resident set size \(kbytes\):\s*(\d+)/),
    userSeconds: num(/User time \(seconds\):\s*([\d.]+)/),
    systemSeconds: num(/System time \(seconds\):\s*([\d.]+)/),
  };
}

function readVmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

let sequence = 0;

export async function measure(command: string, args: readonly string[], options: MeasureOptions): Promise<Measured> {
  const useTime = hasGnuTime();
  const timeFile = path.join(options.scratchDir, `time-${process.pid}-${++sequence}.txt`);
  const [file, argv] = useTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, [...args]];
  const out = options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : 'pipe';
  const startedAt = Date.now();
  const t0 = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, 'pipe'] });
  if (typeof out === 'number') fs.closeSync(out);
  let stdout = '';
  let stderr = '';
  let firstStdoutAt: number | null = null;
  const limit = options.stderrLimit ?? 4_000_000;
  child.stdout?.on('data', (d: Buffer) => {
    firstStdoutAt ??= Date.now();
    stdout += d.toString('utf8');
  });
  child.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < limit) stderr += d.toString('utf8');
  });
  // Fallback: sample the child's high-water mark while it runs.
  let sampled: number | null = null;
  const sampler = useTime
    ? null
    : setInterval(() => {
        const kb = child.pid === undefined ? null : readVmHwmKb(child.pid);
        if (kb !== null) sampled = Math.max(sampled ?? 0, kb);
      }, 25);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve({ code: c, signal: s }));
  });
  const seconds = (performance.now() - t0) / 1000;
  if (sampler) clearInterval(sampler);
  let peakRssKb: number | null = sampled;
  let userSeconds: number | null = null;
  let systemSeconds: number | null = null;
  let exitCode = code;
  if (useTime) {
    const report = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8') : '';
    fs.rmSync(timeFile, { force: true });
    ({ peakRssKb, userSeconds, systemSeconds } = parseGnuTime(report));
    // GNU time exits with the child's status; a child killed by a signal shows as "Command terminated by signal N".
    const killed = /Command terminated by signal (\d+)/.exec(report);
    if (killed) exitCode = 128 + Number(killed[1]);
  }
  return {
    exitCode,
    signal,
    seconds,
    startedAt,
    endedAt: Date.now(),
    firstStdoutAt,
    peakRssKb,
    rssMethod: useTime ? 'gnu-time' : 'proc-vmhwm',
    userSeconds,
    systemSeconds,
    stdout,
    stderr,
  };
}
