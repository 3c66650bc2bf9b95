// Runs the real command as a subprocess, as a user or cron would.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(projectRoot, 'bin', 'tier-review.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  home: string;
  url: string | undefined;
  env?: Record<string, string>;
}

export function startCli(args: string[], target: CliEnv, nodeArgs: string[] = []): { child: ChildProcess; done: Promise<CliResult> } {
  const env: NodeJS.ProcessEnv = { ...process.env, TIER_REVIEW_HOME: target.home, TZ: 'UTC', ...target.env };
  delete env.DATABASE_URL;
  if (target.url) env.DATABASE_URL = target.url;
  const child = spawn(process.execPath, [...nodeArgs, bin, ...args], { env, cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(args: string[], target: CliEnv, nodeArgs: string[] = []): Promise<CliResult> {
  return startCli(args, target, nodeArgs).done;
}
