import { ValidationError } from '../../common/domain-error';
import { FOI_ERROR_CODES } from './foi-errors';
import { WITHHELD_LABEL } from './policy';
import {
  ASSOCIATION_REASONS,
  AssociationReason,
  CONDUCT_OUTCOMES,
  ConductOutcome,
  EMPLOYMENT_STATUS_GROUPS,
  EMPLOYMENT_STATUSES,
  EmploymentStatus,
  EmploymentStatusGroup,
  LIST_STATUSES,
  ListStatus,
  OFFENCE_CATEGORIES,
  OFFENCE_GROUPS,
  OffenceCategory,
  OffenceGroup,
  PERSON_TYPES,
  PersonType,
  RELATIONSHIP_TYPES,
  RelationshipType,
  RISK_LEVELS,
  RiskLevel,
} from './vocabularies';

/**
 * The one mapping from stored vocabularies to the words an FOI response publishes, and the
 * generalisation hierarchies over those words. Extracts select enum values in SQL, turn them into
 * labels here, and k-anonymity coarsens the labels with the `generalise…` functions below. Every
 * label is fixed text: nothing a user typed can become a published value.
 */

// ------------------------------------------------------------------ nature of association

/**
 * Public "nature of association" for one associate. Published responses say "Brother" or
 * "Sister"; we do not record the gender of associates (only of people in the register), so a
 * gendered word would be a guess, hence "Sibling", "Parent", "Child". A spouse or civil partner
 * is published as "Partner": the published tables do not distinguish them, and a finer category
 * only creates small groups. Sibling's partners, in-laws and other relatives share "Family member".
 */
export const NATURE_LABELS: Readonly<Record<RelationshipType, string>> = {
  SPOUSE_CIVIL_PARTNER: 'Partner',
  PARTNER: 'Partner',
  EX_PARTNER: 'Ex-partner',
  PARENT: 'Parent',
  CHILD: 'Child',
  SIBLING: 'Sibling',
  SIBLING_PARTNER: 'Family member',
  IN_LAW: 'Family member',
  OTHER_FAMILY: 'Family member',
  CO_RESIDENT: 'Co-resident',
  FRIEND: 'Friend',
  ACQUAINTANCE: 'Acquaintance',
  NEIGHBOUR: 'Neighbour',
  BUSINESS_ASSOCIATE: 'Business associate',
  FORMER_COLLEAGUE: 'Former colleague',
  ONLINE_CONTACT: 'Online contact',
  ORGANISATION: 'Organisation',
};

/** Used when a declaration names several associates who all carry the same label. */
const NATURE_PLURALS: Readonly<Record<string, string>> = {
  Partner: 'Partners',
  'Ex-partner': 'Ex-partners',
  Parent: 'Parents',
  Child: 'Children',
  Sibling: 'Siblings',
  'Family member': 'Various family members',
  'Co-resident': 'Co-residents',
  Friend: 'Friends',
  Acquaintance: 'Acquaintances',
  Neighbour: 'Neighbours',
  'Business associate': 'Business associates',
  'Former colleague': 'Former colleagues',
  'Online contact': 'Online contacts',
  Organisation: 'Organisations',
};

/**
 * Relationships that count as family, for "Various family members" and for the first
 * generalisation level. A current spouse or partner is family (part of the household, and it is
 * the commonest declared relationship, so merging it keeps groups large); an ex-partner is not,
 * since the relationship has ended, and a co-resident may be a lodger.
 */
export const FAMILY_RELATIONSHIPS: ReadonlySet<RelationshipType> = new Set<RelationshipType>([
  'SPOUSE_CIVIL_PARTNER',
  'PARTNER',
  'PARENT',
  'CHILD',
  'SIBLING',
  'SIBLING_PARTNER',
  'IN_LAW',
  'OTHER_FAMILY',
]);

/** Several associates, all family, with different labels (e.g. a sibling and a sibling's partner). */
export const VARIOUS_FAMILY_MEMBERS = 'Various family members';
/** Several associates, not all family (e.g. a partner and a friend). */
export const VARIOUS_ASSOCIATES = 'Various associates';
/** First generalisation level of nature: family (one or several) or anything else. */
export const NATURE_GROUP_FAMILY = 'Family member';
export const NATURE_GROUP_OTHER = 'Other';

/**
 * One label for a declaration, whatever the number and order of its associates:
 * - one associate: its label ("Partner");
 * - several with the same label: the plural ("Siblings", "Various family members");
 * - several, all family, different labels: "Various family members";
 * - otherwise: "Various associates".
 * The result depends only on the multiset of relationships, never on their order.
 */
