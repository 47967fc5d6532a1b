import { addDays } from '../../calendar/domain/dates';
import { ConflictError, DomainError, ValidationError } from '../../common/domain-error';
import {
  CONDUCT_TRANSITIONS,
  ConductCaseState,
  ConductContext,
  ConductEvent,
  applyConductEvent,
  assertConductTransition,
  openConductCase,
  replayConductEvents,
} from './conduct-case';
import { summariseCriminalCase, standingConviction } from './criminal-case';
import { advisoryStatusOnCaseEnd, displayStatus, listReportTriggers } from './rules';
import {
  CONDUCT_EVENT_TYPES,
  CONDUCT_STATUSES,
  ConductEventType,
  ConductStatus,
} from './vocabulary';

const CAME_TO_ATTENTION = '2024-01-10';

/** An event before it is dated (Omit distributed over the union). */
type Undated = ConductEvent extends infer E ? (E extends unknown ? Omit<E, 'on'> : never) : never;

function ctx(over: Partial<ConductContext> = {}): ConductContext {
  return {
    linkedCriminalCasePending: false,
    personType: 'POLICE_OFFICER',
    personStatusOnEventDate: 'SERVING',
    liveWarnings: [],
    ...over,
  };
}

/** Events dated one day apart from 1 Feb 2024, so dates never go backwards. */
function dated(...events: Undated[]): ConductEvent[] {
  return events.map((e, i) => ({ ...e, on: addDays('2024-02-01', i) }));
}

