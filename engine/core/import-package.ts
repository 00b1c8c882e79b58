/**
 * import() of an ES-module package (vega, vega-lite), resolved from node_modules: the one place
 * the CLI loads one. Why a function of its own: the CLI's CommonJS bundle runs in a vm.Script
 * (bin/compiled-cli.js), where an import() of its own has no loader once V8's code cache is
 * used; bin/bundle-cli.js swaps this body for the importer that loader passes in.
 */
export function importPackage<T>(name: string): Promise<T> {
  return import(name) as Promise<T>;
}
