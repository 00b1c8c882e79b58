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
 * are Vega's estimates (no canvas in Node), so the bytes depend only on the spec. vega and
 * vega-lite are ES modules imported when first needed (importPackage): the CLI's CommonJS
 * bundle cannot require() them.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<SvgRender> {
  const [{ View, Warn, logger, parse }, { compile }] = await Promise.all([importPackage<typeof import('vega')>('vega'), importPackage<typeof import('vega-lite')>('vega-lite')]);
  const warnings: string[] = [];
  const collect = logger(Warn, undefined, (_method: string, _level: string, input: readonly unknown[]) => {
    warnings.push(input.map(String).join(' '));
  });
  const vg = compile(spec, { logger: collect }).spec;
  const view = new View(parse(vg), { renderer: 'none', logger: collect });
  try {
    const svg = await view.toSVG();
    return { svg: `${svg}\n`, warnings };
  } finally {
    view.finalize();
  }
}
