import fc from 'fast-check';
import { addDays, addMonths } from '../../calendar/domain/dates';
import { DomainError } from '../../common/domain-error';
import {
  Warning,
  advisoryStatusOnCaseEnd,
  assertNotSubJudice,
  assertOutcomeAllowedForStatus,
  assertOutcomeConsistentWithFinding,
  assertProceedingsAllowedForStatus,
  assertSanctionAllowed,
  assertSeverityAllowed,
  displayStatus,
  isPausedSubJudice,
  isWarningLive,
  listReportTriggers,
  ListReportFacts,
  overrunReportsDue,
  procedureFor,
  requiredSeverity,
  warningExpiresOn,
} from './rules';
import {
  CONDUCT_EVENT_TYPES,
  CONDUCT_OUTCOMES,
  CONDUCT_STATUSES,
  ConductOutcome,
  EMPLOYMENT_STATUSES,
  PERSON_TYPES,
  PROCEEDINGS_FORMS,
} from './vocabulary';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

const isoDate = fc
  .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('sub judice', () => {
  it.each(PROCEEDINGS_FORMS)(
    'refuses a referral to %s while the criminal case is pending',
    (form) => {
      expect(codeOf(() => assertNotSubJudice('REFERRED', form, true))).toBe(
        'CONDUCT_CASE.PAUSED_SUB_JUDICE',
      );
      expect(codeOf(() => assertNotSubJudice('REFERRED', form, false))).toBeUndefined();
    },
  );

  it('refuses an outcome while pending', () => {
    expect(codeOf(() => assertNotSubJudice('OUTCOME', 'MISCONDUCT_HEARING', true))).toBe(
      'CONDUCT_CASE.PAUSED_SUB_JUDICE',
    );
  });

  it.each(CONDUCT_EVENT_TYPES.filter((t) => t !== 'REFERRED' && t !== 'OUTCOME'))(
    'lets %s go ahead while pending (the investigation may continue)',
    (type) => {
      expect(codeOf(() => assertNotSubJudice(type, null, true))).toBeUndefined();
    },
  );

  it('shows PAUSED_SUB_JUDICE only for a live case before its outcome, and only while pending', () => {
    const pausable = [
      'OPEN',
      'SEVERITY_ASSESSED',
      'UNDER_INVESTIGATION',
      'CASE_TO_ANSWER',
      'REFERRED',
    ];
    for (const status of CONDUCT_STATUSES) {
      expect(isPausedSubJudice(status, true)).toBe(pausable.includes(status));
      expect(isPausedSubJudice({ status }, false)).toBe(false);
      expect(displayStatus({ status }, true)).toBe(
        pausable.includes(status) ? 'PAUSED_SUB_JUDICE' : status,
      );
      expect(displayStatus({ status }, false)).toBe(status);
    }
  });
});