function run(events: ConductEvent[], c: ConductContext = ctx()): ConductCaseState {
  return replayConductEvents(
    CAME_TO_ATTENTION,
    events.map((event) => ({ event, ctx: c })),
  );
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

const SEV_GROSS = { type: 'SEVERITY_ASSESSED', severity: 'GROSS_MISCONDUCT' } as const;
const SEV_MISCONDUCT = { type: 'SEVERITY_ASSESSED', severity: 'MISCONDUCT' } as const;
const INVESTIGATE = { type: 'INVESTIGATION_STARTED', form: 'LOCAL' } as const;
const CTA_GROSS = {
  type: 'CASE_TO_ANSWER_DECIDED',
  decision: 'CASE_TO_ANSWER_GROSS_MISCONDUCT',
} as const;
const CTA_MISCONDUCT = {
  type: 'CASE_TO_ANSWER_DECIDED',
  decision: 'CASE_TO_ANSWER_MISCONDUCT',
} as const;
const NCTA = { type: 'CASE_TO_ANSWER_DECIDED', decision: 'NO_CASE_TO_ANSWER' } as const;
const TO_HEARING = { type: 'REFERRED', form: 'MISCONDUCT_HEARING' } as const;
const TO_MEETING = { type: 'REFERRED', form: 'MISCONDUCT_MEETING' } as const;
const TO_ACCELERATED = { type: 'REFERRED', form: 'ACCELERATED_HEARING' } as const;
const DISMISSED = { type: 'OUTCOME', outcome: 'DISMISSAL_WITHOUT_NOTICE' } as const;
const TO_PAT = { type: 'APPEAL_LODGED', forum: 'POLICE_APPEALS_TRIBUNAL' } as const;
const APPEAL_DISMISSED = { type: 'APPEAL_DECIDED', result: 'DISMISSED' } as const;
const WITHDRAW = { type: 'WITHDRAWN', reason: 'Complainant withdrew; no public interest' } as const;

/** One route into each status (the gross-misconduct route, so an accelerated hearing is open). */
const PATHS: Record<ConductStatus, Undated[]> = {
  OPEN: [],
  SEVERITY_ASSESSED: [SEV_GROSS],
  UNDER_INVESTIGATION: [SEV_GROSS, INVESTIGATE],
  CASE_TO_ANSWER: [SEV_GROSS, INVESTIGATE, CTA_GROSS],
  NO_CASE_TO_ANSWER: [SEV_GROSS, INVESTIGATE, NCTA],
  REFERRED: [SEV_GROSS, INVESTIGATE, CTA_GROSS, TO_HEARING],
  OUTCOME_DECIDED: [SEV_GROSS, INVESTIGATE, CTA_GROSS, TO_HEARING, DISMISSED],
  APPEAL_PENDING: [SEV_GROSS, INVESTIGATE, CTA_GROSS, TO_HEARING, DISMISSED, TO_PAT],
  CLOSED: [SEV_GROSS, INVESTIGATE, CTA_GROSS, TO_HEARING, DISMISSED, TO_PAT, APPEAL_DISMISSED],
  WITHDRAWN: [SEV_GROSS, WITHDRAW],
};

/** A well-formed event of each type, valid whenever the table allows the step. */
function sampleEvent(type: ConductEventType, from: ConductStatus): ConductEvent {
  const on = '2025-01-01';
  switch (type) {
    case 'SEVERITY_ASSESSED':
      return { ...SEV_GROSS, on };
    case 'INVESTIGATION_STARTED':
      return { ...INVESTIGATE, on };
    case 'CASE_TO_ANSWER_DECIDED':
      return { ...CTA_GROSS, on };
    case 'REFERRED':
      return from === 'CASE_TO_ANSWER' ? { ...TO_HEARING, on } : { ...TO_ACCELERATED, on };
    case 'OUTCOME':
      return { ...DISMISSED, on };
    case 'APPEAL_LODGED':
      return { ...TO_PAT, on };
    case 'APPEAL_DECIDED':
      return { ...APPEAL_DISMISSED, on };
    case 'WITHDRAWN':
      return { ...WITHDRAW, on };
  }
}

describe('conduct state machine: every status × every event', () => {
  it.each(CONDUCT_STATUSES)('the fixture path really reaches %s', (status) => {
    expect(run(dated(...PATHS[status])).status).toBe(status);
  });

  const grid = CONDUCT_STATUSES.flatMap((s) => CONDUCT_EVENT_TYPES.map((t) => [s, t] as const));
  it.each(grid)('%s + %s: accepted exactly when the table allows it', (status, type) => {
    const state = run(dated(...PATHS[status]));
    const event = sampleEvent(type, status);
    const targets = CONDUCT_TRANSITIONS[status][type];
    if (targets === undefined) {
      expect(codeOf(() => applyConductEvent(state, event, ctx()))).toBe(
        'CONDUCT_CASE.INVALID_TRANSITION',
      );
      expect(codeOf(() => assertConductTransition(status, event))).toBe(
        'CONDUCT_CASE.INVALID_TRANSITION',
      );
    } else {
      const next = applyConductEvent(state, event, ctx());
      expect(targets).toContain(next.status);
    }
  });

  it('the illegal-transition error is a 409 naming the allowed events', () => {
    try {
      applyConductEvent(
        openConductCase(CAME_TO_ATTENTION),
        { ...DISMISSED, on: '2024-02-01' },
        ctx(),
      );
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ConflictError);
      expect((e as ConflictError).status).toBe(409);
      expect((e as ConflictError).details[0].message).toContain('SEVERITY_ASSESSED');
    }
  });

  it.each(['SEVERITY_ASSESSED', 'UNDER_INVESTIGATION'] as const)(
    'from %s only an accelerated hearing may be referred (meetings and hearings need a case-to-answer decision)',
    (status) => {
      for (const form of ['MISCONDUCT_MEETING', 'MISCONDUCT_HEARING'] as const) {
        expect(codeOf(() => assertConductTransition(status, { type: 'REFERRED', form }))).toBe(
          'CONDUCT_CASE.INVALID_TRANSITION',
        );
      }
      expect(
        codeOf(() =>
          assertConductTransition(status, { type: 'REFERRED', form: 'ACCELERATED_HEARING' }),
        ),
      ).toBeUndefined();
    },
  );

  it('the other targets of the table are reachable: severity closes, no case to answer', () => {
    for (const from of ['OPEN', 'SEVERITY_ASSESSED', 'UNDER_INVESTIGATION'] as const) {
      const state = run(dated(...PATHS[from]));
      const closed = applyConductEvent(
        state,
        { type: 'SEVERITY_ASSESSED', severity: 'NO_MISCONDUCT', on: '2025-01-01' },
        ctx(),
      );
      expect(closed.status).toBe('CLOSED');
      expect(CONDUCT_TRANSITIONS[from].SEVERITY_ASSESSED).toContain('CLOSED');
    }
    expect(run(dated(...PATHS.NO_CASE_TO_ANSWER)).finalOutcome).toBe('NO_CASE_TO_ANSWER');
  });
});

