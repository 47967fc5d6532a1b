import fc from 'fast-check';
import {
  AssociatePriorityInput,
  CURRENT_BONUS,
  EXTRA_LINK_CAP,
  EXTRA_REASON_CAP,
  FIRST_LINK_BONUS,
  MAX_PRIORITY,
  PERSON_TYPE_WEIGHTS,
  PriorityInput,
  RANK_WEIGHTS,
  REASON_WEIGHTS,
  RELATIONSHIP_WEIGHTS,
  VETTING_LEVEL_WEIGHTS,
  declarationPriority,
  priorityScore,
} from './priority';
import {
  ASSOCIATION_REASONS,
  AssociationReason,
  PERSON_TYPES,
  RELATIONSHIP_TYPES,
  VETTING_LEVELS,
} from './vocabulary';

const base: PriorityInput = {
  reasons: ['CRIMINAL_CONVICTION'],
  relationship: 'FRIEND',
  current: true,
  linkedDeclarations: 0,
};
const score = (overrides: Partial<PriorityInput>) => priorityScore({ ...base, ...overrides });

const arbInput: fc.Arbitrary<PriorityInput> = fc.record({
  reasons: fc.uniqueArray(fc.constantFrom(...ASSOCIATION_REASONS), { maxLength: 11 }),
  relationship: fc.constantFrom(...RELATIONSHIP_TYPES),
  current: fc.boolean(),
  endedOn: fc.constantFrom(null, '2020-01-01', '2025-12-31'),
  declarantVettingLevel: fc.option(fc.constantFrom(...VETTING_LEVELS)),
  declarantPersonType: fc.option(fc.constantFrom(...PERSON_TYPES)),
  declarantRank: fc.option(fc.constantFrom(...Object.keys(RANK_WEIGHTS), 'SEO', 'Band C')),
  linkedDeclarations: fc.nat({ max: 1000 }),
});

