import { randomBytes } from 'node:crypto';

/** Letters only, so a name made with it stays distinct after normalisation. */
export const tag = () =>
  [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');

/** A vetting-queue item as GET /api/v1/vetting/queue returns it (the fields the specs read). */
export interface QueueItem {
  id: string;
  status: string;
  priority: number;
  submittedAt: string;
  riskLevel: string | null;
  [key: string]: unknown;
}
export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}