describe('applying events: what each step records', () => {
  it('severity below misconduct closes the case; PRI ends in reflective practice', () => {
    const noMisconduct = run(dated({ type: 'SEVERITY_ASSESSED', severity: 'NO_MISCONDUCT' }));
    expect(noMisconduct).toMatchObject({
      status: 'CLOSED',
      finalOutcome: null,
      allegationClosedOn: '2024-02-01',
    });
    const pri = run(
      dated({ type: 'SEVERITY_ASSESSED', severity: 'PRACTICE_REQUIRING_IMPROVEMENT' }),
    );
    expect(pri).toMatchObject({ status: 'CLOSED', finalOutcome: 'REFLECTIVE_PRACTICE' });
  });

  it('a reassessment keeps the first assessment date (warnings are judged then) and the latest severity', () => {
    const s = run(dated(SEV_MISCONDUCT, INVESTIGATE, SEV_GROSS));
    expect(s).toMatchObject({
      status: 'UNDER_INVESTIGATION',
      severity: 'GROSS_MISCONDUCT',
      severityAssessedOn: '2024-02-01',
    });
  });

  it('the investigation is dated from its start to the case-to-answer decision', () => {
    const s = run(dated(SEV_GROSS, INVESTIGATE, CTA_GROSS));
    expect(s).toMatchObject({
      investigationForm: 'LOCAL',
      investigationStartedOn: '2024-02-02',
      investigationEndedOn: '2024-02-03',
      caseToAnswer: 'CASE_TO_ANSWER_GROSS_MISCONDUCT',
      allegationClosedOn: null,
    });
  });

  it('an outcome records finding, outcome and the final outcome, and closes the allegation', () => {
    const s = run(dated(...PATHS.OUTCOME_DECIDED));
    expect(s).toMatchObject({
      status: 'OUTCOME_DECIDED',
      proceedingsForm: 'MISCONDUCT_HEARING',
      finding: 'GROSS_MISCONDUCT',
      outcome: 'DISMISSAL_WITHOUT_NOTICE',
      outcomeOn: '2024-02-05',
      finalOutcome: 'DISMISSAL_WITHOUT_NOTICE',
      allegationClosedOn: '2024-02-05',
      lastEventOn: '2024-02-05',
    });
  });

  it('a withdrawal needs a reason and closes the allegation', () => {
    const state = run(dated(SEV_GROSS));
    expect(
      codeOf(() =>
        applyConductEvent(state, { type: 'WITHDRAWN', reason: '  ', on: '2024-03-01' }, ctx()),
      ),
    ).toBe('CONDUCT_CASE.INVALID_FIELD');
    expect(run(dated(SEV_GROSS, WITHDRAW))).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnReason: WITHDRAW.reason,
      allegationClosedOn: '2024-02-02',
    });
  });

  it('does not change the state it was given', () => {
    const state = run(dated(SEV_GROSS));
    const copy = structuredClone(state);
    applyConductEvent(state, { ...INVESTIGATE, on: '2024-03-01' }, ctx());
    expect(state).toEqual(copy);
  });
});

describe('event validation', () => {
  const state = run(dated(SEV_GROSS));

  it('refuses an event dated before the previous one, allows the same day', () => {
    expect(
      codeOf(() => applyConductEvent(state, { ...INVESTIGATE, on: '2024-01-31' }, ctx())),
    ).toBe('CONDUCT_CASE.EVENT_DATE_BEFORE_PREVIOUS');
    expect(
      codeOf(() => applyConductEvent(state, { ...INVESTIGATE, on: '2024-02-01' }, ctx())),
    ).toBeUndefined();
  });

  it('refuses an event dated before the matter came to attention', () => {
    expect(
      codeOf(() =>
        applyConductEvent(
          openConductCase(CAME_TO_ATTENTION),
          { ...SEV_GROSS, on: '2024-01-09' },
          ctx(),
        ),
      ),
    ).toBe('CONDUCT_CASE.EVENT_DATE_BEFORE_PREVIOUS');
  });

  it('refuses malformed dates and values with a 400', () => {
    expect(() => applyConductEvent(state, { ...INVESTIGATE, on: '2024-02-30' }, ctx())).toThrow(
      ValidationError,
    );
    expect(
      codeOf(() =>
        applyConductEvent(
          state,
          { type: 'INVESTIGATION_STARTED', form: 'IOPC' as never, on: '2024-03-01' },
          ctx(),
        ),
      ),
    ).toBe('CONDUCT_CASE.INVALID_FIELD');
    expect(
      codeOf(() =>
        applyConductEvent(state, { type: 'ESCALATED', on: '2024-03-01' } as never, ctx()),
      ),
    ).toBe('CONDUCT_CASE.INVALID_FIELD');
    expect(codeOf(() => openConductCase('10/01/2024'))).toBe('CONDUCT_CASE.INVALID_DATE');
  });

  it('only withdrawal is possible once the person has died', () => {
    const dead = ctx({ personStatusOnEventDate: 'DECEASED' });
    expect(codeOf(() => applyConductEvent(state, { ...INVESTIGATE, on: '2024-03-01' }, dead))).toBe(
      'CONDUCT_CASE.PERSON_DECEASED',
    );
    expect(applyConductEvent(state, { ...WITHDRAW, on: '2024-03-01' }, dead).status).toBe(
      'WITHDRAWN',
    );
  });
});

