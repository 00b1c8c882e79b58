/**
 * The examples each command's --help ends with: commands a user pastes from the repository's root
 * after `npm ci`, in the order given (a later line may read what an earlier one wrote: the
 * quickstart's run folder, a generated universe). test/cli/help-examples.test.ts runs every line
 * as printed, so an example cannot drift from what the command accepts.
 */

/** Example command lines by command path ('run', 'report lp', 'data import', ...). */
export const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  run: [
    'npx bt run scenarios/quickstart.yaml                   # writes results/quickstart/',
    'npx bt run scenarios/quickstart.yaml --out results/qs-csv --csv --no-report',
  ],
  replay: ['npx bt replay results/quickstart'],
  report: ['npx bt report results/quickstart                      # rebuilds results/quickstart/report/'],
  'report lp': ['npx bt report lp results/quickstart --out lp --week 2005-W26'],
  governance: ['npx bt governance results/quickstart --out governance --at 2005-07-02 --history'],
  compare: [
    'npx bt compare scenarios/quickstart.yaml --variant risk-penalized --variant pnl-weighted',
    'npx bt compare results/quickstart results/qs-csv --out compare',
  ],
  metrics: [
    'npx bt metrics results/quickstart/equity.arrow --prices',
    "npx bt metrics test/fixtures/data/managers.csv --columns HAM1,HAM2 --benchmark 'SP500 TR'",
  ],
  sweep: ['npx bt sweep scenarios/sweeps/quickstart-sweep.yaml --workers 2   # writes results/sweeps/quickstart-sweep/'],
  merge: [
    'npx bt sweep scenarios/sweeps/quickstart-sweep.yaml --shard 1/2 --out shard1 --no-report',
    'npx bt sweep scenarios/sweeps/quickstart-sweep.yaml --shard 2/2 --out shard2 --no-report',
    'npx bt merge shard1 shard2 --out merged --no-report',
  ],
  parity: ['npx bt parity --in test/fixtures/parity/cases_risk_weights.jsonl --out parity.jsonl --check'],
  'data import': [
    'npx bt data import findings test/fixtures/live/findings.jsonl --out findings.arrow',
    'npx bt data import prices test/fixtures/tearsheet/quickstart/benchmark.csv --symbol SPX --time-format epoch-ms --out spx.arrow',
  ],
  'data inspect': ['npx bt data inspect datasets/data/real-stocks/findings.arrow'],
  'data generate': ['npx bt data generate --seed 7 --out u7 --agents 6 --symbols 4 --freq 1d --end 2022-06-30'],
  init: [
    'npx bt init my-desk --findings u7/findings.arrow --prices u7/prices.arrow --agents u7/agents.arrow',
    'npx bt run my-desk/scenario.yaml',
  ],
};

/** Returns the help text after a command's options: its examples, or '' for a command without any. */
export function helpExamplesText(path: string): string {
  const lines = HELP_EXAMPLES[path];
  if (lines === undefined) return '';
  return `\nExamples (from the repository's root):\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
