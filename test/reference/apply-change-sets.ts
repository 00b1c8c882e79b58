import { parse } from 'yaml';

/** The maps whose entries a change set lists one by one (README, bt governance --history). */
const ENTRY_MAPS = new Set(['agents', 'allocations', 'targets', 'agent_contributions']);

/** A governance file's text as data (YAML for .yaml, JSON otherwise). */
export function fileData(path: string, text: string): Record<string, unknown> {
  return (path.endsWith('.yaml') ? parse(text) : JSON.parse(text)) as Record<string, unknown>;
}

/**
 * Applies one change set's file (data) to the file as the earlier sets left it (changed in
 * place; {} when not written yet), stated independently of the engine: a top-level field replaces the old one,
 * except the entry maps, whose entries replace one by one and null removes an entry.
 */
export function applyFileChange(file: Record<string, unknown>, change: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(change)) {
    if (!ENTRY_MAPS.has(k) || file[k] === undefined) {
      file[k] = v;
      continue;
    }
    const map = file[k] as Record<string, unknown>;
    for (const [e, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === null) delete map[e];
      else map[e] = x;
    }
  }
}

/** Returns the files (as data, PR.md left out: it lists one set's decisions) that change sets `sets`, in order, build from nothing. */
export function applyChangeSets(sets: readonly Readonly<Record<string, string>>[]): Map<string, Record<string, unknown>> {
  const files = new Map<string, Record<string, unknown>>();
  for (const set of sets) {
    for (const [path, text] of Object.entries(set)) {
      if (path === 'PR.md') continue;
      if (!files.has(path)) files.set(path, {});
      applyFileChange(files.get(path) as Record<string, unknown>, fileData(path, text));
    }
  }
  return files;
}