describe('sub judice in the machine', () => {
  const pending = ctx({ linkedCriminalCasePending: true });

  it('assessment, investigation and the case-to-answer decision continue while pending', () => {
    expect(run(dated(SEV_GROSS, INVESTIGATE, CTA_GROSS), pending).status).toBe('CASE_TO_ANSWER');
  });

  it('no referral to any forum while pending; allowed once the criminal case is decided', () => {
    const state = run(dated(SEV_GROSS, INVESTIGATE, CTA_GROSS));
    for (const event of [TO_HEARING, TO_ACCELERATED]) {
      expect(codeOf(() => applyConductEvent(state, { ...event, on: '2024-06-01' }, pending))).toBe(
        'CONDUCT_CASE.PAUSED_SUB_JUDICE',
      );
      expect(applyConductEvent(state, { ...event, on: '2024-06-01' }, ctx()).status).toBe(
        'REFERRED',
      );
    }
    const misconduct = run(dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT));
    expect(
      codeOf(() => applyConductEvent(misconduct, { ...TO_MEETING, on: '2024-06-01' }, pending)),
    ).toBe('CONDUCT_CASE.PAUSED_SUB_JUDICE');
  });

  it('no outcome if the person is charged after the referral', () => {
    const referred = run(dated(...PATHS.REFERRED));
    expect(
      codeOf(() => applyConductEvent(referred, { ...DISMISSED, on: '2024-06-01' }, pending)),
    ).toBe('CONDUCT_CASE.PAUSED_SUB_JUDICE');
    expect(displayStatus(referred, true)).toBe('PAUSED_SUB_JUDICE');
    expect(displayStatus(referred, false)).toBe('REFERRED');
  });

  it('a case may still be withdrawn while paused', () => {
    expect(run(dated(SEV_GROSS, INVESTIGATE, WITHDRAW), pending).status).toBe('WITHDRAWN');
  });
});

describe('referral rules', () => {
  it('an accelerated hearing needs a gross misconduct assessment', () => {
    const misconduct = run(dated(SEV_MISCONDUCT));
    expect(
      codeOf(() => applyConductEvent(misconduct, { ...TO_ACCELERATED, on: '2024-03-01' }, ctx())),
    ).toBe('CONDUCT_CASE.ACCELERATED_HEARING_REQUIRES_GROSS');
    const afterMisconductDecision = run(dated(SEV_GROSS, INVESTIGATE, CTA_MISCONDUCT));
    expect(
      codeOf(() =>
        applyConductEvent(afterMisconductDecision, { ...TO_ACCELERATED, on: '2024-03-01' }, ctx()),
      ),
    ).toBe('CONDUCT_CASE.ACCELERATED_HEARING_REQUIRES_GROSS');
    expect(run(dated(SEV_GROSS, TO_ACCELERATED)).proceedingsForm).toBe('ACCELERATED_HEARING');
    expect(run(dated(SEV_GROSS, INVESTIGATE, TO_ACCELERATED))).toMatchObject({
      status: 'REFERRED',
      investigationEndedOn: '2024-02-03',
    });
  });

  it('gross misconduct goes to a hearing, never a meeting', () => {
    const state = run(dated(SEV_GROSS, INVESTIGATE, CTA_GROSS));
    expect(codeOf(() => applyConductEvent(state, { ...TO_MEETING, on: '2024-03-01' }, ctx()))).toBe(
      'CONDUCT_CASE.PROCEEDINGS_FORM_NOT_AVAILABLE',
    );
  });

  it('misconduct goes to a meeting, or to a hearing only with a FWW live at the severity assessment', () => {
    const state = run(dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT));
    expect(applyConductEvent(state, { ...TO_MEETING, on: '2024-03-01' }, ctx()).status).toBe(
      'REFERRED',
    );
    expect(codeOf(() => applyConductEvent(state, { ...TO_HEARING, on: '2024-03-01' }, ctx()))).toBe(
      'CONDUCT_CASE.PROCEEDINGS_FORM_NOT_AVAILABLE',
    );
    const withFww = ctx({
      liveWarnings: [{ type: 'FINAL_WRITTEN_WARNING', givenOn: '2023-01-01' }],
    });
    expect(applyConductEvent(state, { ...TO_HEARING, on: '2024-03-01' }, withFww).status).toBe(
      'REFERRED',
    );
    expect(
      codeOf(() => applyConductEvent(state, { ...TO_MEETING, on: '2024-03-01' }, withFww)),
    ).toBe('CONDUCT_CASE.PROCEEDINGS_FORM_NOT_AVAILABLE');
  });

  it('a warning expired before, or given after, the severity assessment does not count', () => {
    const state = run(dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT)); // assessed 2024-02-01
    const expired = ctx({
      liveWarnings: [{ type: 'FINAL_WRITTEN_WARNING', givenOn: '2022-02-01' }],
    });
    const later = ctx({ liveWarnings: [{ type: 'FINAL_WRITTEN_WARNING', givenOn: '2024-02-02' }] });
    for (const c of [expired, later]) {
      expect(codeOf(() => applyConductEvent(state, { ...TO_HEARING, on: '2024-03-01' }, c))).toBe(
        'CONDUCT_CASE.PROCEEDINGS_FORM_NOT_AVAILABLE',
      );
    }
    const lastDay = ctx({
      liveWarnings: [{ type: 'FINAL_WRITTEN_WARNING', givenOn: '2022-02-02' }],
    });
    expect(applyConductEvent(state, { ...TO_HEARING, on: '2024-03-01' }, lastDay).status).toBe(
      'REFERRED',
    );
  });

  it('a gross case to answer needs a gross severity assessment', () => {
    const state = run(dated(SEV_MISCONDUCT, INVESTIGATE));
    expect(codeOf(() => applyConductEvent(state, { ...CTA_GROSS, on: '2024-03-01' }, ctx()))).toBe(
      'CONDUCT_CASE.DECISION_EXCEEDS_SEVERITY',
    );
  });

  it('only gross misconduct proceedings continue after the person resigns', () => {
    const resigned = ctx({ personStatusOnEventDate: 'RESIGNED' });
    const misconduct = run(dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT));
    expect(
      codeOf(() => applyConductEvent(misconduct, { ...TO_MEETING, on: '2024-03-01' }, resigned)),
    ).toBe('CONDUCT_CASE.FORMER_OFFICER_GROSS_MISCONDUCT_ONLY');
    const gross = run(dated(SEV_GROSS, INVESTIGATE, CTA_GROSS));
    expect(applyConductEvent(gross, { ...TO_HEARING, on: '2024-03-01' }, resigned).status).toBe(
      'REFERRED',
    );
  });
});