describe('former officers, rank and outcomes', () => {
  it.each(['RESIGNED', 'RETIRED', 'DISMISSED'] as const)(
    'a person who has %s cannot be dismissed but can be found would-have-been-dismissed',
    (status) => {
      expect(
        codeOf(() =>
          assertOutcomeAllowedForStatus('DISMISSAL_WITHOUT_NOTICE', status, 'POLICE_OFFICER'),
        ),
      ).toBe('CONDUCT_CASE.FORMER_OFFICER_CANNOT_BE_DISMISSED');
      expect(
        codeOf(() =>
          assertOutcomeAllowedForStatus('WOULD_HAVE_BEEN_DISMISSED', status, 'POLICE_OFFICER'),
        ),
      ).toBeUndefined();
    },
  );

  it.each(['SERVING', 'RESTRICTED_DUTIES', 'SUSPENDED'] as const)(
    'a %s person can be dismissed but not found would-have-been-dismissed',
    (status) => {
      expect(
        codeOf(() => assertOutcomeAllowedForStatus('DISMISSAL_WITHOUT_NOTICE', status, 'PCSO')),
      ).toBeUndefined();
      expect(
        codeOf(() => assertOutcomeAllowedForStatus('WOULD_HAVE_BEEN_DISMISSED', status, 'PCSO')),
      ).toBe('CONDUCT_CASE.WOULD_HAVE_BEEN_DISMISSED_ONLY_FOR_FORMER');
    },
  );

  it('reduction in rank: only serving officers and specials', () => {
    expect(
      codeOf(() => assertOutcomeAllowedForStatus('REDUCTION_IN_RANK', 'SERVING', 'POLICE_OFFICER')),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        assertOutcomeAllowedForStatus('REDUCTION_IN_RANK', 'SUSPENDED', 'SPECIAL_CONSTABLE'),
      ),
    ).toBeUndefined();
    for (const type of ['PCSO', 'POLICE_STAFF', 'VOLUNTEER', 'CONTRACTOR'] as const) {
      expect(
        codeOf(() => assertOutcomeAllowedForStatus('REDUCTION_IN_RANK', 'SERVING', type)),
      ).toBe('CONDUCT_CASE.REDUCTION_IN_RANK_REQUIRES_RANK');
    }
    expect(
      codeOf(() => assertOutcomeAllowedForStatus('REDUCTION_IN_RANK', 'RETIRED', 'POLICE_OFFICER')),
    ).toBe('CONDUCT_CASE.FORMER_OFFICER_CANNOT_BE_REDUCED_IN_RANK');
  });

  it('property: a dismissal-type outcome allowed by status is DWN for serving, WHBD for former', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EMPLOYMENT_STATUSES.filter((s) => s !== 'DECEASED')),
        fc.constantFrom(...PERSON_TYPES),
        (status, type) => {
          const allowed = (
            ['DISMISSAL_WITHOUT_NOTICE', 'WOULD_HAVE_BEEN_DISMISSED'] as const
          ).filter(
            (o) => codeOf(() => assertOutcomeAllowedForStatus(o, status, type)) === undefined,
          );
          expect(allowed).toHaveLength(1);
        },
      ),
    );
  });

  it('only gross misconduct proceedings continue against a former officer', () => {
    expect(codeOf(() => assertProceedingsAllowedForStatus('MISCONDUCT', 'RESIGNED'))).toBe(
      'CONDUCT_CASE.FORMER_OFFICER_GROSS_MISCONDUCT_ONLY',
    );
    expect(
      codeOf(() => assertProceedingsAllowedForStatus('GROSS_MISCONDUCT', 'RESIGNED')),
    ).toBeUndefined();
    expect(
      codeOf(() => assertProceedingsAllowedForStatus('MISCONDUCT', 'SERVING')),
    ).toBeUndefined();
  });
});

describe('warnings', () => {
  it('a written warning lasts 18 months, a final written warning 24', () => {
    expect(warningExpiresOn('WRITTEN_WARNING', '2023-01-15')).toBe('2024-07-15');
    expect(warningExpiresOn('FINAL_WRITTEN_WARNING', '2023-01-15')).toBe('2025-01-15');
  });

  it('is live up to the day before expiry, and not on the expiry day itself', () => {
    const ww: Warning = { type: 'WRITTEN_WARNING', givenOn: '2023-01-15' };
    const fww: Warning = { type: 'FINAL_WRITTEN_WARNING', givenOn: '2023-01-15' };
    expect(isWarningLive(ww, '2023-01-15')).toBe(true);
    expect(isWarningLive(ww, '2024-07-14')).toBe(true);
    expect(isWarningLive(ww, '2024-07-15')).toBe(false);
    expect(isWarningLive(fww, '2025-01-14')).toBe(true);
    expect(isWarningLive(fww, '2025-01-15')).toBe(false);
  });

  it('is not live before it is given', () => {
    expect(isWarningLive({ type: 'WRITTEN_WARNING', givenOn: '2023-01-15' }, '2023-01-14')).toBe(
      false,
    );
  });

  it('clamps to the end of a shorter month, including leap years', () => {
    expect(warningExpiresOn('WRITTEN_WARNING', '2023-08-31')).toBe('2025-02-28');
    expect(warningExpiresOn('WRITTEN_WARNING', '2022-08-31')).toBe('2024-02-29');
    expect(warningExpiresOn('FINAL_WRITTEN_WARNING', '2022-02-28')).toBe('2024-02-28');
    expect(warningExpiresOn('FINAL_WRITTEN_WARNING', '2024-02-29')).toBe('2026-02-28');
    const clamped: Warning = { type: 'WRITTEN_WARNING', givenOn: '2023-08-31' };
    expect(isWarningLive(clamped, '2025-02-27')).toBe(true);
    expect(isWarningLive(clamped, '2025-02-28')).toBe(false);
  });

  it('property: live exactly on [givenOn, expiresOn), which is 18/24 months long', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('WRITTEN_WARNING' as const, 'FINAL_WRITTEN_WARNING' as const),
        isoDate,
        fc.integer({ min: -800, max: 800 }),
        (type, givenOn, offset) => {
          const expires = warningExpiresOn(type, givenOn);
          const months = type === 'WRITTEN_WARNING' ? 18 : 24;
          expect(expires).toBe(addMonths(givenOn, months));
          expect(expires > givenOn).toBe(true);
          const on = addDays(givenOn, offset);
          expect(isWarningLive({ type, givenOn }, on)).toBe(on >= givenOn && on < expires);
          expect(isWarningLive({ type, givenOn }, addDays(expires, -1))).toBe(true);
        },
      ),
    );
  });
});

