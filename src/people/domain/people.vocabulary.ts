/** Vocabularies of the people register (DOMAIN.md §2). */
export const GENDERS = ['FEMALE', 'MALE', 'OTHER', 'NOT_RECORDED'] as const;
export type Gender = (typeof GENDERS)[number];

export const PERSON_TYPES = [
  'POLICE_OFFICER',
  'SPECIAL_CONSTABLE',
  'PCSO',
  'POLICE_STAFF',
  'VOLUNTEER',
  'CONTRACTOR',
] as const;
export type PersonType = (typeof PERSON_TYPES)[number];

export const RANKS = [
  'CONSTABLE',
  'SERGEANT',
  'INSPECTOR',
  'CHIEF_INSPECTOR',
  'SUPERINTENDENT',
  'CHIEF_SUPERINTENDENT',
  'COMMANDER',
  'DEPUTY_ASSISTANT_COMMISSIONER',
  'ASSISTANT_COMMISSIONER',
  'DEPUTY_COMMISSIONER',
  'COMMISSIONER',
] as const;
export type Rank = (typeof RANKS)[number];

export const EMPLOYMENT_STATUSES = [
  'SERVING',
  'RESTRICTED_DUTIES',
  'SUSPENDED',
  'RESIGNED',
  'RETIRED',
  'DISMISSED',
  'DECEASED',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const VETTING_LEVELS = ['RV', 'MV', 'NPPV1', 'NPPV2', 'NPPV3', 'SC', 'DV'] as const;
export type VettingLevel = (typeof VETTING_LEVELS)[number];

/** Person types that hold a rank; the others carry a grade. */
export const RANKED_PERSON_TYPES: readonly PersonType[] = ['POLICE_OFFICER', 'SPECIAL_CONSTABLE'];

/** Statuses after which the person is no longer in the workforce. */
export const LEFT_SERVICE_STATUSES: readonly EmploymentStatus[] = [
  'RESIGNED',
  'RETIRED',
  'DISMISSED',
  'DECEASED',
];
