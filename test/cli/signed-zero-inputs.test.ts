/**
 * A zero written as -0 (what `-x * 0` gives in pandas or numpy, or a CSV cell "-0") is the same
 * number as 0: a run over inputs that differ only by the sign of a zero writes the same files.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAgentsArrow } from '../../datasets/read/read-agents.js';
import { readFindingsArrow } from '../../datasets/read/read-findings.js';
import { writeAgentsArrow } from '../../datasets/write/write-agents.js';
import { writeFindingsArrow } from '../../datasets/write/write-findings.js';
import type { FindingsColumns } from '../../datasets/schemas/columns.js';
import { shortQuickstartYaml } from '../helpers/short-quickstart.js';
import { btSync } from '../helpers/tiny-workspace.js';

const SHIPPED = 'datasets/data/real-stocks';
const dir = mkdtempSync(join(tmpdir(), 'bt-signed-zero-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the shipped dataset in `name`/, its files changed by `edit`. */
function dataset(name: string, edit: (d: string) => void): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  for (const f of ['findings.arrow', 'prices.arrow', 'agents.arrow', 'kill_list.yaml']) copyFileSync(join(SHIPPED, f), join(d, f));
  edit(d);
  return d;
}

/** Runs `yaml` (DATA = the dataset folder) and returns each output file's bytes but manifest.json's and run_info.json's (they hash the inputs). */
function outputs(data: string, yaml: string): Record<string, Buffer> {
  const scenario = join(data, 'scenario.yaml');
  writeFileSync(scenario, yaml.replaceAll('DATA', '.'));
  const out = join(data, 'out');
  const r = btSync(data, ['run', scenario, '--out', out, '--quiet', '--no-report']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const files: Record<string, Buffer> = {};
  for (const f of readdirSync(out).sort()) if (f !== 'manifest.json' && f !== 'run_info.json') files[f] = readFileSync(join(out, f));
  return files;
}

/** Every file under `root` (relative path -> bytes). */
function tree(root: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p);
    }
  };
  walk(root);
  return out;
}

/**
 * Rows whose (ts, agent, symbol, severity) differ from both neighbours': their confidence can be
 * set to anything in [0, 1] and the rows stay in the order a run reads.
 */
function lonelyRows(f: FindingsColumns): number[] {
  const key = (i: number): string => `${f.tsMs[i]} ${f.agent.codes[i]} ${f.symbol.codes[i]} ${f.severity.codes[i]}`;
  const rows: number[] = [];
  for (let i = 0; i < f.length; i++) if ((i === 0 || key(i - 1) !== key(i)) && (i === f.length - 1 || key(i + 1) !== key(i))) rows.push(i);
  return rows;
}

function withConfidence(zero: number): (d: string) => void {
  return (d) => {
    const f = readFindingsArrow(join(SHIPPED, 'findings.arrow'));
    const confidence = Float64Array.from(f.confidence);
    const rows = lonelyRows(f);
    for (let k = 0; k < rows.length; k += 5) confidence[rows[k] as number] = zero;
    writeFindingsArrow(join(d, 'findings.arrow'), { ...f, confidence });
  };
}

function withExpectedPnl(zero: number): (d: string) => void {
  return (d) => {
    const f = readFindingsArrow(join(SHIPPED, 'findings.arrow'));
    const expectedPnlBps = new Float64Array(f.length).fill(Number.NaN); // null: score-linear
    const rows = lonelyRows(f);
    for (let k = 0; k < rows.length; k += 5) expectedPnlBps[rows[k] as number] = zero;
    writeFindingsArrow(join(d, 'findings.arrow'), { ...f, expectedPnlBps });
  };
}

function withWeight(zero: number): (d: string) => void {
  return (d) => {
    const a = readAgentsArrow(join(SHIPPED, 'agents.arrow'));
    const weight = Float64Array.from(a.weight);
    weight[0] = zero;
    weight[3] = zero;
    writeAgentsArrow(join(d, 'agents.arrow'), { ...a, weight });
  };
}

/** The same files, byte for byte: the -0 run's against the 0 run's. */
function expectSameFiles(minus: Record<string, Buffer>, plus: Record<string, Buffer>): void {
  expect(Object.keys(minus)).toEqual(Object.keys(plus));
  for (const f of Object.keys(plus)) expect(minus[f]?.equals(plus[f] as Buffer), f).toBe(true);
}

const runYaml = (name: string, extra = ''): string => shortQuickstartYaml(name, 'DATA', { end: '2002-06-01', extra });

describe('inputs that differ only by the sign of a zero', () => {
  it('a finding confidence of -0 gives the files a confidence of 0 gives, byte for byte', () => {
    const plus = outputs(dataset('conf-plus', withConfidence(0)), runYaml('conf'));
    const minus = outputs(dataset('conf-minus', withConfidence(-0)), runYaml('conf'));
    expectSameFiles(minus, plus);
  });

  it('an expected_pnl_bps of -0 (reconcile.expected_model: column) gives the files 0 gives, byte for byte', () => {
    const yaml = runYaml('column').replace('error_abs_bps: 4000\n', 'error_abs_bps: 4000\n  expected_model: column\n');
    const plus = outputs(dataset('column-plus', withExpectedPnl(0)), yaml);
    const minus = outputs(dataset('column-minus', withExpectedPnl(-0)), yaml);
    expectSameFiles(minus, plus);
  });

  it('reconcile.expected_bps_per_score written -0 gives the files 0 gives, byte for byte', () => {
    const d = dataset('eps', () => {});
    const withScore = (score: string): string => runYaml('eps').replace('error_abs_bps: 4000\n', `error_abs_bps: 4000\n  expected_bps_per_score: ${score}\n`);
    const plus = outputs(d, withScore('0'));
    const minus = outputs(d, withScore('-0'));
    expectSameFiles(minus, plus);
  });

  it('an agent schedule weight of -0 gives the files a weight of 0 gives under static-schedule, byte for byte', () => {
    const yaml = runYaml('weights').replace('variant: risk-penalized', 'variant: static-schedule');
    const plus = outputs(dataset('weight-plus', withWeight(0)), yaml);
    const minus = outputs(dataset('weight-minus', withWeight(-0)), yaml);
    expectSameFiles(minus, plus);
  });

  it('a kill list threshold of -0 gives the run and bt governance files 0 gives, byte for byte', () => {
    const killList = (zero: string) => (d: string): void => {
      const path = join(d, 'kill_list.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/(sentiment:\n(?:  .*\n)*?  max_drawdown_bps: )-?\d+/, `$1${zero}`));
      expect(readFileSync(path, 'utf8')).toContain(`max_drawdown_bps: ${zero}\n`);
    };
    const governance = (data: string): Record<string, Buffer> => {
      const r = btSync(data, ['governance', 'out', '--out', 'governance', '--history']);
      expect(r.code, r.stderr).toBe(0);
      return tree(join(data, 'governance'));
    };
    const plusData = dataset('kill-plus', killList('0'));
    const minusData = dataset('kill-minus', killList('-0'));
    const plus = outputs(plusData, runYaml('kill'));
    const minus = outputs(minusData, runYaml('kill'));
    expectSameFiles(minus, plus);
    const gPlus = governance(plusData);
    const gMinus = governance(minusData);
    expect(Object.keys(gMinus)).toEqual(Object.keys(gPlus));
    for (const f of Object.keys(gPlus)) expect(gMinus[f]?.equals(gPlus[f] as Buffer), f).toBe(true);
  });
});
