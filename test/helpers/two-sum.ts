/** A compensated sum updated one value at a time (Knuth's two-sum, as the engine's): the reference order, outcome by outcome. */
export class TwoSum {
  hi = 0;
  lo = 0;
  add(x: number): void {
    const s = this.hi + x;
    const bp = s - this.hi;
    this.lo += (this.hi - (s - bp)) + (x - bp);
    this.hi = s;
  }
}
