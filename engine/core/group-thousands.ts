/** Returns integer `n` with commas between thousands ('10,000,000'), the same under any locale. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
