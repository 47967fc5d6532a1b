import fc from 'fast-check';
import { addDays } from '../../calendar/domain/dates';
import { DomainError } from '../../common/domain-error';
import {
  CONDUCT_TRANSITIONS,
  ConductCaseState,
  ConductContext,
  ConductEvent,
  OUTCOMES_AT_FORUM,
  TERMINAL_CONDUCT_STATUSES,
  appealForumFor,
  allowedConductEvents,
  applyConductEvent,
  openConductCase,
  replayConductEvents,
} from './conduct-case';
import { CONDUCT_CASE_ERRORS } from './error-codes';
import { isFormerStatus } from './rules';
import {
  APPEAL_FORUMS,
  APPEAL_RESULTS,
  CASE_TO_ANSWER_DECISIONS,
  CONDUCT_EVENT_TYPES,
  CONDUCT_FINDINGS,
  CONDUCT_OUTCOMES,
  CONDUCT_SEVERITIES,
  CONDUCT_STATUSES,
  EMPLOYMENT_STATUSES,
  INVESTIGATION_FORMS,
  PERSON_TYPES,
  PROCEEDINGS_FORMS,
  PersonType,
} from './vocabulary';

const KNOWN_CODES: string[] = Object.values(CONDUCT_CASE_ERRORS);

/** One attempted step: which event (guided towards the allowed ones), its payload, its facts. */
const stepArb = fc.record({
  guided: fc.integer({ min: 0, max: 4 }).map((n) => n > 0), // mostly steps the table allows
  pick: fc.nat(),
  gapDays: fc.integer({ min: -3, max: 90 }),
  severity: fc.oneof(
    { arbitrary: fc.constantFrom('MISCONDUCT' as const, 'GROSS_MISCONDUCT' as const), weight: 4 },
    { arbitrary: fc.constantFrom(...CONDUCT_SEVERITIES), weight: 1 },
  ),
  investigationForm: fc.constantFrom(...INVESTIGATION_FORMS),
  decision: fc.oneof(
    { arbitrary: fc.constant('CASE_TO_ANSWER_GROSS_MISCONDUCT' as const), weight: 2 },
    { arbitrary: fc.constantFrom(...CASE_TO_ANSWER_DECISIONS), weight: 2 },
  ),
  proceedingsForm: fc.constantFrom(...PROCEEDINGS_FORMS),
  outcome: fc.constantFrom(...CONDUCT_OUTCOMES),
  finding: fc.option(fc.constantFrom(...CONDUCT_FINDINGS), { nil: undefined, freq: 2 }),
  forum: fc.constantFrom(...APPEAL_FORUMS),
  result: fc.constantFrom(...APPEAL_RESULTS),
  newOutcome: fc.option(fc.constantFrom(...CONDUCT_OUTCOMES), { nil: undefined }),
  reason: fc.constantFrom('', 'No longer in the public interest'),
  pending: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  personStatus: fc.oneof(
    { arbitrary: fc.constant('SERVING' as const), weight: 3 },
    { arbitrary: fc.constantFrom(...EMPLOYMENT_STATUSES), weight: 2 },
  ),
});
type StepInput = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const caseArb = fc.record({
  personType: fc.constantFrom(...PERSON_TYPES),
  finalWarningGivenOn: fc.option(fc.constantFrom('2021-06-01', '2023-06-01', '2024-03-01'), {
    nil: undefined,
  }),
  conviction: fc.option(
    fc.record({
      convictedOn: fc.constantFrom('2025-05-27', '2025-05-28'),
      indictableOnly: fc.boolean(),
    }),
    { nil: undefined },
  ),
  steps: fc.array(stepArb, { maxLength: 40 }),
});
type CaseInput = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function eventFor(
  state: ConductCaseState,
  s: StepInput,
  on: string,
  personType: PersonType,
): ConductEvent {
  const allowed = allowedConductEvents(state.status);
  const type =
    s.guided && allowed.length > 0
      ? allowed[s.pick % allowed.length]
      : CONDUCT_EVENT_TYPES[s.pick % CONDUCT_EVENT_TYPES.length];
  switch (type) {
    case 'SEVERITY_ASSESSED':
      return { type, on, severity: s.severity };
    case 'INVESTIGATION_STARTED':
      return { type, on, form: s.investigationForm };
    case 'CASE_TO_ANSWER_DECIDED':
      return { type, on, decision: s.decision };
    case 'REFERRED':
      return { type, on, form: s.proceedingsForm };
    case 'OUTCOME': {
      // Guided steps pick an outcome the forum can give; the rest may pick anything.
      const atForum = state.proceedingsForm ? OUTCOMES_AT_FORUM[state.proceedingsForm] : [];
      const outcome = s.guided && atForum.length > 0 ? atForum[s.pick % atForum.length] : s.outcome;
      return { type, on, outcome, finding: s.finding };
    }
    case 'APPEAL_LODGED': {
      const route = state.proceedingsForm && appealForumFor(personType, state.proceedingsForm);
      return { type, on, forum: s.guided && route ? route : s.forum };
    }
    case 'APPEAL_DECIDED':
      return { type, on, result: s.result, newOutcome: s.newOutcome };
    case 'WITHDRAWN':
      return { type, on, reason: s.reason };
  }
}