describe('outcome rules', () => {
  const atHearing = run(dated(...PATHS.REFERRED)); // gross misconduct hearing
  const atMeeting = run(dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT, TO_MEETING));
  const on = '2024-06-03';

  it('a meeting cannot dismiss, reduce in rank, or find gross misconduct', () => {
    for (const outcome of [
      'DISMISSAL_WITHOUT_NOTICE',
      'REDUCTION_IN_RANK',
      'WOULD_HAVE_BEEN_DISMISSED',
    ] as const) {
      expect(
        codeOf(() => applyConductEvent(atMeeting, { type: 'OUTCOME', outcome, on }, ctx())),
      ).toBe('CONDUCT_CASE.OUTCOME_NOT_AVAILABLE_AT_FORUM');
    }
    expect(
      codeOf(() =>
        applyConductEvent(
          atMeeting,
          { type: 'OUTCOME', outcome: 'FINAL_WRITTEN_WARNING', finding: 'GROSS_MISCONDUCT', on },
          ctx(),
        ),
      ),
    ).toBe('CONDUCT_CASE.FINDING_NOT_AVAILABLE_AT_FORUM');
  });

  it.each([
    'NOT_PROVEN',
    'REFLECTIVE_PRACTICE',
    'WRITTEN_WARNING',
    'FINAL_WRITTEN_WARNING',
  ] as const)('a meeting may decide %s', (outcome) => {
    expect(applyConductEvent(atMeeting, { type: 'OUTCOME', outcome, on }, ctx()).finalOutcome).toBe(
      outcome,
    );
  });

  it('no meeting or hearing decides NO_CASE_TO_ANSWER (that is the decision, not an outcome)', () => {
    expect(
      codeOf(() =>
        applyConductEvent(atHearing, { type: 'OUTCOME', outcome: 'NO_CASE_TO_ANSWER', on }, ctx()),
      ),
    ).toBe('CONDUCT_CASE.OUTCOME_NOT_AVAILABLE_AT_FORUM');
  });

  it('the finding is implied from the outcome and the proceedings when not given', () => {
    const t = (outcome: 'NOT_PROVEN' | 'REFLECTIVE_PRACTICE' | 'FINAL_WRITTEN_WARNING') =>
      applyConductEvent(atHearing, { type: 'OUTCOME', outcome, on }, ctx()).finding;
    expect(t('NOT_PROVEN')).toBe('NOT_PROVEN');
    expect(t('REFLECTIVE_PRACTICE')).toBe('PRACTICE_REQUIRING_IMPROVEMENT');
    expect(t('FINAL_WRITTEN_WARNING')).toBe('GROSS_MISCONDUCT');
  });

  it('a gross hearing may find misconduct only, and then give a written warning', () => {
    expect(
      codeOf(() =>
        applyConductEvent(atHearing, { type: 'OUTCOME', outcome: 'WRITTEN_WARNING', on }, ctx()),
      ),
    ).toBe('CONDUCT_CASE.OUTCOME_INCONSISTENT_WITH_FINDING');
    const s = applyConductEvent(
      atHearing,
      { type: 'OUTCOME', outcome: 'WRITTEN_WARNING', finding: 'MISCONDUCT', on },
      ctx(),
    );
    expect(s).toMatchObject({ finding: 'MISCONDUCT', outcome: 'WRITTEN_WARNING' });
  });

  it('a gross hearing that finds only misconduct cannot dismiss without a live FWW', () => {
    const dismiss = {
      type: 'OUTCOME',
      outcome: 'DISMISSAL_WITHOUT_NOTICE',
      finding: 'MISCONDUCT',
      on,
    } as const;
    expect(codeOf(() => applyConductEvent(atHearing, dismiss, ctx()))).toBe(
      'CONDUCT_CASE.SANCTION_REQUIRES_LIVE_FINAL_WARNING',
    );
  });

  it('a misconduct hearing (live FWW at assessment) may dismiss even if the FWW has since expired', () => {
    const fww = ctx({ liveWarnings: [{ type: 'FINAL_WRITTEN_WARNING', givenOn: '2022-03-01' }] }); // expires 2024-03-01
    const state = run(dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT, TO_HEARING), fww);
    const s = applyConductEvent(
      state,
      { type: 'OUTCOME', outcome: 'DISMISSAL_WITHOUT_NOTICE', on: '2024-09-01' },
      fww,
    );
    expect(s).toMatchObject({ finding: 'MISCONDUCT', finalOutcome: 'DISMISSAL_WITHOUT_NOTICE' });
  });

  it('a misconduct hearing cannot find gross misconduct', () => {
    const fww = ctx({ liveWarnings: [{ type: 'FINAL_WRITTEN_WARNING', givenOn: '2023-03-01' }] });
    const state = run(dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT, TO_HEARING), fww);
    expect(
      codeOf(() =>
        applyConductEvent(
          state,
          { type: 'OUTCOME', outcome: 'DISMISSAL_WITHOUT_NOTICE', finding: 'GROSS_MISCONDUCT', on },
          fww,
        ),
      ),
    ).toBe('CONDUCT_CASE.FINDING_EXCEEDS_REFERRAL');
  });

  it('a former officer is found would-have-been-dismissed, never dismissed', () => {
    const retired = ctx({ personStatusOnEventDate: 'RETIRED' });
    expect(codeOf(() => applyConductEvent(atHearing, { ...DISMISSED, on }, retired))).toBe(
      'CONDUCT_CASE.FORMER_OFFICER_CANNOT_BE_DISMISSED',
    );
    expect(
      applyConductEvent(
        atHearing,
        { type: 'OUTCOME', outcome: 'WOULD_HAVE_BEEN_DISMISSED', on },
        retired,
      ).finalOutcome,
    ).toBe('WOULD_HAVE_BEEN_DISMISSED');
    expect(
      codeOf(() =>
        applyConductEvent(
          atHearing,
          { type: 'OUTCOME', outcome: 'WOULD_HAVE_BEEN_DISMISSED', on },
          ctx(),
        ),
      ),
    ).toBe('CONDUCT_CASE.WOULD_HAVE_BEEN_DISMISSED_ONLY_FOR_FORMER');
  });

  it('a PCSO cannot be reduced in rank but can be dismissed', () => {
    const pcso = ctx({ personType: 'PCSO' });
    expect(
      codeOf(() =>
        applyConductEvent(atHearing, { type: 'OUTCOME', outcome: 'REDUCTION_IN_RANK', on }, pcso),
      ),
    ).toBe('CONDUCT_CASE.REDUCTION_IN_RANK_REQUIRES_RANK');
    expect(applyConductEvent(atHearing, { ...DISMISSED, on }, pcso).finalOutcome).toBe(
      'DISMISSAL_WITHOUT_NOTICE',
    );
  });
});