describe('priorityScore orderings', () => {
  it.each([
    'ADVERSE_INTELLIGENCE',
    'ORGANISED_CRIME_LINKS',
    'UNDER_INVESTIGATION_OR_AWAITING_TRIAL',
    'EXTREMIST_GROUP',
  ] as const)('%s outranks an (old) criminal conviction', (reason) => {
    expect(score({ reasons: [reason] })).toBeGreaterThan(
      score({ reasons: ['CRIMINAL_CONVICTION'] }),
    );
  });

  it('ranks a conviction above "other"', () => {
    expect(score({ reasons: ['CRIMINAL_CONVICTION'] })).toBeGreaterThan(
      score({ reasons: ['OTHER'] }),
    );
  });

  it.each(
    (['CO_RESIDENT', 'SPOUSE_CIVIL_PARTNER', 'PARTNER'] as const).flatMap((close) =>
      (['ACQUAINTANCE', 'ONLINE_CONTACT'] as const).map((distant) => [close, distant]),
    ),
  )('%s outranks %s', (close, distant) => {
    expect(score({ relationship: close })).toBeGreaterThan(score({ relationship: distant }));
  });

  it('gives the closest relationships the highest weight of all', () => {
    const top = Math.max(...Object.values(RELATIONSHIP_WEIGHTS));
    expect(RELATIONSHIP_WEIGHTS.CO_RESIDENT).toBe(top);
    expect(RELATIONSHIP_WEIGHTS.SPOUSE_CIVIL_PARTNER).toBe(top);
    expect(RELATIONSHIP_WEIGHTS.PARTNER).toBe(top);
  });

  it('ranks a current association above an ended one', () => {
    expect(score({ current: true })).toBeGreaterThan(
      score({ current: false, endedOn: '2024-05-01' }),
    );
  });

  it('ignores the end date itself (the stored score must not change with time)', () => {
    expect(score({ current: false, endedOn: '2001-01-01' })).toBe(
      score({ current: false, endedOn: '2025-12-01' }),
    );
  });

  it.each(
    (['SC', 'DV', 'NPPV3'] as const).flatMap((high) =>
      (['RV', 'MV', 'NPPV1', 'NPPV2'] as const).map((low) => [high, low]),
    ),
  )('a %s-vetted declarant outranks a %s-vetted one', (high, low) => {
    expect(score({ declarantVettingLevel: high })).toBeGreaterThan(
      score({ declarantVettingLevel: low }),
    );
  });

  it('any vetting level outranks an unknown one', () => {
    for (const level of VETTING_LEVELS) {
      expect(score({ declarantVettingLevel: level })).toBeGreaterThan(
        score({ declarantVettingLevel: null }),
      );
    }
  });

  it.each(PERSON_TYPES.filter((t) => t !== 'POLICE_OFFICER'))(
    'a police officer outranks a %s',
    (other) => {
      expect(score({ declarantPersonType: 'POLICE_OFFICER' })).toBeGreaterThan(
        score({ declarantPersonType: other }),
      );
    },
  );

  it.each(['INSPECTOR', 'SUPERINTENDENT', 'CHIEF_SUPERINTENDENT', 'COMMISSIONER'])(
    'a %s outranks a constable; rank is read case-insensitively',
    (rank) => {
      expect(score({ declarantRank: rank })).toBeGreaterThan(score({ declarantRank: 'CONSTABLE' }));
      expect(score({ declarantRank: rank.toLowerCase() })).toBe(score({ declarantRank: rank }));
    },
  );

  it('scores an unknown rank or a staff grade like no rank', () => {
    expect(score({ declarantRank: 'Band C' })).toBe(score({ declarantRank: null }));
  });

  it('a link to another declarant adds substantially: more than the whole relationship spread', () => {
    const linkedDistant = score({ relationship: 'ACQUAINTANCE', linkedDeclarations: 1 });
    const unlinkedClose = score({ relationship: 'CO_RESIDENT', linkedDeclarations: 0 });
    expect(linkedDistant).toBeGreaterThan(unlinkedClose);
    expect(score({ linkedDeclarations: 1 }) - score({ linkedDeclarations: 0 })).toBe(
      FIRST_LINK_BONUS,
    );
  });

  it('more links rank higher, up to a cap', () => {
    expect(score({ linkedDeclarations: 3 })).toBeGreaterThan(score({ linkedDeclarations: 1 }));
    expect(score({ linkedDeclarations: 500 })).toBe(
      score({ linkedDeclarations: 0 }) + FIRST_LINK_BONUS + EXTRA_LINK_CAP,
    );
  });

  it('treats a nonsensical link count as none', () => {
    expect(score({ linkedDeclarations: -3 })).toBe(score({ linkedDeclarations: 0 }));
    expect(score({ linkedDeclarations: Number.NaN })).toBe(score({ linkedDeclarations: 0 }));
  });

  it('counts repeated reasons once', () => {
    expect(score({ reasons: ['OTHER', 'OTHER', 'OTHER'] })).toBe(score({ reasons: ['OTHER'] }));
  });

  it('reaches exactly 1000 for the worst case, and 0 for nothing at all', () => {
    const worst = priorityScore({
      reasons: [...ASSOCIATION_REASONS],
      relationship: 'CO_RESIDENT',
      current: true,
      declarantVettingLevel: 'DV',
      declarantPersonType: 'POLICE_OFFICER',
      declarantRank: 'COMMISSIONER',
      linkedDeclarations: 1000,
    });
    expect(worst).toBe(MAX_PRIORITY);
    const top = (o: Readonly<Record<string, number>>) => Math.max(...Object.values(o));
    expect(
      top(REASON_WEIGHTS) +
        EXTRA_REASON_CAP +
        top(RELATIONSHIP_WEIGHTS) +
        CURRENT_BONUS +
        top(VETTING_LEVEL_WEIGHTS) +
        top(PERSON_TYPE_WEIGHTS) +
        top(RANK_WEIGHTS) +
        FIRST_LINK_BONUS +
        EXTRA_LINK_CAP,
    ).toBe(MAX_PRIORITY); // the clamp never flattens a difference
    expect(
      priorityScore({ ...base, reasons: [], relationship: 'ACQUAINTANCE', current: false }),
    ).toBe(RELATIONSHIP_WEIGHTS.ACQUAINTANCE);
  });
});

