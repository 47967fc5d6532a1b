/**
 * Human references: `NA-<year received>-<sequence>`, the sequence zero-padded to six digits
 * (it grows past six rather than wrapping). The number comes from a database sequence that runs
 * on across years, so a reference is never reused; the year only helps people read it.
 */
export const REFERENCE_PREFIX = 'NA';

export function formatReference(receivedOn: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`Bad sequence number ${seq}`);
  return `${REFERENCE_PREFIX}-${receivedOn.slice(0, 4)}-${String(seq).padStart(6, '0')}`;
}

export const REFERENCE_PATTERN = /^NA-\d{4}-\d{6,}$/;
