/**
 * User-facing input errors and seed-mode exceptions.
 *
 * BtInputError is raised only by the I/O shell (parsers, readers, CLI) and is formatted as
 * `<file>:<line>: <field>: expected <what>, found <what>. <hint>` (STYLE.md, Errors).
 * SeedRaise marks the places where the seeds' Python raises: seed mode must fail on the
 * same inputs, and `bt parity` reports them as `"raises": "<Kind>: <message>"`.
 */

export interface InputErrorDetail {
  readonly file?: string;
  readonly line?: number;
  readonly row?: number;
  readonly field?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly hint?: string;
  /** Free text used when the error is not about one field (e.g. "file is not Arrow IPC"). */
  readonly message?: string;
}

/** Formats one violation as `<file>:<line>: <field>: expected <what>, found <what>. <hint>`. */
export function formatInputError(d: InputErrorDetail): string {
  const where: string[] = [];
  if (d.file !== undefined) where.push(d.line !== undefined ? `${d.file}:${d.line}` : d.file);
  else if (d.line !== undefined) where.push(`line ${d.line}`);
  if (d.row !== undefined) where.push(`row ${d.row}`);
  const parts: string[] = [];
  if (where.length > 0) parts.push(where.join(': '));
  let body = '';
  if (d.field !== undefined) body += `${d.field}: `;
  if (d.expected !== undefined) {
    body += `expected ${d.expected}`;
    if (d.found !== undefined) body += `, found ${d.found}`;
  } else if (d.found !== undefined) {
    body += `found ${d.found}`;
  }
  if (d.message !== undefined) body += body.length > 0 ? `. ${d.message}` : d.message;
  if (body.length > 0) parts.push(body);
  let text = parts.join(': ');
  if (d.hint !== undefined) text += `. ${d.hint}`;
  return text;
}

/** Bad user input: names the file, line/row, field, what was expected and what was found. */
export class BtInputError extends Error {
  readonly details: readonly InputErrorDetail[];
  readonly moreCount: number;

  constructor(details: InputErrorDetail | readonly InputErrorDetail[], moreCount = 0) {
    const list: readonly InputErrorDetail[] = Array.isArray(details)
      ? (details as readonly InputErrorDetail[])
      : [details as InputErrorDetail];
    const lines = list.map(formatInputError);
    if (moreCount > 0) lines.push(`... and ${moreCount} more`);
    super(lines.join('\n'));
    this.name = 'BtInputError';
    this.details = list;
    this.moreCount = moreCount;
  }
}

/** Collects violations, keeping the first `limit` and counting the rest (STYLE: first 20, then a count). */
export class ViolationCollector {
  private readonly kept: InputErrorDetail[] = [];
  private extra = 0;
  constructor(private readonly limit = 20) {}

  add(d: InputErrorDetail): void {
    if (this.kept.length < this.limit) this.kept.push(d);
    else this.extra += 1;
  }

  get count(): number {
    return this.kept.length + this.extra;
  }

  /** Throws a BtInputError listing the violations, if any were added. */
  throwIfAny(): void {
    if (this.kept.length > 0) throw new BtInputError(this.kept, this.extra);
  }
}

/** Python exception kinds the seeds can raise on bad input. */
export type PythonErrorKind = 'TypeError' | 'KeyError' | 'ValueError' | 'ZeroDivisionError';

/** Raised by seed-mode functions exactly where the seeds' Python raises. */
export class SeedRaise extends Error {
  readonly kind: PythonErrorKind;
  constructor(kind: PythonErrorKind, message: string) {
    super(`${kind}: ${message}`);
    this.name = 'SeedRaise';
    this.kind = kind;
  }
}

/** Marks an internal invariant; failing one is a bug in bt, not bad input. */
export function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`internal invariant failed: ${msg}`);
}

/** The signals that stop bt, with the status a shell shows for them (128 + the signal number). */
export const INTERRUPT_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_STATUS;

/** Thrown where a signal stopped a command (engine/cli/interrupt.ts); `message` says what it left on disk. */
export class Interrupted extends Error {
  constructor(
    readonly signal: InterruptSignal,
    message = `interrupted (${signal})`,
  ) {
    super(message);
  }
}