describe('indictable-only conviction in the machine', () => {
  const convicted = (convictedOn: string) =>
    ctx({ linkedConviction: { convictedOn, indictableOnly: true } });

  it('a misconduct severity is refused after a conviction on 28 May 2025, allowed after one on the 27th', () => {
    const open = openConductCase('2025-05-01');
    const event = { ...SEV_MISCONDUCT, on: '2025-06-02' };
    expect(codeOf(() => applyConductEvent(open, event, convicted('2025-05-28')))).toBe(
      'CONDUCT_CASE.INDICTABLE_ONLY_CONVICTION_IS_GROSS',
    );
    expect(applyConductEvent(open, event, convicted('2025-05-27')).severity).toBe('MISCONDUCT');
  });

  it('nor can the case-to-answer decision or the finding drop below gross', () => {
    const c = convicted('2025-06-01');
    const investigated = replayConductEvents('2025-05-01', [
      { event: { ...SEV_GROSS, on: '2025-06-02' }, ctx: c },
      { event: { ...INVESTIGATE, on: '2025-06-03' }, ctx: c },
    ]);
    expect(
      codeOf(() => applyConductEvent(investigated, { ...CTA_MISCONDUCT, on: '2025-07-01' }, c)),
    ).toBe('CONDUCT_CASE.INDICTABLE_ONLY_CONVICTION_IS_GROSS');
    const referred = applyConductEvent(investigated, { ...TO_ACCELERATED, on: '2025-07-01' }, c);
    expect(
      codeOf(() =>
        applyConductEvent(
          referred,
          { type: 'OUTCOME', outcome: 'WRITTEN_WARNING', finding: 'MISCONDUCT', on: '2025-07-10' },
          c,
        ),
      ),
    ).toBe('CONDUCT_CASE.INDICTABLE_ONLY_CONVICTION_IS_GROSS');
  });
});

