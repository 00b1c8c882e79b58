/**
 * Preloaded into a measured child process (`node --import ./dist/bench/report-rss.js ...`):
 * at exit, appends the process's peak RSS in KB and its CPU seconds (user + system) to the
 * file named by BT_BENCH_RSS_FILE. Node exposes no rusage of children, so the child reports its own.
 * On Linux the peak is VmHWM from /proc/self/status: getrusage's maxRSS survives execve, so a
 * child spawned by a 2 GB bench process could report the parent's size instead of its own.
 */
import { appendFileSync, readFileSync } from 'node:fs';

function peakRssKb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m !== null) return Number(m[1]);
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS;
}

const out = process.env['BT_BENCH_RSS_FILE'];
if (out !== undefined && out !== '') {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(out, `${peakRssKb()} ${(u.userCPUTime + u.systemCPUTime) / 1e6}\n`);
  });
}
