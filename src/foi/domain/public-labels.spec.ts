import fc from 'fast-check';
import { ValidationError } from '../../common/domain-error';
import {
  employmentStatusGroup,
  EMPLOYMENT_STATUS_LABELS,
  FAMILY_RELATIONSHIPS,
  generaliseNatureLabel,
  generaliseOffenceLabel,
  generalisePersonTypeLabel,
  generaliseReasonLabel,
  generaliseStatusLabel,
  isPublicLabel,
  NATURE_LABELS,
  natureLabel,
  OFFENCE_CATEGORY_LABELS,
  parseReasonLabel,
  PERSON_TYPE_LABELS,
  PUBLIC_HIERARCHIES,
  REASON_LABELS,
  reasonLabel,
} from './public-labels';
import {
  ASSOCIATION_REASONS,
  EMPLOYMENT_STATUSES,
  OFFENCE_CATEGORIES,
  PERSON_TYPES,
  RELATIONSHIP_TYPES,
} from './vocabularies';

const relationshipsArb = fc.array(fc.constantFrom(...RELATIONSHIP_TYPES), {
  minLength: 1,
  maxLength: 6,
});
const reasonsArb = fc.array(fc.constantFrom(...ASSOCIATION_REASONS), {
  minLength: 1,
  maxLength: 5,
});

