import type { TopLevelSpec } from 'vega-lite';

/** One chart of a report: its file stem (`<name>.vl.json`, `<name>.svg`), heading and Vega-Lite spec. */
export interface ReportChart {
  readonly name: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/** A Vega-Lite data row: only numbers, strings and nulls reach a spec. */
export type ChartRow = Readonly<Record<string, number | string | null>>;