export function natureLabel(relationships: readonly RelationshipType[]): string {
  if (relationships.length === 0) {
    throw new ValidationError(
      FOI_ERROR_CODES.emptyDeclaration,
      'A declaration names at least one associate',
      [{ field: 'relationships', message: 'must not be empty' }],
    );
  }
  const labels = new Set(relationships.map((relationship) => lookup(NATURE_LABELS, relationship)));
  if (labels.size === 1) {
    const [label] = labels;
    return relationships.length === 1 ? label : NATURE_PLURALS[label];
  }
  return relationships.every((relationship) => FAMILY_RELATIONSHIPS.has(relationship))
    ? VARIOUS_FAMILY_MEMBERS
    : VARIOUS_ASSOCIATES;
}

/** Every value `natureLabel` can return, each with its first-level group. */
const NATURE_LABEL_GROUPS: ReadonlyMap<string, string> = (() => {
  const groups = new Map<string, string>();
  for (const relationship of RELATIONSHIP_TYPES) {
    const label = NATURE_LABELS[relationship];
    const group = FAMILY_RELATIONSHIPS.has(relationship) ? NATURE_GROUP_FAMILY : NATURE_GROUP_OTHER;
    groups.set(label, group);
    groups.set(NATURE_PLURALS[label], group);
  }
  groups.set(VARIOUS_FAMILY_MEMBERS, NATURE_GROUP_FAMILY);
  groups.set(VARIOUS_ASSOCIATES, NATURE_GROUP_OTHER);
  return groups;
})();

/**
 * Nature hierarchy, level 1: "Family member" (one or several, any family relationship) or
 * "Other". A level-0 "Family member" stays "Family member": the coarser reading is still true.
 */
export function generaliseNatureLabel(label: string): string {
  return lookupLabel(NATURE_LABEL_GROUPS, label, 'nature of association');
}

// ------------------------------------------------------------------ reason for declaring

/** Public "reason for declaring", in the lower-case wording of published responses. */
export const REASON_LABELS: Readonly<Record<AssociationReason, string>> = {
  CRIMINAL_CONVICTION: 'criminal convictions',
  UNDER_INVESTIGATION_OR_AWAITING_TRIAL: 'under investigation',
  ADVERSE_INTELLIGENCE: 'adverse intel',
  DISMISSED_FROM_POLICING: 'dismissed from policing',
  ORGANISED_CRIME_LINKS: 'organised crime links',
  EXTREMIST_GROUP: 'extremist group',
  PRIVATE_INVESTIGATOR: 'private investigator',
  JOURNALIST: 'journalist',
  HIERARCHICAL_CONFIDENTIAL_ORGANISATION: 'hierarchical confidential organisation',
  BUSINESS_CONFLICT: 'business conflict of interest',
  OTHER: 'other',
};

/** Separator of a combined reason label; no single reason label contains it. */
export const REASON_SEPARATOR = ' / ';

export const REASON_GROUP_CRIMINALITY = 'criminality or intelligence';
export const REASON_GROUP_CONFLICT = 'conflict of interest or other';

const CRIMINALITY_REASONS: ReadonlySet<AssociationReason> = new Set<AssociationReason>([
  'CRIMINAL_CONVICTION',
  'UNDER_INVESTIGATION_OR_AWAITING_TRIAL',
  'ADVERSE_INTELLIGENCE',
  'ORGANISED_CRIME_LINKS',
  'EXTREMIST_GROUP',
]);

/**
 * One label for all the reasons given for a declaration's associates: distinct reasons, in the
 * fixed order of `ASSOCIATION_REASONS` (most serious first), joined by " / ". Order and
 * repetition of the input do not matter.
 */
export function reasonLabel(reasons: readonly AssociationReason[]): string {
  if (reasons.length === 0) {
    throw new ValidationError(FOI_ERROR_CODES.emptyDeclaration, 'At least one reason is given', [
      { field: 'reasons', message: 'must not be empty' },
    ]);
  }
  for (const reason of reasons) lookup(REASON_LABELS, reason);
  return ASSOCIATION_REASONS.filter((reason) => reasons.includes(reason))
    .map((reason) => REASON_LABELS[reason])
    .join(REASON_SEPARATOR);
}

const REASON_BY_LABEL: ReadonlyMap<string, AssociationReason> = new Map(
  ASSOCIATION_REASONS.map((reason) => [REASON_LABELS[reason], reason]),
);

