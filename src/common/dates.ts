/** Today's date in UTC as YYYY-MM-DD (the register's dates are calendar dates, not instants). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