describe('sanctions after a misconduct finding need a live final written warning', () => {
  const fww: Warning = { type: 'FINAL_WRITTEN_WARNING', givenOn: '2024-01-01' };
  const ww: Warning = { type: 'WRITTEN_WARNING', givenOn: '2024-01-01' };

  it.each(['REDUCTION_IN_RANK', 'DISMISSAL_WITHOUT_NOTICE', 'WOULD_HAVE_BEEN_DISMISSED'] as const)(
    '%s after misconduct: refused without a live FWW, allowed with one',
    (outcome) => {
      expect(codeOf(() => assertSanctionAllowed(outcome, 'MISCONDUCT', []))).toBe(
        'CONDUCT_CASE.SANCTION_REQUIRES_LIVE_FINAL_WARNING',
      );
      expect(codeOf(() => assertSanctionAllowed(outcome, 'MISCONDUCT', [ww]))).toBe(
        'CONDUCT_CASE.SANCTION_REQUIRES_LIVE_FINAL_WARNING',
      );
      expect(codeOf(() => assertSanctionAllowed(outcome, 'MISCONDUCT', [fww]))).toBeUndefined();
      expect(codeOf(() => assertSanctionAllowed(outcome, 'GROSS_MISCONDUCT', []))).toBeUndefined();
    },
  );

  it.each(['WRITTEN_WARNING', 'FINAL_WRITTEN_WARNING'] as const)(
    '%s after misconduct needs no earlier warning',
    (outcome) => {
      expect(codeOf(() => assertSanctionAllowed(outcome, 'MISCONDUCT', []))).toBeUndefined();
    },
  );

  it('outcomes must fit the finding (a gross misconduct finding cannot end in a written warning)', () => {
    expect(
      codeOf(() => assertOutcomeConsistentWithFinding('WRITTEN_WARNING', 'GROSS_MISCONDUCT')),
    ).toBe('CONDUCT_CASE.OUTCOME_INCONSISTENT_WITH_FINDING');
    expect(codeOf(() => assertOutcomeConsistentWithFinding('NOT_PROVEN', 'MISCONDUCT'))).toBe(
      'CONDUCT_CASE.OUTCOME_INCONSISTENT_WITH_FINDING',
    );
    expect(
      codeOf(() => assertOutcomeConsistentWithFinding('FINAL_WRITTEN_WARNING', 'GROSS_MISCONDUCT')),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        assertOutcomeConsistentWithFinding('REFLECTIVE_PRACTICE', 'PRACTICE_REQUIRING_IMPROVEMENT'),
      ),
    ).toBeUndefined();
  });
});

describe('indictable-only convictions (from 28 May 2025)', () => {
  it('the 28th is in, the 27th is out', () => {
    expect(requiredSeverity({ convictedOn: '2025-05-28', indictableOnly: true })).toBe(
      'GROSS_MISCONDUCT',
    );
    expect(requiredSeverity({ convictedOn: '2025-05-27', indictableOnly: true })).toBeNull();
  });

  it('an either-way or summary conviction, or none, fixes nothing', () => {
    expect(requiredSeverity({ convictedOn: '2026-01-01', indictableOnly: false })).toBeNull();
    expect(requiredSeverity(undefined)).toBeNull();
    expect(requiredSeverity(null)).toBeNull();
  });

  it.each(['NO_MISCONDUCT', 'PRACTICE_REQUIRING_IMPROVEMENT', 'MISCONDUCT'] as const)(
    'refuses %s after an indictable-only conviction on the 28th, not on the 27th',
    (severity) => {
      expect(
        codeOf(() =>
          assertSeverityAllowed(severity, { convictedOn: '2025-05-28', indictableOnly: true }),
        ),
      ).toBe('CONDUCT_CASE.INDICTABLE_ONLY_CONVICTION_IS_GROSS');
      expect(
        codeOf(() =>
          assertSeverityAllowed(severity, { convictedOn: '2025-05-27', indictableOnly: true }),
        ),
      ).toBeUndefined();
    },
  );

  it('accepts gross misconduct', () => {
    expect(
      codeOf(() =>
        assertSeverityAllowed('GROSS_MISCONDUCT', {
          convictedOn: '2025-06-01',
          indictableOnly: true,
        }),
      ),
    ).toBeUndefined();
  });
});

