import type { EmploymentStatus } from './people.vocabulary';
import { LEFT_SERVICE_STATUSES } from './people.vocabulary';

export interface StatusEntry {
  status: EmploymentStatus;
  effectiveFrom: string; // YYYY-MM-DD
}

/**
 * The status in force on `date`: the latest entry effective on or before it, or null when the
 * person had no recorded status yet (not joined). ISO dates compare correctly as strings.
 */
export function statusOn(history: readonly StatusEntry[], date: string): EmploymentStatus | null {
  let best: StatusEntry | null = null;
  for (const entry of history) {
    if (entry.effectiveFrom <= date && (!best || entry.effectiveFrom >= best.effectiveFrom)) {
      best = entry;
    }
  }
  return best ? best.status : null;
}

/** The entries in date order, as the API shows them. */
export function sortHistory<T extends StatusEntry>(history: readonly T[]): T[] {
  return [...history].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

export function hasLeftService(status: EmploymentStatus | null): boolean {
  return status !== null && LEFT_SERVICE_STATUSES.includes(status);
}

/** The date the person left: the first leaving status still in force at the end of history. */
export function leftOn(history: readonly StatusEntry[]): string | null {
  const sorted = sortHistory(history);
  const last = sorted[sorted.length - 1];
  if (!last || !hasLeftService(last.status)) return null;
  let i = sorted.length - 1;
  while (i > 0 && hasLeftService(sorted[i - 1].status)) i--;
  return sorted[i].effectiveFrom;
}