describe('priorityScore properties', () => {
  it('is an integer within 0..1000', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const s = priorityScore(input);
        return Number.isInteger(s) && s >= 0 && s <= MAX_PRIORITY;
      }),
    );
  });

  it('never goes down when a reason is added', () => {
    fc.assert(
      fc.property(arbInput, fc.constantFrom(...ASSOCIATION_REASONS), (input, extra) => {
        const more: AssociationReason[] = [...input.reasons, extra];
        return priorityScore({ ...input, reasons: more }) >= priorityScore(input);
      }),
    );
  });

  it('goes up when a new reason is more serious than all the others', () => {
    fc.assert(
      fc.property(arbInput, fc.constantFrom(...ASSOCIATION_REASONS), (input, extra) => {
        fc.pre(input.reasons.every((r) => REASON_WEIGHTS[r] < REASON_WEIGHTS[extra]));
        return (
          priorityScore({ ...input, reasons: [...input.reasons, extra] }) > priorityScore(input)
        );
      }),
    );
  });

  it('never goes down when a link is added', () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 1, max: 50 }), (input, more) => {
        const linked = { ...input, linkedDeclarations: input.linkedDeclarations + more };
        return priorityScore(linked) >= priorityScore(input);
      }),
    );
  });

  it('scores a current association at least as high as the same one ended', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const current = priorityScore({ ...input, current: true, endedOn: null });
        const ended = priorityScore({ ...input, current: false });
        return current >= ended;
      }),
    );
  });

  it('does not depend on the order of reasons', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const reversed = { ...input, reasons: [...input.reasons].reverse() };
        return priorityScore(reversed) === priorityScore(input);
      }),
    );
  });
});

describe('declarationPriority', () => {
  const declarant = { declarantVettingLevel: 'SC', declarantPersonType: 'POLICE_OFFICER' } as const;
  const friend: AssociatePriorityInput = {
    reasons: ['OTHER'],
    relationship: 'FRIEND',
    current: true,
  };
  const brother: AssociatePriorityInput = {
    reasons: ['ORGANISED_CRIME_LINKS'],
    relationship: 'SIBLING',
    current: true,
  };

  it('is the most urgent associate as that declarant would score it', () => {
    expect(declarationPriority([friend, brother], declarant, 2)).toBe(
      priorityScore({ ...brother, ...declarant, linkedDeclarations: 2 }),
    );
  });

  it('adds the declarant and link bonuses once, not per associate', () => {
    const one = declarationPriority([brother], declarant, 1);
    const many = declarationPriority([brother, brother, brother], declarant, 1);
    expect(many).toBe(one);
  });

  it('is 0 for no associates', () => {
    expect(declarationPriority([], declarant, 5)).toBe(0);
  });

  const arbAssociate: fc.Arbitrary<AssociatePriorityInput> = fc.record({
    reasons: fc.uniqueArray(fc.constantFrom(...ASSOCIATION_REASONS), {
      minLength: 1,
      maxLength: 4,
    }),
    relationship: fc.constantFrom(...RELATIONSHIP_TYPES),
    current: fc.boolean(),
  });

  it('never goes down when an associate is added, and is never below any associate', () => {
    fc.assert(
      fc.property(
        fc.array(arbAssociate, { minLength: 1, maxLength: 6 }),
        arbAssociate,
        fc.nat({ max: 20 }),
        (associates, extra, links) => {
          const before = declarationPriority(associates, declarant, links);
          const after = declarationPriority([...associates, extra], declarant, links);
          const each = associates.map((a) =>
            priorityScore({ ...a, ...declarant, linkedDeclarations: links }),
          );
          return after >= before && each.every((s) => s <= before) && before <= MAX_PRIORITY;
        },
      ),
    );
  });
});
