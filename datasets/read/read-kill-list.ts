/** Reads the strategy kill list (seed 004 meta_supervisor/strategy_kill_list.yaml) with line numbers in errors. */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { ViolationCollector } from '../../engine/core/errors.js';
import type { KillList, KillListEntry } from '../schemas/columns.js';
import { KILL_LIST_KEYS } from '../schemas/agents-schema.js';
import { didYouMean } from '../schemas/closest-name.js';
import { readFileBytes } from './open-arrow-file.js';
import { isKillListStatus, KILL_LIST_STATUSES } from '../../engine/modules/kill/strategy-kill.js';

/** Returns the kill list in `path`; throws BtInputError naming file:line for syntax errors, unknown keys and bad values. */
export function readKillListYaml(path: string): KillList {
  return parseKillListYaml(Buffer.from(readFileBytes(path)).toString('utf8'), path);
}

/** Returns the kill list parsed from YAML text; `file` names the source in errors. */
export function parseKillListYaml(text: string, file: string): KillList {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const v = new ViolationCollector();
  const lineOf = (node: Node | null | undefined): number | undefined => (node?.range ? lc.linePos(node.range[0]).line : undefined);
  for (const e of doc.errors) v.add({ file, line: lc.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split('\n')[0] ?? ''}` });
  v.throwIfAny();
  const out: Record<string, KillListEntry> = {};
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return out;
  if (!isMap(root)) {
    v.add({ file, line: lineOf(root) ?? 1, field: '(top level)', expected: 'a map of strategy class -> entry', found: 'another YAML value' });
    v.throwIfAny();
  }
  const allowed = Object.keys(KILL_LIST_KEYS);
  for (const pair of isMap(root) ? root.items : []) {
    const keyNode = isScalar(pair.key) ? pair.key : null;
    const cls = keyNode !== null ? String(keyNode.value) : '';
    const line = lineOf(keyNode);
    const at = (n: Node | null | undefined) => lineOf(n) ?? line ?? 1;
    const value = pair.value;
    if (!isMap(value)) {
      v.add({ file, line: at(value as Node | null), field: cls, expected: `a map with keys ${allowed.join(', ')}`, found: isScalar(value) ? `'${String(value.value)}'` : 'another YAML value' });
      continue;
    }
    const entry: { status?: string; maxDrawdownBps?: number; minHitRate?: number; reason?: string } = {};
    for (const item of value.items) {
      const k = isScalar(item.key) ? String(item.key.value) : '';
      const valNode = isScalar(item.value) ? item.value : null;
      const x: unknown = valNode?.value;
      const where = { file, line: at(item.key as Node), field: `${cls}.${k}` };
      if (!allowed.includes(k)) {
        v.add({ file, line: where.line, message: `unknown key '${cls}.${k}'`, hint: didYouMean(k, allowed) });
      } else if (k === 'status') {
        // Kept as written, in any case: the mode reads it (seed 004 compares exactly, so seed mode
        // keeps a 'disabled' class ACTIVE; default mode kills it). Other words are typos: refused.
        if (typeof x === 'string' && isKillListStatus(x)) entry.status = x;
        else v.add({ ...where, expected: `one of ${KILL_LIST_STATUSES.join(', ')} (any case)`, found: formatYaml(x) });
      } else if (k === 'max_drawdown_bps') {
        if (typeof x === 'number' && Number.isFinite(x) && x <= 0) entry.maxDrawdownBps = x + 0; // -0 is the 0 it means (governance writes it back)
        else v.add({ ...where, expected: 'a number <= 0 (bps; a drawdown is negative)', found: formatYaml(x) });
      } else if (k === 'min_hit_rate') {
        if (typeof x === 'number' && x >= 0 && x <= 1) entry.minHitRate = x + 0;
        else v.add({ ...where, expected: 'a fraction in [0, 1]', found: formatYaml(x) });
      } else if (typeof x === 'string') entry.reason = x;
      else v.add({ ...where, expected: 'a string', found: formatYaml(x) });
    }
    out[cls] = entry;
  }
  v.throwIfAny();
  return out;
}

function formatYaml(x: unknown): string {
  if (x === undefined || x === null) return 'nothing';
  return typeof x === 'string' ? `'${x}'` : String(x);
}