describe('appeals', () => {
  const decided = run(dated(...PATHS.OUTCOME_DECIDED));
  const on = '2024-08-01';

  it('goes to the PAT from a hearing, to an appeal meeting from a meeting, to a staff panel for staff', () => {
    expect(
      codeOf(() =>
        applyConductEvent(decided, { type: 'APPEAL_LODGED', forum: 'APPEAL_MEETING', on }, ctx()),
      ),
    ).toBe('CONDUCT_CASE.APPEAL_FORUM_NOT_AVAILABLE');
    const meeting = run(
      dated(SEV_MISCONDUCT, INVESTIGATE, CTA_MISCONDUCT, TO_MEETING, {
        type: 'OUTCOME',
        outcome: 'WRITTEN_WARNING',
      }),
    );
    expect(
      applyConductEvent(meeting, { type: 'APPEAL_LODGED', forum: 'APPEAL_MEETING', on }, ctx())
        .status,
    ).toBe('APPEAL_PENDING');
    const staff = ctx({ personType: 'POLICE_STAFF' });
    const staffCase = run(dated(...PATHS.OUTCOME_DECIDED), staff);
    expect(codeOf(() => applyConductEvent(staffCase, { ...TO_PAT, on }, staff))).toBe(
      'CONDUCT_CASE.APPEAL_FORUM_NOT_AVAILABLE',
    );
    expect(
      applyConductEvent(
        staffCase,
        { type: 'APPEAL_LODGED', forum: 'STAFF_APPEAL_PANEL', on },
        staff,
      ).appealForum,
    ).toBe('STAFF_APPEAL_PANEL');
  });

  it('there is nothing to appeal after NOT_PROVEN', () => {
    const notProven = run(dated(...PATHS.REFERRED, { type: 'OUTCOME', outcome: 'NOT_PROVEN' }));
    expect(codeOf(() => applyConductEvent(notProven, { ...TO_PAT, on }, ctx()))).toBe(
      'CONDUCT_CASE.NOTHING_TO_APPEAL',
    );
  });

  const pendingAppeal = run(dated(...PATHS.APPEAL_PENDING));

  it('dismissed: the outcome stands; a newOutcome is inconsistent', () => {
    const s = applyConductEvent(pendingAppeal, { ...APPEAL_DISMISSED, on }, ctx());
    expect(s).toMatchObject({
      status: 'CLOSED',
      finalOutcome: 'DISMISSAL_WITHOUT_NOTICE',
      finalOutcomeOn: '2024-02-05',
    });
    expect(
      codeOf(() =>
        applyConductEvent(
          pendingAppeal,
          { ...APPEAL_DISMISSED, newOutcome: 'WRITTEN_WARNING', on },
          ctx(),
        ),
      ),
    ).toBe('CONDUCT_CASE.APPEAL_RESULT_INCONSISTENT');
  });

  it('allowed: the finding falls (NOT_PROVEN) unless an outcome is substituted', () => {
    const s = applyConductEvent(
      pendingAppeal,
      { type: 'APPEAL_DECIDED', result: 'ALLOWED', on },
      ctx(),
    );
    expect(s).toMatchObject({
      finalOutcome: 'NOT_PROVEN',
      finalOutcomeOn: on,
      outcome: 'DISMISSAL_WITHOUT_NOTICE',
      appealResult: 'ALLOWED',
    });
  });

  it('outcome varied: needs a different newOutcome that fits the finding', () => {
    const varied = (
      newOutcome?: 'FINAL_WRITTEN_WARNING' | 'DISMISSAL_WITHOUT_NOTICE' | 'WRITTEN_WARNING',
    ) =>
      applyConductEvent(
        pendingAppeal,
        { type: 'APPEAL_DECIDED', result: 'OUTCOME_VARIED', newOutcome, on },
        ctx(),
      );
    expect(varied('FINAL_WRITTEN_WARNING').finalOutcome).toBe('FINAL_WRITTEN_WARNING');
    expect(codeOf(() => varied())).toBe('CONDUCT_CASE.APPEAL_RESULT_INCONSISTENT');
    expect(codeOf(() => varied('DISMISSAL_WITHOUT_NOTICE'))).toBe(
      'CONDUCT_CASE.APPEAL_RESULT_INCONSISTENT',
    );
    expect(codeOf(() => varied('WRITTEN_WARNING'))).toBe(
      'CONDUCT_CASE.OUTCOME_INCONSISTENT_WITH_FINDING',
    );
  });

  it('an appeal cannot substitute dismissal for a person who has since resigned', () => {
    const meetingAppeal = run(
      dated(
        SEV_GROSS,
        INVESTIGATE,
        CTA_GROSS,
        TO_HEARING,
        { type: 'OUTCOME', outcome: 'FINAL_WRITTEN_WARNING' },
        TO_PAT,
      ),
    );
    const resigned = ctx({ personStatusOnEventDate: 'RESIGNED' });
    expect(
      codeOf(() =>
        applyConductEvent(
          meetingAppeal,
          {
            type: 'APPEAL_DECIDED',
            result: 'OUTCOME_VARIED',
            newOutcome: 'DISMISSAL_WITHOUT_NOTICE',
            on,
          },
          resigned,
        ),
      ),
    ).toBe('CONDUCT_CASE.FORMER_OFFICER_CANNOT_BE_DISMISSED');
  });
});

