/**
 * What first-touching fresh memory costs on this machine: the time to write one byte per
 * 4 KiB page of a new Float64Array (each write faults a page in), against writing the same
 * pages again. Behind the bench's advice to count page faults (`/usr/bin/time -f '%R minf'`):
 * on the 2-core VM of bench/RESULTS.md a fault costs ~15-18 us, so every MB a run touches
 * afresh costs ~4 ms.
 *
 *   node dist/bench/page-fault-cost.js [--mb 100] [--reps 3]
 */
import { performance } from 'node:perf_hooks';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const mb = arg('--mb', 100);
const reps = arg('--reps', 3);
const PAGE_DOUBLES = 4096 / 8;

for (let r = 0; r < reps; r++) {
  const a = new Float64Array((mb * 1024 * 1024) / 8);
  const faults0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  for (let i = 0; i < a.length; i += PAGE_DOUBLES) a[i] = 1;
  const t1 = performance.now();
  const faults = process.resourceUsage().minorPageFault - faults0;
  for (let i = 0; i < a.length; i += PAGE_DOUBLES) a[i] = 2;
  const t2 = performance.now();
  const pages = a.length / PAGE_DOUBLES;
  console.log(
    `${mb} MB: first touch ${(t1 - t0).toFixed(1)} ms (${faults} faults, ${(((t1 - t0) * 1000) / pages).toFixed(2)} us a page); ` +
      `second touch ${(t2 - t1).toFixed(1)} ms`,
  );
}
