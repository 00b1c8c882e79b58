import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The browser builds of vega, vega-lite and vega-embed, as text to inline in a report. */
export interface VegaLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

/** Reads the installed UMD builds (node_modules/<pkg>/build/<pkg>.min.js) found from each package's entry point. */
export function readVegaLibraries(): VegaLibraries {
  const require = createRequire(import.meta.url);
  const build = (pkg: string, file: string): string => readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
  return {
    vega: build('vega', 'vega.min.js'),
    vegaLite: build('vega-lite', 'vega-lite.min.js'),
    vegaEmbed: build('vega-embed', 'vega-embed.min.js'),
  };
}