describe('journeys (as the e2e tests will run them)', () => {
  it('arrest → charge (paused) → conviction → accelerated hearing → dismissal → barred report', () => {
    const stages = [
      { stage: 'ARRESTED' as const, on: '2025-03-01' },
      { stage: 'CHARGED' as const, on: '2025-03-02' },
      { stage: 'CONVICTED' as const, on: '2025-06-10' },
    ];
    const atCharge = summariseCriminalCase(stages.slice(0, 2), '2025-02-27');
    let state = openConductCase('2025-03-01');
    const c = (s: ReturnType<typeof summariseCriminalCase>) =>
      ctx({ linkedCriminalCasePending: s.pending, linkedConviction: standingConviction(s, true) });
    state = applyConductEvent(state, { ...SEV_GROSS, on: '2025-03-05' }, c(atCharge));
    expect(displayStatus(state, atCharge.pending)).toBe('PAUSED_SUB_JUDICE');
    expect(
      codeOf(() => applyConductEvent(state, { ...TO_ACCELERATED, on: '2025-04-01' }, c(atCharge))),
    ).toBe('CONDUCT_CASE.PAUSED_SUB_JUDICE');
    const atVerdict = summariseCriminalCase(stages, '2025-02-27');
    expect(atVerdict.pending).toBe(false);
    state = applyConductEvent(state, { ...TO_ACCELERATED, on: '2025-06-20' }, c(atVerdict));
    state = applyConductEvent(state, { ...DISMISSED, on: '2025-07-01' }, c(atVerdict));
    expect(
      listReportTriggers({
        cameToAttentionOn: state.cameToAttentionOn,
        conductCase: state,
        statusHistory: [{ status: 'SERVING', effectiveFrom: '2015-01-01' }],
      }),
    ).toEqual([{ list: 'BARRED', triggerOn: '2025-07-01', reason: 'DISMISSED' }]);
  });

  it('resignation mid-investigation → advisory → hearing in absence → would have been dismissed → converted', () => {
    const serving = ctx();
    const resigned = ctx({ personStatusOnEventDate: 'RESIGNED' });
    const state = replayConductEvents('2024-01-10', [
      { event: { ...SEV_GROSS, on: '2024-01-15' }, ctx: serving },
      { event: { ...INVESTIGATE, on: '2024-01-20' }, ctx: serving },
      { event: { ...CTA_GROSS, on: '2024-06-01' }, ctx: resigned },
      { event: { ...TO_HEARING, on: '2024-06-10' }, ctx: resigned },
      {
        event: { type: 'OUTCOME', outcome: 'WOULD_HAVE_BEEN_DISMISSED', on: '2024-09-02' },
        ctx: resigned,
      },
    ]);
    const triggers = listReportTriggers({
      cameToAttentionOn: state.cameToAttentionOn,
      conductCase: state,
      statusHistory: [
        { status: 'SERVING', effectiveFrom: '2012-04-01' },
        { status: 'RESIGNED', effectiveFrom: '2024-03-15' },
      ],
    });
    expect(triggers).toEqual([
      { list: 'ADVISORY', triggerOn: '2024-03-15', reason: 'RESIGNED_WHILE_ALLEGATION_LIVE' },
      { list: 'BARRED', triggerOn: '2024-09-02', reason: 'WOULD_HAVE_BEEN_DISMISSED' },
    ]);
    expect(advisoryStatusOnCaseEnd(state.finalOutcome)).toBe('CONVERTED_TO_BARRED');
  });
});
