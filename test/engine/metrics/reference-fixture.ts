import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Expected values written by test/reference/metrics_reference.py (numpy). */
export interface ReferenceMetrics {
  readonly n: number;
  readonly [field: string]: number | null | ReferenceDrawdown | ReferenceEmpyrical;
}
export interface ReferenceDrawdown {
  readonly peak_index: number | null;
  readonly start_index: number | null;
  readonly trough_index: number | null;
  readonly recovery_index: number | null;
  readonly longest_duration: number;
}
export interface ReferenceEmpyrical {
  readonly max_drawdown: number;
  readonly var: number;
  readonly cvar: number;
}
export interface ReferenceCase {
  readonly name: string;
  readonly returns: number[];
  readonly N: number;
  readonly rf?: number;
  readonly mar?: number;
  readonly level?: number;
  readonly expected: ReferenceMetrics;
}
export interface ReferenceFile {
  readonly synthetic: ReferenceCase[];
  readonly sp500_close: { readonly periods_per_year: number; readonly expected: ReferenceMetrics };
  readonly edhec: Record<string, ReferenceMetrics>;
  readonly managers: Record<string, ReferenceMetrics>;
}

/** Loads test/fixtures/metrics/reference.json. */
export function loadReference(): ReferenceFile {
  return JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/metrics/reference.json'), 'utf8')) as ReferenceFile;
}

/** Tolerance of every comparison against the numpy reference. */
export const TOL = 1e-9;

/** True when a and b agree within TOL, absolutely or relative to |b| for large values; nulls must match. */
export function close(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b || (a == null && b == null);
  return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));
}
