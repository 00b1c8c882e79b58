// bt as a library: run the quickstart scenario in memory, slice its tables, compare two variants.
// Run from the repository root: node examples/library/quickstart.mjs  (docs/library.md)
import { loadScenario, runScenario, compare, computeMetrics, toArquero } from 'bt-backtest';

const scenario = loadScenario('scenarios/quickstart.yaml');
const result = await runScenario(scenario); // nothing is written unless { out } is given
const { sharpe, total_return, max_drawdown, final_equity } = result.metrics;
console.log(JSON.stringify({ sharpe, total_return, max_drawdown, final_equity }));

// Arrow tables come back as they are written; arquero slices them like a data frame.
const targets = toArquero(result.tables.targets);
console.error(targets.groupby('symbol').rollup({ mean_weight: 'd => op.mean(d.weight)' }).orderby('symbol').toMarkdown());

// Any return series through the metrics of `bt metrics`: here the equity curve's period returns,
// the first from the initial capital at the start, as metrics.json takes them (the same figure).
const eq = [result.metrics.initial_equity, ...result.equity.equity];
const returns = Float64Array.from({ length: eq.length - 1 }, (_, i) => eq[i + 1] / eq[i] - 1);
console.error('annualized volatility', computeMetrics(returns, { periodsPerYear: result.metrics.periods_per_year }).annualized_volatility, 'metrics.json:', result.metrics.annualized_volatility);

// Another allocator on the same data, then the Sharpe difference with its bootstrap interval.
const other = await runScenario('scenarios/pnl-weighted.yaml');
const c = compare([result, other], { resamples: 500 });
for (const r of c.runs) console.error(r.rank, r.run, r.metrics.sharpe, r.sharpe_diff_vs_first);