describe('natureLabel', () => {
  it.each([
    [['PARTNER'], 'Partner'],
    [['SPOUSE_CIVIL_PARTNER'], 'Partner'],
    [['EX_PARTNER'], 'Ex-partner'],
    [['SIBLING'], 'Sibling'],
    [['CHILD'], 'Child'],
    [['FRIEND'], 'Friend'],
    [['ACQUAINTANCE'], 'Acquaintance'],
    [['IN_LAW'], 'Family member'],
    [['SIBLING', 'SIBLING'], 'Siblings'],
    [['FRIEND', 'FRIEND', 'FRIEND'], 'Friends'],
    [['SIBLING', 'SIBLING_PARTNER'], 'Various family members'],
    [['IN_LAW', 'OTHER_FAMILY'], 'Various family members'],
    [['PARENT', 'CHILD', 'PARTNER'], 'Various family members'],
    [['PARTNER', 'FRIEND'], 'Various associates'],
    [['EX_PARTNER', 'CHILD'], 'Various associates'],
  ] as const)('%j → %s', (relationships, expected) => {
    expect(natureLabel(relationships)).toBe(expected);
  });

  it('refuses a declaration with no associate', () => {
    expect(() => natureLabel([])).toThrow(ValidationError);
  });

  it('depends only on the multiset of relationships, and is a public label', () => {
    fc.assert(
      fc.property(
        relationshipsArb.chain((r) =>
          fc.tuple(fc.constant(r), fc.shuffledSubarray(r, { minLength: r.length })),
        ),
        ([relationships, shuffled]) => {
          const label = natureLabel(relationships);
          expect(natureLabel(shuffled)).toBe(label);
          expect(isPublicLabel(label)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generalises to "Family member" exactly when every associate is family', () => {
    fc.assert(
      fc.property(relationshipsArb, (relationships) => {
        const allFamily = relationships.every((r) => FAMILY_RELATIONSHIPS.has(r));
        expect(generaliseNatureLabel(natureLabel(relationships))).toBe(
          allFamily ? 'Family member' : 'Other',
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('reasonLabel', () => {
  it('lists distinct reasons, most serious first', () => {
    expect(
      reasonLabel(['ADVERSE_INTELLIGENCE', 'CRIMINAL_CONVICTION', 'ADVERSE_INTELLIGENCE']),
    ).toBe('criminal convictions / adverse intel');
    expect(reasonLabel(['UNDER_INVESTIGATION_OR_AWAITING_TRIAL'])).toBe('under investigation');
    expect(reasonLabel(['ORGANISED_CRIME_LINKS'])).toBe('organised crime links');
  });

  it('refuses no reason', () => {
    expect(() => reasonLabel([])).toThrow(ValidationError);
  });

  it('is order- and repetition-independent and parses back to the same set', () => {
    fc.assert(
      fc.property(reasonsArb, fc.nat(), (reasons, seed) => {
        const rotated = [
          ...reasons.slice(seed % reasons.length),
          ...reasons.slice(0, seed % reasons.length),
        ];
        const label = reasonLabel(reasons);
        expect(reasonLabel([...rotated].reverse())).toBe(label);
        expect(reasonLabel([...reasons, ...reasons])).toBe(label);
        expect(new Set(parseReasonLabel(label))).toEqual(new Set(reasons));
        expect(isPublicLabel(label)).toBe(true);
        expect(['criminality or intelligence', 'conflict of interest or other']).toContain(
          generaliseReasonLabel(label),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('groups a declaration under its most serious reason', () => {
    expect(generaliseReasonLabel(reasonLabel(['BUSINESS_CONFLICT', 'CRIMINAL_CONVICTION']))).toBe(
      'criminality or intelligence',
    );
    expect(generaliseReasonLabel(reasonLabel(['JOURNALIST']))).toBe(
      'conflict of interest or other',
    );
  });
});

describe('generalisation hierarchies', () => {
  it('offence categories go to the broad groups', () => {
    const group = (c: keyof typeof OFFENCE_CATEGORY_LABELS) =>
      generaliseOffenceLabel(OFFENCE_CATEGORY_LABELS[c]);
    for (const c of [
      'VIOLENCE_AGAINST_THE_PERSON',
      'ROBBERY',
      'SEXUAL_OFFENCES',
      'HARASSMENT_STALKING',
    ] as const) {
      expect(group(c)).toBe('Violence and sexual offences');
    }
    for (const c of ['THEFT', 'BURGLARY', 'FRAUD', 'CRIMINAL_DAMAGE'] as const) {
      expect(group(c)).toBe('Acquisitive and damage offences');
    }
  });

  it('statuses go to in service / left the service', () => {
    expect(EMPLOYMENT_STATUSES.map(employmentStatusGroup)).toEqual([
      'SERVING',
      'SERVING',
      'SERVING',
      'LEFT_SERVICE',
      'LEFT_SERVICE',
      'LEFT_SERVICE',
      'LEFT_SERVICE',
    ]);
    expect(generaliseStatusLabel('Suspended')).toBe('In service');
    expect(generaliseStatusLabel('Dismissed')).toBe('Left the service');
  });

  it('person types go to warranted / other workforce', () => {
    expect(generalisePersonTypeLabel('Special constable')).toBe('Officer or special constable');
    expect(generalisePersonTypeLabel('PCSO')).toBe('PCSO, staff or other workforce');
  });

  it('refuses a value outside the public vocabulary instead of passing it on', () => {
    expect(() => generaliseOffenceLabel('Stole a bicycle from Mr Smith')).toThrow(ValidationError);
    expect(() => generaliseStatusLabel('SERVING')).toThrow(ValidationError);
    expect(() => generaliseNatureLabel('Brother')).toThrow(ValidationError);
    expect(() => parseReasonLabel('criminal convictions / gossip')).toThrow(ValidationError);
  });

  it('every label of every vocabulary, and every level above it, is a public label', () => {
    const cases: Array<[readonly string[], ReadonlyArray<(v: string) => string>]> = [
      [PERSON_TYPES.map((t) => PERSON_TYPE_LABELS[t]), PUBLIC_HIERARCHIES.personType],
      [
        OFFENCE_CATEGORIES.map((c) => OFFENCE_CATEGORY_LABELS[c]),
        PUBLIC_HIERARCHIES.offenceCategory,
      ],
      [
        EMPLOYMENT_STATUSES.map((s) => EMPLOYMENT_STATUS_LABELS[s]),
        PUBLIC_HIERARCHIES.employmentStatus,
      ],
      [RELATIONSHIP_TYPES.map((r) => NATURE_LABELS[r]), PUBLIC_HIERARCHIES.nature],
      [ASSOCIATION_REASONS.map((r) => REASON_LABELS[r]), PUBLIC_HIERARCHIES.reason],
    ];
    for (const [labels, hierarchy] of cases) {
      for (const label of labels) {
        let value = label;
        expect(isPublicLabel(value)).toBe(true);
        for (const coarsen of hierarchy) {
          value = coarsen(value);
          expect(isPublicLabel(value)).toBe(true);
        }
      }
    }
  });

  it('labels no two stored values the same unless documented (spouse and partner; wider family)', () => {
    const byLabel = new Map<string, string[]>();
    for (const r of RELATIONSHIP_TYPES) {
      byLabel.set(NATURE_LABELS[r], [...(byLabel.get(NATURE_LABELS[r]) ?? []), r]);
    }
    const shared = [...byLabel.values()].filter((codes) => codes.length > 1);
    expect(shared).toEqual([
      ['SPOUSE_CIVIL_PARTNER', 'PARTNER'],
      ['SIBLING_PARTNER', 'IN_LAW', 'OTHER_FAMILY'],
    ]);
    expect(new Set(Object.values(OFFENCE_CATEGORY_LABELS)).size).toBe(OFFENCE_CATEGORIES.length);
  });
});
