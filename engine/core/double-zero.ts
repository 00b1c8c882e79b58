/**
 * +0 held as a heap double, to start a field that will hold fractions (a sum of costs, the
 * holdings' value). V8 keeps a field first given a small integer such as 0 as a "small integer"
 * field; the first fraction stored there moves every such object to a new map and retires the
 * old one, and each object that held one in a field typed by that map widens that field's type,
 * which throws away the optimized code of every stage that relied on it: in a process's second
 * run (bench/RESULTS.md, twentieth session). A field first given this value is a double field
 * from the start. The same number as 0 (Object.is(DOUBLE_ZERO, 0)); read from a Float64Array,
 * since V8 folds a constant expression such as 0.5 * 0 to a small integer.
 */
export const DOUBLE_ZERO: number = new Float64Array(1)[0] as number;