/** Splits a (possibly combined) reason label into its reasons; throws on anything unknown. */
export function parseReasonLabel(label: string): AssociationReason[] {
  return label
    .split(REASON_SEPARATOR)
    .map((part) => lookupLabel(REASON_BY_LABEL, part, 'reason for declaring'));
}

/**
 * Reason hierarchy, level 1: the group of the most serious reason given. A declaration that
 * names a conviction and a business conflict is counted under "criminality or intelligence",
 * which is true of it; inventing a third "mixed" group would only create small groups.
 */
export function generaliseReasonLabel(label: string): string {
  return parseReasonLabel(label).some((reason) => CRIMINALITY_REASONS.has(reason))
    ? REASON_GROUP_CRIMINALITY
    : REASON_GROUP_CONFLICT;
}

// ------------------------------------------------------------------ offences

export const OFFENCE_CATEGORY_LABELS: Readonly<Record<OffenceCategory, string>> = {
  VIOLENCE_AGAINST_THE_PERSON: 'Violence against the person',
  SEXUAL_OFFENCES: 'Sexual offences',
  ROBBERY: 'Robbery',
  THEFT: 'Theft',
  BURGLARY: 'Burglary',
  FRAUD: 'Fraud',
  CRIMINAL_DAMAGE: 'Criminal damage',
  DRUG_OFFENCES: 'Drug offences',
  POSSESSION_OF_WEAPONS: 'Possession of weapons',
  PUBLIC_ORDER: 'Public order offences',
  MISCONDUCT_IN_PUBLIC_OFFICE: 'Misconduct in public office',
  COMPUTER_MISUSE_DATA_PROTECTION: 'Computer misuse and data protection',
  COMMUNICATIONS_OFFENCES: 'Communications offences',
  HARASSMENT_STALKING: 'Harassment and stalking',
  DRIVING_OFFENCES: 'Driving offences',
  OTHER: 'Other offences',
};

/**
 * Offence hierarchy, level 1. Loosely the Home Office split of victim-based crime (violent vs
 * acquisitive) and crimes against society, with the offences typical of police misconduct
 * (misuse of position, systems and messaging) kept together.
 */
export const OFFENCE_GROUP_OF: Readonly<Record<OffenceCategory, OffenceGroup>> = {
  VIOLENCE_AGAINST_THE_PERSON: 'VIOLENCE_AND_SEXUAL',
  SEXUAL_OFFENCES: 'VIOLENCE_AND_SEXUAL',
  ROBBERY: 'VIOLENCE_AND_SEXUAL',
  HARASSMENT_STALKING: 'VIOLENCE_AND_SEXUAL',
  THEFT: 'ACQUISITIVE_AND_DAMAGE',
  BURGLARY: 'ACQUISITIVE_AND_DAMAGE',
  FRAUD: 'ACQUISITIVE_AND_DAMAGE',
  CRIMINAL_DAMAGE: 'ACQUISITIVE_AND_DAMAGE',
  DRUG_OFFENCES: 'DRUGS_WEAPONS_AND_PUBLIC_ORDER',
  POSSESSION_OF_WEAPONS: 'DRUGS_WEAPONS_AND_PUBLIC_ORDER',
  PUBLIC_ORDER: 'DRUGS_WEAPONS_AND_PUBLIC_ORDER',
  MISCONDUCT_IN_PUBLIC_OFFICE: 'ABUSE_OF_POSITION_AND_COMMUNICATIONS',
  COMPUTER_MISUSE_DATA_PROTECTION: 'ABUSE_OF_POSITION_AND_COMMUNICATIONS',
  COMMUNICATIONS_OFFENCES: 'ABUSE_OF_POSITION_AND_COMMUNICATIONS',
  DRIVING_OFFENCES: 'DRIVING_AND_OTHER',
  OTHER: 'DRIVING_AND_OTHER',
};

export const OFFENCE_GROUP_LABELS: Readonly<Record<OffenceGroup, string>> = {
  VIOLENCE_AND_SEXUAL: 'Violence and sexual offences',
  ACQUISITIVE_AND_DAMAGE: 'Acquisitive and damage offences',
  DRUGS_WEAPONS_AND_PUBLIC_ORDER: 'Drugs, weapons and public order offences',
  ABUSE_OF_POSITION_AND_COMMUNICATIONS: 'Abuse of position, data and communications offences',
  DRIVING_AND_OTHER: 'Driving and other offences',
};