describe('procedureFor', () => {
  it.each([
    ['POLICE_OFFICER', 'POLICE_CONDUCT_REGULATIONS_2020'],
    ['SPECIAL_CONSTABLE', 'POLICE_CONDUCT_REGULATIONS_2020'],
    ['PCSO', 'STAFF_MISCONDUCT_PROCEDURE'],
    ['POLICE_STAFF', 'STAFF_MISCONDUCT_PROCEDURE'],
    ['VOLUNTEER', 'STAFF_MISCONDUCT_PROCEDURE'],
    ['CONTRACTOR', 'STAFF_MISCONDUCT_PROCEDURE'],
  ] as const)('%s → %s', (type, procedure) => {
    expect(procedureFor(type)).toBe(procedure);
  });
});

describe('list report triggers', () => {
  const open: ListReportFacts['conductCase'] = {
    outcome: null,
    outcomeOn: null,
    finalOutcome: null,
    finalOutcomeOn: null,
    allegationClosedOn: null,
  };
  const serving = [{ status: 'SERVING' as const, effectiveFrom: '2010-09-01' }];

  it('a dismissal triggers a barred report on the outcome date (whatever the person type)', () => {
    const triggers = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: {
        ...open,
        outcome: 'DISMISSAL_WITHOUT_NOTICE',
        outcomeOn: '2024-11-04',
        finalOutcome: 'DISMISSAL_WITHOUT_NOTICE',
        finalOutcomeOn: '2024-11-04',
        allegationClosedOn: '2024-11-04',
      },
      statusHistory: serving,
    });
    expect(triggers).toEqual([{ list: 'BARRED', triggerOn: '2024-11-04', reason: 'DISMISSED' }]);
  });

  it.each(
    CONDUCT_OUTCOMES.filter(
      (o) => o !== 'DISMISSAL_WITHOUT_NOTICE' && o !== 'WOULD_HAVE_BEEN_DISMISSED',
    ),
  )('%s triggers no barred report', (outcome) => {
    const triggers = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: {
        ...open,
        outcome,
        outcomeOn: '2024-11-04',
        finalOutcome: outcome,
        finalOutcomeOn: '2024-11-04',
        allegationClosedOn: '2024-11-04',
      },
      statusHistory: serving,
    });
    expect(triggers).toEqual([]);
  });

  it('a dismissal substituted on appeal triggers on the appeal decision date', () => {
    const triggers = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: {
        outcome: 'FINAL_WRITTEN_WARNING',
        outcomeOn: '2024-11-04',
        finalOutcome: 'DISMISSAL_WITHOUT_NOTICE',
        finalOutcomeOn: '2025-03-03',
        allegationClosedOn: '2024-11-04',
      },
      statusHistory: serving,
    });
    expect(triggers).toEqual([{ list: 'BARRED', triggerOn: '2025-03-03', reason: 'DISMISSED' }]);
  });

  it('resigning while the allegation is live triggers an advisory report on the effective date', () => {
    const triggers = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: open,
      statusHistory: [...serving, { status: 'RESIGNED', effectiveFrom: '2024-05-31' }],
    });
    expect(triggers).toEqual([
      { list: 'ADVISORY', triggerOn: '2024-05-31', reason: 'RESIGNED_WHILE_ALLEGATION_LIVE' },
    ]);
  });

  it('then would-have-been-dismissed adds the barred report', () => {
    const triggers = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: {
        outcome: 'WOULD_HAVE_BEEN_DISMISSED',
        outcomeOn: '2024-12-02',
        finalOutcome: 'WOULD_HAVE_BEEN_DISMISSED',
        finalOutcomeOn: '2024-12-02',
        allegationClosedOn: '2024-12-02',
      },
      statusHistory: [{ status: 'RETIRED', effectiveFrom: '2024-05-31' }, ...serving],
    });
    expect(triggers).toEqual([
      { list: 'ADVISORY', triggerOn: '2024-05-31', reason: 'RETIRED_WHILE_ALLEGATION_LIVE' },
      { list: 'BARRED', triggerOn: '2024-12-02', reason: 'WOULD_HAVE_BEEN_DISMISSED' },
    ]);
  });

  it('leaving before the allegation came to attention, or after the case ended, triggers nothing', () => {
    const before = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: open,
      statusHistory: [...serving, { status: 'RESIGNED', effectiveFrom: '2024-01-09' }],
    });
    expect(before).toEqual([]);
    const after = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: {
        ...open,
        outcome: 'NOT_PROVEN',
        outcomeOn: '2024-06-01',
        finalOutcome: 'NOT_PROVEN',
        finalOutcomeOn: '2024-06-01',
        allegationClosedOn: '2024-06-01',
      },
      statusHistory: [...serving, { status: 'RETIRED', effectiveFrom: '2024-06-01' }],
    });
    expect(after).toEqual([]);
  });

  it('resigning on the day the allegation came to attention counts; a later move between former statuses does not add a report', () => {
    const triggers = listReportTriggers({
      cameToAttentionOn: '2024-01-10',
      conductCase: open,
      statusHistory: [
        ...serving,
        { status: 'RESIGNED', effectiveFrom: '2024-01-10' },
        { status: 'RETIRED', effectiveFrom: '2024-02-01' },
      ],
    });
    expect(triggers).toEqual([
      { list: 'ADVISORY', triggerOn: '2024-01-10', reason: 'RESIGNED_WHILE_ALLEGATION_LIVE' },
    ]);
  });

  it('advisory entries end as converted (dismissal types) or removed (everything else)', () => {
    expect(advisoryStatusOnCaseEnd('WOULD_HAVE_BEEN_DISMISSED')).toBe('CONVERTED_TO_BARRED');
    expect(advisoryStatusOnCaseEnd('DISMISSAL_WITHOUT_NOTICE')).toBe('CONVERTED_TO_BARRED');
    const removed: (ConductOutcome | null)[] = [
      null,
      'NO_CASE_TO_ANSWER',
      'NOT_PROVEN',
      'REFLECTIVE_PRACTICE',
      'WRITTEN_WARNING',
      'FINAL_WRITTEN_WARNING',
      'REDUCTION_IN_RANK',
    ];
    for (const o of removed) expect(advisoryStatusOnCaseEnd(o)).toBe('REMOVED');
  });
});

