/**
 * Preloaded into a measured child process (`node --import ./dist/bench/report-rss.js ...`):
 * at exit, appends the process's peak RSS in KB and its CPU seconds (user + system) to the
 * file named by BT_BENCH_RSS_FILE. Node exposes no rusage of children, so the child reports its own.
 */
import { appendFileSync } from 'node:fs';

const out = process.env['BT_BENCH_RSS_FILE'];
if (out !== undefined && out !== '') {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(out, `${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1e6}\n`);
  });
}
