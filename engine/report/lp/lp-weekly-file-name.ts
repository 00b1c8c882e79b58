/** Returns the weekly LP report's file name, lp_weekly_YYYY-Www.<ext>. */
export function lpWeeklyFileName(weekLabel: string, ext: 'pdf' | 'html'): string {
  return `lp_weekly_${weekLabel}.${ext}`;
}