describe('investigation overrun reports', () => {
  it('nothing is due before 12 months; the first is due on the 12-month date', () => {
    expect(overrunReportsDue('2024-01-15', '2025-01-14')).toEqual({ due: [], next: '2025-01-15' });
    expect(overrunReportsDue('2024-01-15', '2025-01-15')).toEqual({
      due: ['2025-01-15'],
      next: '2025-07-15',
    });
  });

  it('then every 6 months, counted from the start so month-end clamping does not drift', () => {
    expect(overrunReportsDue('2023-08-31', '2025-09-01')).toEqual({
      due: ['2024-08-31', '2025-02-28', '2025-08-31'],
      next: '2026-02-28',
    });
  });

  it('stops when the investigation closes', () => {
    expect(overrunReportsDue('2024-01-15', '2026-01-01', '2025-07-15')).toEqual({
      due: ['2025-01-15'],
      next: null,
    });
    expect(overrunReportsDue('2024-01-15', '2026-01-01', '2025-01-14')).toEqual({
      due: [],
      next: null,
    });
  });

  it('property: due dates are sorted, ≤ onDate, 6 months apart, and next is the one after', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 2000 }), (start, days) => {
        const onDate = addDays(start, days);
        const { due, next } = overrunReportsDue(start, onDate);
        due.forEach((d, k) => {
          expect(d).toBe(addMonths(start, 12 + 6 * k));
          expect(d <= onDate).toBe(true);
        });
        expect(next).toBe(addMonths(start, 12 + 6 * due.length));
        expect(next! > onDate).toBe(true);
      }),
    );
  });
});
