import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { METRIC_FIELDS } from '../metrics/compute-metrics.js';
import { describeFound } from '../scenario/describe-field.js';
import { isPlainObject, validateObject, type ObjectSpec } from '../scenario/param-spec.js';
import { parseYamlWithLines } from '../scenario/parse-yaml-with-lines.js';
import { checkYamlSize } from '../scenario/read-scenario-file.js';
import { resolvePath } from '../scenario/resolve.js';
import type { ScenarioPath } from '../scenario/scenario.js';
import { createValidationContext, report, throwViolations } from '../scenario/validation-context.js';
import { METRIC_DIRECTION, RESULT_METRIC_FIELDS, type ResultMetricField } from './metric-columns.js';
import { parseSweepSpace } from './parse-sweep-space.js';
import type { SweepSpace } from './space.js';

/** Whether the objective is maximized or minimized when picking the best configuration. */
export type SweepDirection = 'maximize' | 'minimize';

/** A validated sweep file (field by field: docs/sweeps.md). */
export interface SweepFile {
  /** The sweep file as given (messages only). */
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  /** The base scenario, relative to the sweep file's folder (`rel`) and absolute (`abs`, to open only). */
  readonly base: ScenarioPath;
  readonly objective: ResultMetricField;
  readonly direction: SweepDirection;
  readonly space: SweepSpace;
  /** Walk-forward evaluation: the curve is cut into `windows` equal parts (absent: off). */
  readonly walkForward?: { readonly windows: number };
  /** 1-based line of each key, by dotted path (space keys included), for messages. */
  readonly keyLines: ReadonlyMap<string, number>;
}

/** The sweep file's fields other than `space` (validated by parse-sweep-space.ts). */
export const SWEEP_FILE_SPEC: ObjectSpec = {
  name: { kind: 'string', doc: 'Sweep name; names the default output folder results/sweeps/<name>', optional: true, pattern: { source: '^(?!\\.\\.?$)[a-z0-9._-]+$', doc: "made of a-z, 0-9, '.', '_' and '-', other than '.' and '..' (a folder name)" } },
  description: { kind: 'string', doc: 'Free text', optional: true },
  base: { kind: 'path', doc: "Base scenario YAML, relative to the sweep file's folder" },
  objective: { kind: 'string', doc: 'Metric that picks the best configuration', default: 'sharpe', choices: RESULT_METRIC_FIELDS },
  direction: { kind: 'string', doc: "'maximize' or 'minimize' the objective; absent: the metric's better direction", optional: true, choices: ['maximize', 'minimize'] },
  walk_forward: {
    kind: 'object',
    doc: 'Walk-forward evaluation: choose on each window, score on the next one',
    optional: true,
    fields: { windows: { kind: 'number', doc: 'Equal windows the equity curve is cut into (>= 2)', default: 4, min: 2, integer: true } },
  },
};

/** Returns the SweepFile in YAML `text` read from `file` (relative to `cwd`), or throws one BtInputError listing every violation with its line. */
export function parseSweepFile(text: string, file: string, cwd: string): SweepFile {
  const { value, keyLines } = parseYamlWithLines(text, file);
  const ctx = createValidationContext(file, keyLines);
  if (!isPlainObject(value)) throw new BtInputError({ file, expected: 'a mapping with base, objective and space', found: describeFound(value) });
  const { space: rawSpace, ...rest } = value;
  const cfg = validateObject(rest, SWEEP_FILE_SPEC, '', ctx);
  let space: SweepSpace | undefined;
  if (rawSpace === undefined || rawSpace === null) report(ctx, '', { field: 'space', expected: 'a mapping with one of grid, list, random', found: 'nothing (the key is missing)' });
  else space = parseSweepSpace(rawSpace, ctx);
  const objectiveRaw = cfg['objective'];
  if (cfg['walk_forward'] !== undefined && typeof objectiveRaw === 'string' && !(METRIC_FIELDS as readonly string[]).includes(objectiveRaw)) {
    report(ctx, 'walk_forward', { field: 'walk_forward', expected: `a return-series objective (${METRIC_FIELDS.join(', ')})`, found: `objective '${objectiveRaw}'`, hint: 'Run-level figures cannot be scored on one window' });
  }
  throwViolations(ctx);
  if (space === undefined) throw new BtInputError({ file, field: 'space', expected: 'a parameter space' });
  const folder = dirname(resolve(cwd, file));
  const objective = cfg['objective'] as ResultMetricField; // validated against RESULT_METRIC_FIELDS above
  const direction = (cfg['direction'] as SweepDirection | undefined) ?? (METRIC_DIRECTION[objective] === 'lower' ? 'minimize' : 'maximize');
  const wf = cfg['walk_forward'];
  const name = typeof cfg['name'] === 'string' ? cfg['name'] : basename(file).replace(/\.ya?ml$/i, '');
  return {
    file,
    name,
    ...(typeof cfg['description'] === 'string' ? { description: cfg['description'] } : {}),
    base: resolvePath(cfg['base'] as string, folder),
    objective,
    direction,
    space,
    ...(isPlainObject(wf) ? { walkForward: { windows: wf['windows'] as number } } : {}),
    keyLines,
  };
}

/** Returns the SweepFile at `path` (shell: reads the file, then parseSweepFile). */
export function readSweepFile(path: string, cwd: string): SweepFile {
  checkYamlSize(resolve(cwd, path), 'a sweep YAML file', path);
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code; // fs errors carry an errno code
    throw new BtInputError({ file: path, expected: 'a sweep YAML file', found: code === 'ENOENT' ? 'no such file' : `an unreadable file (${code ?? 'unknown error'})` });
  }
  return parseSweepFile(text, path, cwd);
}
