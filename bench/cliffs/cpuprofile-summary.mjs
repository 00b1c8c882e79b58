// node bench/cliffs/cpuprofile-summary.mjs FILE.cpuprofile (from node --cpu-prof): self time by function and by file, and
// inclusive time of the top functions (bench/RESULTS.md, scale: bt report lp --all).
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); const dt = p.timeDeltas; let total = 0;
const cnt = new Map(); p.samples.forEach((s, i) => { const d = dt[i] ?? 0; total += d; cnt.set(s, (cnt.get(s) ?? 0) + d); });
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
const selfBy = new Map(), fileBy = new Map(), incl = new Map();
for (const [id, d] of cnt) {
  const n = byId.get(id); const k = key(n);
  selfBy.set(k, (selfBy.get(k) ?? 0) + d);
  const f = n.callFrame.url.split('/').slice(-3).join('/') || n.callFrame.functionName; fileBy.set(f, (fileBy.get(f) ?? 0) + d);
  const seen = new Set(); let x = id; while (x !== undefined) { const kk = key(byId.get(x)); if (!seen.has(kk)) { seen.add(kk); incl.set(kk, (incl.get(kk) ?? 0) + d); } x = parent.get(x); }
}
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log('total', (total / 1e6).toFixed(2), 's\n--- self by function\n' + top(selfBy, 25) + '\n--- self by file\n' + top(fileBy, 15) + '\n--- inclusive\n' + top(incl, 40));
