import type { TopLevelSpec } from 'vega-lite';
import { importPackage } from '../core/import-package.js';

/** An SVG render of a spec and the warnings Vega-Lite and Vega logged while making it. */
export interface SvgRender {
  readonly svg: string;
  readonly warnings: readonly string[];
}

/**
 * Returns the SVG of a Vega-Lite spec rendered in Node: vega-lite compile, then a headless
 * vega View (renderer 'none') and toSVG(). Warnings are collected, not printed. Text widths
 * are Vega's estimates (no canvas in Node) and gradient and clip ids restart at every SVG, so
 * the bytes depend only on the spec, whatever the process rendered before. vega and
 * vega-lite are ES modules imported when first needed (importPackage): the CLI's CommonJS
 * bundle cannot require() them.
 */
export function renderSvg(spec: TopLevelSpec): Promise<SvgRender> {
  // one render at a time in a process: the id counters are vega's globals, and a render awaits
  const run = rendering.then(() => renderNow(spec));
  rendering = run.catch(() => undefined);
  return run;
}

let rendering: Promise<unknown> = Promise.resolve();

async function renderNow(spec: TopLevelSpec): Promise<SvgRender> {
  const [{ View, Warn, logger, parse, resetSVGDefIds }, { compile }] = await Promise.all([importPackage<typeof import('vega')>('vega'), importPackage<typeof import('vega-lite')>('vega-lite')]);
  const warnings: string[] = [];
  const collect = logger(Warn, undefined, (_method: string, _level: string, input: readonly unknown[]) => {
    warnings.push(input.map(String).join(' '));
  });
  const vg = compile(spec, { logger: collect }).spec;
  const view = new View(parse(vg), { renderer: 'none', logger: collect });
  try {
    // vega numbers gradients and clip paths from process-wide counters: from 0 and 1 for every SVG, its bytes depend on its spec alone (not on what the process rendered before)
    resetSVGDefIds();
    const svg = await view.toSVG();
    return { svg: `${svg}\n`, warnings };
  } finally {
    view.finalize();
  }
}