interface Accepted {
  before: ConductCaseState;
  event: ConductEvent;
  ctx: ConductContext;
  after: ConductCaseState;
}

/** Runs the attempts, keeping the accepted steps; every refusal must be a coded domain error. */
function simulate(input: CaseInput): { accepted: Accepted[]; final: ConductCaseState } {
  let state = openConductCase('2024-01-10');
  let day = '2024-01-10';
  const accepted: Accepted[] = [];
  for (const s of input.steps) {
    const on = addDays(day, s.gapDays);
    const ctx: ConductContext = {
      linkedCriminalCasePending: s.pending,
      personType: input.personType,
      personStatusOnEventDate: s.personStatus,
      liveWarnings: input.finalWarningGivenOn
        ? [{ type: 'FINAL_WRITTEN_WARNING', givenOn: input.finalWarningGivenOn }]
        : [],
      linkedConviction: input.conviction,
    };
    const event = eventFor(state, s, on, input.personType);
    try {
      const after = applyConductEvent(state, event, ctx);
      accepted.push({ before: state, event, ctx, after });
      reached.add(after.status);
      state = after;
      day = on;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      expect(KNOWN_CODES).toContain(e.code);
      expect([400, 409]).toContain(e.status);
    }
  }
  return { accepted, final: state };
}

const ENDED: string[] = [
  'NO_CASE_TO_ANSWER',
  'OUTCOME_DECIDED',
  'APPEAL_PENDING',
  'CLOSED',
  'WITHDRAWN',
];

/** Statuses the generated walks reached (checked in afterAll so the properties are not idle). */
const reached = new Set<string>();

describe('conduct state machine properties', () => {
  afterAll(() => {
    // The generator must actually drive cases through the whole process, or the properties are idle.
    expect([...reached].sort()).toEqual(CONDUCT_STATUSES.filter((x) => x !== 'OPEN').sort());
  });

  it('never reaches a status the table does not list for the step taken', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { accepted, final } = simulate(input);
        for (const { before, event, after } of accepted) {
          expect(CONDUCT_TRANSITIONS[before.status][event.type]).toContain(after.status);
        }
        expect(CONDUCT_STATUSES).toContain(final.status);
      }),
      { numRuns: 400 },
    );
  });

  it('an accepted sequence has at most one outcome, one appeal decision, and never both an outcome and no case to answer', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { accepted, final } = simulate(input);
        const count = (t: string) => accepted.filter((a) => a.event.type === t).length;
        expect(count('OUTCOME')).toBeLessThanOrEqual(1);
        expect(count('APPEAL_LODGED')).toBeLessThanOrEqual(1);
        expect(count('APPEAL_DECIDED')).toBeLessThanOrEqual(count('APPEAL_LODGED'));
        if (final.caseToAnswer === 'NO_CASE_TO_ANSWER') expect(count('OUTCOME')).toBe(0);
        if (count('OUTCOME') === 1) expect(final.outcome).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('nothing is accepted after a terminal status, and event dates never go backwards', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { accepted } = simulate(input);
        accepted.forEach(({ before, event }) => {
          expect(TERMINAL_CONDUCT_STATUSES).not.toContain(before.status);
          expect(event.on >= (before.lastEventOn ?? before.cameToAttentionOn)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('no proceedings go ahead sub judice, and dismissal types match the person’s status', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { accepted } = simulate(input);
        for (const { event, ctx } of accepted) {
          if (event.type === 'REFERRED' || event.type === 'OUTCOME') {
            expect(ctx.linkedCriminalCasePending).toBe(false);
          }
          if (event.type === 'OUTCOME') {
            const former = isFormerStatus(ctx.personStatusOnEventDate);
            if (event.outcome === 'DISMISSAL_WITHOUT_NOTICE') expect(former).toBe(false);
            if (event.outcome === 'WOULD_HAVE_BEEN_DISMISSED') expect(former).toBe(true);
          }
          if (event.type !== 'WITHDRAWN') expect(ctx.personStatusOnEventDate).not.toBe('DECEASED');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the allegation is closed exactly when the case has ended, and a final outcome only then', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { accepted } = simulate(input);
        for (const { after } of accepted) {
          const ended = ENDED.includes(after.status);
          expect(after.allegationClosedOn !== null).toBe(ended);
          if (after.finalOutcome !== null) expect(ended).toBe(true);
          if (['OUTCOME_DECIDED', 'APPEAL_PENDING'].includes(after.status)) {
            expect(after.finalOutcome).toBe(after.outcome);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replaying the accepted events gives the same state (the machine is a pure function)', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const { accepted, final } = simulate(input);
        expect(
          replayConductEvents(
            '2024-01-10',
            accepted.map(({ event, ctx }) => ({ event, ctx })),
          ),
        ).toEqual(final);
      }),
      { numRuns: 200 },
    );
  });
});
