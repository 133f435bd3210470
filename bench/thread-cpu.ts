// CPU time per request of a wrangler dev server under load, read from /proc (Linux only; elsewhere
// null). Throughput on this 2-core machine swings with whatever else runs (the bare Worker alone gave
// 257-707 req/s within single runs); CPU seconds a thread spent do not. Two figures per target:
// - busiest thread: workerd runs the Worker's isolate, the local D1 and KV (Durable Objects) and its
//   HTTP handling on one thread, so this thread's CPU per request bounds the server's throughput;
// - server: every thread of the server's process group (wrangler's Node process, its proxy workerd
//   and the app's workerd), what a request costs the machine.
// The load generator (this process) is not counted.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime in clock ticks, by "pid/tid", of every thread of the process group `pgid`. */
export type ThreadTimes = Map<string, number>;

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The fields after "(comm)" in a /proc stat line: [state, ppid, pgrp, ..., utime at 11, stime at 12]. */
function statFields(path: string): string[] | null {
  try {
    const line = readFileSync(path, 'utf8');
    return line.slice(line.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // the process or thread ended meanwhile
  }
}

function tasksOf(pid: string): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // ended meanwhile
  }
}

export function threadTimesOfGroup(pgid: number | undefined): ThreadTimes | null {
  if (!pgid) return null;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null; // no /proc here
  }
  const times: ThreadTimes = new Map();
  for (const pid of pids) {
    if (statFields(`/proc/${pid}/stat`)?.[2] !== String(pgid)) continue;
    for (const tid of tasksOf(pid)) {
      const f = statFields(`/proc/${pid}/task/${tid}/stat`);
      if (f) times.set(`${pid}/${tid}`, Number(f[11]) + Number(f[12]));
    }
  }
  return times;
}

export interface CpuPerRequest {
  /** CPU ms per request of the thread that spent the most. */
  busiestMs: number;
  /** CPU ms per request of every thread of the server. */
  serverMs: number;
}

export function cpuPerRequest(
  before: ThreadTimes | null,
  after: ThreadTimes | null,
  requests: number
): CpuPerRequest | null {
  if (!before || !after || requests === 0) return null;
  let busiest = 0;
  let total = 0;
  for (const [thread, ticks] of after) {
    const spent = ticks - (before.get(thread) ?? 0);
    total += spent;
    busiest = Math.max(busiest, spent);
  }
  const ms = 1000 / clockTicks() / requests;
  return { busiestMs: busiest * ms, serverMs: total * ms };
}
