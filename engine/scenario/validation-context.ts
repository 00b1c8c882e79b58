import { ViolationCollector, type InputErrorDetail } from '../core/errors.js';

/** Where validation reports to: the file name, each key's line, and the list of violations. */
export interface ValidationContext {
  readonly file: string;
  /** 1-based line of each key, by dotted path ('decay.floor'); the root '' has none. */
  readonly keyLines: ReadonlyMap<string, number>;
  /** Violations in the order found; `throwViolations` sorts them by line. */
  readonly violations: InputErrorDetail[];
}

/** Returns a fresh context for one file. */
export function createValidationContext(file: string, keyLines: ReadonlyMap<string, number>): ValidationContext {
  return { file, keyLines, violations: [] };
}

/** Returns the dotted path of `key` under `parent` ('' is the root). */
export function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** Returns the line of `path`'s key, or of its nearest ancestor that has one. */
export function lineOf(ctx: ValidationContext, path: string): number | undefined {
  let p = path;
  for (;;) {
    const line = ctx.keyLines.get(p);
    if (line !== undefined) return line;
    if (p === '') return undefined;
    const dot = p.lastIndexOf('.');
    p = dot < 0 ? '' : p.slice(0, dot);
  }
}

/** Adds a violation at `path`'s line, filling in the file. */
export function report(ctx: ValidationContext, path: string, d: Omit<InputErrorDetail, 'file' | 'line'>): void {
  const line = lineOf(ctx, path);
  ctx.violations.push(line === undefined ? { file: ctx.file, ...d } : { file: ctx.file, line, ...d });
}

/** Throws one BtInputError listing the violations by line (first 20, then a count), if any. */
export function throwViolations(ctx: ValidationContext): void {
  const order = ctx.violations.map((d, i) => ({ d, i }));
  order.sort((a, b) => (a.d.line ?? 0) - (b.d.line ?? 0) || a.i - b.i);
  const collector = new ViolationCollector(20);
  for (const { d } of order) collector.add(d);
  collector.throwIfAny();
}