const OFFENCE_BY_LABEL: ReadonlyMap<string, OffenceCategory> = reverse(OFFENCE_CATEGORY_LABELS);

export function offenceGroupOf(category: OffenceCategory): OffenceGroup {
  return lookup(OFFENCE_GROUP_OF, category);
}

/** Offence hierarchy on published words: category label → broad group label. */
export function generaliseOffenceLabel(label: string): string {
  const category = lookupLabel(OFFENCE_BY_LABEL, label, 'offence category');
  return OFFENCE_GROUP_LABELS[OFFENCE_GROUP_OF[category]];
}

// ------------------------------------------------------------------ people

export const PERSON_TYPE_LABELS: Readonly<Record<PersonType, string>> = {
  POLICE_OFFICER: 'Police officer',
  SPECIAL_CONSTABLE: 'Special constable',
  PCSO: 'PCSO',
  POLICE_STAFF: 'Police staff',
  VOLUNTEER: 'Volunteer',
  CONTRACTOR: 'Contractor',
};

/**
 * Person-type hierarchy, level 1: people with a warrant (under the Conduct Regulations) and the
 * rest of the workforce (under staff procedures).
 */
export const PERSON_TYPE_GROUP_WARRANTED = 'Officer or special constable';
export const PERSON_TYPE_GROUP_OTHER = 'PCSO, staff or other workforce';

const PERSON_TYPE_BY_LABEL: ReadonlyMap<string, PersonType> = reverse(PERSON_TYPE_LABELS);

export function generalisePersonTypeLabel(label: string): string {
  const type = lookupLabel(PERSON_TYPE_BY_LABEL, label, 'person type');
  return type === 'POLICE_OFFICER' || type === 'SPECIAL_CONSTABLE'
    ? PERSON_TYPE_GROUP_WARRANTED
    : PERSON_TYPE_GROUP_OTHER;
}

export const EMPLOYMENT_STATUS_LABELS: Readonly<Record<EmploymentStatus, string>> = {
  SERVING: 'Serving',
  RESTRICTED_DUTIES: 'Restricted duties',
  SUSPENDED: 'Suspended',
  RESIGNED: 'Resigned',
  RETIRED: 'Retired',
  DISMISSED: 'Dismissed',
  DECEASED: 'Deceased',
};

/**
 * Status hierarchy, level 1 (DOMAIN.md §5): still employed, whatever the duty status, or gone.
 * "In service" rather than "Serving" so a generalised value is never mistaken for the exact one.
 */
export const EMPLOYMENT_STATUS_GROUP_LABELS: Readonly<Record<EmploymentStatusGroup, string>> = {
  SERVING: 'In service',
  LEFT_SERVICE: 'Left the service',
};

const IN_SERVICE_STATUSES: ReadonlySet<EmploymentStatus> = new Set<EmploymentStatus>([
  'SERVING',
  'RESTRICTED_DUTIES',
  'SUSPENDED',
]);

/** SERVING / RESTRICTED_DUTIES / SUSPENDED → SERVING; RESIGNED / RETIRED / DISMISSED / DECEASED → LEFT_SERVICE. */
export function employmentStatusGroup(status: EmploymentStatus): EmploymentStatusGroup {
  lookup(EMPLOYMENT_STATUS_LABELS, status);
  return IN_SERVICE_STATUSES.has(status) ? 'SERVING' : 'LEFT_SERVICE';
}

const STATUS_BY_LABEL: ReadonlyMap<string, EmploymentStatus> = reverse(EMPLOYMENT_STATUS_LABELS);

/** Status hierarchy on published words: status label → "In service" / "Left the service". */
export function generaliseStatusLabel(label: string): string {
  const status = lookupLabel(STATUS_BY_LABEL, label, 'employment status');
  return EMPLOYMENT_STATUS_GROUP_LABELS[employmentStatusGroup(status)];
}

// ------------------------------------------------------------------ other published vocabularies

export const CONDUCT_OUTCOME_LABELS: Readonly<Record<ConductOutcome, string>> = {
  NO_CASE_TO_ANSWER: 'No case to answer',
  NOT_PROVEN: 'Not proven',
  REFLECTIVE_PRACTICE: 'Reflective practice',
  WRITTEN_WARNING: 'Written warning',
  FINAL_WRITTEN_WARNING: 'Final written warning',
  REDUCTION_IN_RANK: 'Reduction in rank',
  DISMISSAL_WITHOUT_NOTICE: 'Dismissal without notice',
  WOULD_HAVE_BEEN_DISMISSED: 'Would have been dismissed',
};

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

