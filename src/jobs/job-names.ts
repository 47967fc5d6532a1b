/** Queue and job names: the contract between the code that enqueues and the handlers. */
export const QUEUES = {
  /** Short jobs: imports, notifications, scheduled maintenance. */
  DEFAULT: 'default',
  /** Long jobs with progress: FOI extracts. */
  EXTRACTS: 'extracts',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  PEOPLE_IMPORT: 'people.import',
  DAILY: 'scheduled.daily',
  FOI_EXTRACT: 'foi.extract',
} as const;

export interface PeopleImportPayload {
  importId: string;
}

export interface FoiExtractPayload {
  extractId: string;
}
