/**
 * Calendar days as the person at this computer counts them: yyyy-MM-dd in the local time zone. A deadline is a day, so
 * "14 days" from a quarter past midnight in Warsaw is fourteen Warsaw dates on, not one fewer because UTC still has
 * yesterday. The renderer (the wizard) and the main side (templates) run in the same zone and count alike.
 */
export function dayAfter(today: Date, days: number): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The local day an instant falls on. */
export const localDay = (instant: Date): string => dayAfter(instant, 0);

/** Whole days from one yyyy-MM-dd to another (calendar dates, so summer time changes nothing). */
export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000);
}
