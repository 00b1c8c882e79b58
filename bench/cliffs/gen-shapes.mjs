// Skewed universes for bench/RESULTS.md's cliffs section (after npm run build):
//   node bench/cliffs/gen-shapes.mjs SHAPE SIZE OUTDIR   (OUTDIR/data/*.arrow; then bench/cliffs/scenario.sh OUTDIR CADENCE)
// Seeded (mulberry32), each shape stresses one dimension; see the case comments for what SIZE is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const D = new URL('../../dist/datasets/write/', import.meta.url).href;
const { writeFindingsArrow } = await import(D + 'write-findings.js');
const { writePricesArrow } = await import(D + 'write-prices.js');
const { writeAgentsArrow } = await import(D + 'write-agents.js');

const [shape, sizeArg, out] = process.argv.slice(2);
const size = Number(sizeArg);
let s = 12345;
const rnd = () => { s |= 0; s = (s + 0x6d2b79f5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const H = 3600e3, DAY = 24 * H, MIN = 60e3;
const T0 = Date.UTC(2022, 0, 1);
const names = (p, n) => { const w = String(n - 1).length; return Array.from({ length: n }, (_, i) => p + String(i).padStart(w, '0')); };
const CLASSES = ['arb', 'funding', 'macro', 'momentum', 'sentiment'];

function prices(times, nSym) {
  const n = times.length * nSym;
  const ts = new Float64Array(n), codes = new Int32Array(n), close = new Float64Array(n);
  const p = new Float64Array(nSym).fill(100);
  let k = 0;
  for (const t of times) for (let j = 0; j < nSym; j++) { p[j] *= Math.exp((rnd() - 0.5) * 0.02); ts[k] = t; codes[k] = j; close[k] = p[j]; k++; }
  return { length: n, tsMs: ts, symbol: { dictionary: names('S', nSym), codes }, close };
}
// rows: arrays ts, agent, sym (numbers); sorted by ts, agent, sym, then severity, confidence
function findings(ts, ag, sy, nAgents, nSym, horizon) {
  const n = ts.length;
  const sev = new Int32Array(n), conf = new Float64Array(n);
  for (let i = 0; i < n; i++) { sev[i] = (rnd() * 4) | 0; conf[i] = 0.3 + 0.7 * rnd(); }
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => ts[a] - ts[b] || ag[a] - ag[b] || sy[a] - sy[b] || sev[a] - sev[b] || conf[a] - conf[b]);
  const o = { length: n, tsMs: new Float64Array(n), agent: { dictionary: names('a', nAgents), codes: new Int32Array(n) }, symbol: { dictionary: names('S', nSym), codes: new Int32Array(n) },
    severity: { dictionary: ['low', 'medium', 'high', 'critical'], codes: new Int32Array(n) }, confidence: new Float64Array(n), direction: new Int8Array(n),
    horizonHours: new Float64Array(n).fill(horizon ?? NaN), strategy: { dictionary: [], codes: new Int32Array(n).fill(-1) } };
  idx.forEach((j, i) => { o.tsMs[i] = ts[j]; o.agent.codes[i] = ag[j]; o.symbol.codes[i] = sy[j]; o.severity.codes[i] = sev[j]; o.confidence[i] = conf[j]; o.direction[i] = rnd() < 0.8 ? 1 : -1; });
  return o;
}
function agents(n) {
  return { length: n, agent: names('a', n), strategy: Array.from({ length: n }, (_, i) => CLASSES[i % 5]), enabled: new Uint8Array(n).fill(1), weight: new Float64Array(n).fill(1), intervalMinutes: new Float64Array(n).fill(NaN) };
}
const grid = (start, step, count) => Array.from({ length: count }, (_, i) => start + i * step);

// each shape returns { times, nSym, nAgents, f: {ts, ag, sy}, horizon?, scenario extra yaml, regime? }
function build() {
  switch (shape) {
    case 'burst': { // SIZE findings at one instant (day 2 12:00) over a background of 2 findings/agent/hour; 200 agents x 500 symbols; 5 days hourly
      const times = grid(T0, H, 120); const bg = 200 * 2 * 96; const n = size + bg; const t = T0 + 60 * H;
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = i < size ? t : times[(rnd() * 96) | 0]; ag[i] = (rnd() * 200) | 0; sy[i] = (rnd() * 500) | 0; }
      return { times, nSym: 500, nAgents: 200, f: { ts, ag, sy } };
    }
    case 'pair': { // SIZE findings over 90 days hourly, 90% on (a0, S0); 50 agents, 50 symbols
      const times = grid(T0, H, 90 * 24); const n = size;
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = times[(rnd() * (times.length - 24)) | 0]; if (rnd() < 0.9) { ag[i] = 0; sy[i] = 0; } else { ag[i] = (rnd() * 50) | 0; sy[i] = (rnd() * 50) | 0; } }
      return { times, nSym: 50, nAgents: 50, f: { ts, ag, sy } };
    }
    case 'agentsyms': { // one agent (plus 5 others, one per class) over SIZE symbols, daily 1 year, 40 findings/day
      const times = grid(T0, DAY, 365); const per = 40; const n = per * 364;
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = times[(i / per) | 0]; ag[i] = rnd() < 0.9 ? 0 : 1 + ((rnd() * 5) | 0); sy[i] = (rnd() * size) | 0; }
      return { times, nSym: size, nAgents: 6, f: { ts, ag, sy } };
    }
    case 'manyagents': { // SIZE agents, 1 finding each, 100 symbols daily 1 year
      const times = grid(T0, DAY, 365); const n = size;
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = times[(rnd() * 360) | 0] + H; ag[i] = i; sy[i] = (rnd() * 100) | 0; }
      return { times, nSym: 100, nAgents: n, f: { ts, ag, sy } };
    }
    case 'horizon': { // fixed data (50 agents, 100 symbols, hourly 1 year, 0.2/agent/bar), horizon SIZE hours
      const times = grid(T0, H, 365 * 24); const n = Math.round(50 * times.length * 0.2);
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      const last = times.length - 1 - Math.ceil(size);
      for (let i = 0; i < n; i++) { ts[i] = times[(rnd() * last) | 0]; ag[i] = (rnd() * 50) | 0; sy[i] = (rnd() * 100) | 0; }
      return { times, nSym: 100, nAgents: 50, f: { ts, ag, sy }, horizon: size };
    }
    case 'sparseprices': { // daily prices 20 symbols over SIZE days; 12 agents 2 findings/day; cadence 1m
      const times = grid(T0, DAY, size); const n = 24 * (size - 2);
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = times[(rnd() * (size - 2)) | 0] + ((rnd() * 1440) | 0) * MIN; ag[i] = (rnd() * 12) | 0; sy[i] = (rnd() * Number(process.env.NSYM ?? 20)) | 0; }
      return { times, nSym: Number(process.env.NSYM ?? 20), nAgents: 12, f: { ts, ag, sy } };
    }
    case 'denseprices': { // minute prices 10 symbols over SIZE days; 12 agents, 2 findings/day each; cadence 1d
      const times = grid(T0, MIN, size * 1440); const n = 24 * (size - 2);
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = times[(rnd() * (size - 2) * 1440) | 0]; ag[i] = (rnd() * 12) | 0; sy[i] = (rnd() * 10) | 0; }
      return { times, nSym: 10, nAgents: 12, f: { ts, ag, sy } };
    }
    case 'kills': { // SIZE agents, 5 findings each over 180 days, poor: tight thresholds kill/retire them; hourly regime flips
      const times = grid(T0, H, 180 * 24); const n = size * 30;
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = times[(rnd() * (times.length - 48)) | 0]; ag[i] = i % size; sy[i] = (rnd() * 50) | 0; }
      return { times, nSym: 50, nAgents: size, f: { ts, ag, sy }, regime: times };
    }
    case 'long': { // SIZE years daily, 6 agents, 10 symbols, 1 finding/agent/day
      const days = Math.round(size * 365.25); const times = grid(Date.UTC(1950, 0, 1), DAY, days); const n = 6 * (days - 2);
      const ts = new Float64Array(n), ag = new Int32Array(n), sy = new Int32Array(n);
      for (let i = 0; i < n; i++) { ts[i] = times[(i / 6) | 0]; ag[i] = i % 6; sy[i] = (rnd() * 10) | 0; }
      return { times, nSym: 10, nAgents: 6, f: { ts, ag, sy } };
    }
    default: throw new Error('shape? ' + shape);
  }
}
const b = build();
const data = join(out, 'data'); mkdirSync(data, { recursive: true });
writePricesArrow(join(data, 'prices.arrow'), prices(b.times, b.nSym));
writeFindingsArrow(join(data, 'findings.arrow'), findings(b.f.ts, b.f.ag, b.f.sy, b.nAgents, b.nSym, b.horizon));
writeAgentsArrow(join(data, 'agents.arrow'), agents(b.nAgents));
if (b.regime) writeFileSync(join(data, 'regime.csv'), 'ts,risk_multiplier\n' + b.regime.map((t, i) => `${new Date(t).toISOString()},${i % 2 ? 0.5 : 1}`).join('\n') + '\n');
console.log(`${shape} ${size}: prices ${b.times.length * b.nSym}, findings ${b.f.ts.length}, agents ${b.nAgents}`);