export const LIST_STATUS_LABELS: Readonly<Record<ListStatus, string>> = {
  REPORTED: 'Reported',
  ON_LIST: 'On list',
  REMOVED: 'Removed',
  CONVERTED_TO_BARRED: 'Converted to barred list',
};

/** Heading of the row or column of totals in a published count table. */
export const TOTAL_LABEL = 'Total';

// ------------------------------------------------------------------ hierarchies

/**
 * Generalisation hierarchies over published words, for `QuasiIdentifier.hierarchy`. Each lists
 * the levels above the exact label; the top level, `*` (withheld), is always implied. A year has
 * no level between itself and `*`.
 */
export const PUBLIC_HIERARCHIES = {
  year: [],
  personType: [generalisePersonTypeLabel],
  offenceCategory: [generaliseOffenceLabel],
  employmentStatus: [generaliseStatusLabel],
  nature: [generaliseNatureLabel],
  reason: [generaliseReasonLabel],
} as const satisfies Record<string, ReadonlyArray<(value: string) => string>>;

/**
 * Every fixed word an extract may publish (labels at every hierarchy level, and the enum values
 * themselves). Combined reason labels are not listed: `isPublicLabel` checks their parts.
 */
export const PUBLIC_LABELS: ReadonlySet<string> = new Set<string>([
  ...NATURE_LABEL_GROUPS.keys(),
  NATURE_GROUP_FAMILY,
  NATURE_GROUP_OTHER,
  ...Object.values(REASON_LABELS),
  REASON_GROUP_CRIMINALITY,
  REASON_GROUP_CONFLICT,
  ...Object.values(OFFENCE_CATEGORY_LABELS),
  ...Object.values(OFFENCE_GROUP_LABELS),
  ...Object.values(PERSON_TYPE_LABELS),
  PERSON_TYPE_GROUP_WARRANTED,
  PERSON_TYPE_GROUP_OTHER,
  ...Object.values(EMPLOYMENT_STATUS_LABELS),
  ...Object.values(EMPLOYMENT_STATUS_GROUP_LABELS),
  ...Object.values(CONDUCT_OUTCOME_LABELS),
  ...Object.values(RISK_LEVEL_LABELS),
  ...Object.values(LIST_STATUS_LABELS),
  ...PERSON_TYPES,
  ...EMPLOYMENT_STATUSES,
  ...EMPLOYMENT_STATUS_GROUPS,
  ...RELATIONSHIP_TYPES,
  ...ASSOCIATION_REASONS,
  ...RISK_LEVELS,
  ...OFFENCE_CATEGORIES,
  ...OFFENCE_GROUPS,
  ...CONDUCT_OUTCOMES,
  ...LIST_STATUSES,
  WITHHELD_LABEL,
  TOTAL_LABEL,
]);

/** True for a fixed public word, or a combination of reason labels as `reasonLabel` builds it. */
export function isPublicLabel(value: string): boolean {
  if (PUBLIC_LABELS.has(value)) return true;
  const parts = value.split(REASON_SEPARATOR);
  if (parts.length < 2 || !parts.every((part) => REASON_BY_LABEL.has(part))) return false;
  // Only the canonical spelling (distinct reasons, fixed order) is something we would publish.
  return reasonLabel(parseReasonLabel(value)) === value;
}

// ------------------------------------------------------------------ helpers

function lookup<K extends string, V>(table: Readonly<Record<K, V>>, key: K): V {
  if (!Object.prototype.hasOwnProperty.call(table, key)) {
    // The value is not echoed: whatever reached here unrecognised could be anything.
    throw new ValidationError(FOI_ERROR_CODES.unknownLabel, 'Value outside the fixed vocabulary');
  }
  return table[key];
}

function lookupLabel<V>(table: ReadonlyMap<string, V>, label: string, field: string): V {
  const value = table.get(label);
  if (value === undefined) {
    throw new ValidationError(
      FOI_ERROR_CODES.unknownLabel,
      `Not a public ${field} label; only the fixed vocabulary may be generalised`,
      [{ field, message: 'unknown label' }],
    );
  }
  return value;
}

function reverse<K extends string>(table: Readonly<Record<K, string>>): ReadonlyMap<string, K> {
  return new Map((Object.entries(table) as Array<[K, string]>).map(([key, label]) => [label, key]));
}
