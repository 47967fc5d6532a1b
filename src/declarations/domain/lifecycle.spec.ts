import fc from 'fast-check';
import { ConflictError } from '../../common/domain-error';
import {
  AWAITING_ASSESSMENT_STATUSES,
  DECLARATION_ACTIONS,
  DECLARATION_TRANSITIONS,
  DeclarationAction,
  NEW_VERSION_STATUS,
  TERMINAL_STATUSES,
  TransitionContext,
  TransitionContextError,
  amendmentCreatesNewVersion,
  assertTransition,
  canTransition,
  isAssessed,
  nextStatus,
} from './lifecycle';
import { DECLARATION_STATUSES, DeclarationStatus } from './vocabulary';

/**
 * The expected machine, written out independently of the implementation's table: every legal
 * step, with the context it needs. Anything not listed must be refused.
 */
interface Legal {
  from: DeclarationStatus;
  action: DeclarationAction;
  when?: TransitionContext;
  to: DeclarationStatus;
}
const REVIEW = { reviewOn: '2027-06-30' };
const NO_REVIEW = { reviewOn: null };
const FIRST = { previouslyAssessed: false };
const AGAIN = { previouslyAssessed: true };

const LEGAL: Legal[] = [
  { from: 'SUBMITTED', action: 'START_ASSESSMENT', to: 'UNDER_ASSESSMENT' },
  { from: 'REVIEW_DUE', action: 'START_ASSESSMENT', to: 'UNDER_ASSESSMENT' },

  { from: 'SUBMITTED', action: 'REQUEST_INFO', to: 'INFO_REQUESTED' },
  { from: 'UNDER_ASSESSMENT', action: 'REQUEST_INFO', to: 'INFO_REQUESTED' },
  { from: 'REVIEW_DUE', action: 'REQUEST_INFO', to: 'INFO_REQUESTED' },

  { from: 'INFO_REQUESTED', action: 'ANSWER_INFO', to: 'UNDER_ASSESSMENT' },

  ...(['SUBMITTED', 'UNDER_ASSESSMENT', 'INFO_REQUESTED', 'REVIEW_DUE'] as const).flatMap(
    (from): Legal[] => [
      { from, action: 'ASSESS', when: REVIEW, to: 'MONITORING' },
      { from, action: 'ASSESS', when: NO_REVIEW, to: 'CLOSED' },
    ],
  ),

  { from: 'MONITORING', action: 'REVIEW_DUE', to: 'REVIEW_DUE' },
  { from: 'ASSESSED', action: 'REVIEW_DUE', to: 'REVIEW_DUE' },

  { from: 'SUBMITTED', action: 'ASSOCIATION_ENDED', to: 'SUBMITTED' },
  { from: 'UNDER_ASSESSMENT', action: 'ASSOCIATION_ENDED', to: 'UNDER_ASSESSMENT' },
  { from: 'INFO_REQUESTED', action: 'ASSOCIATION_ENDED', to: 'INFO_REQUESTED' },
  { from: 'ASSESSED', action: 'ASSOCIATION_ENDED', to: 'SUBMITTED' },
  { from: 'MONITORING', action: 'ASSOCIATION_ENDED', to: 'SUBMITTED' },
  { from: 'REVIEW_DUE', action: 'ASSOCIATION_ENDED', to: 'SUBMITTED' },

  { from: 'SUBMITTED', action: 'AMEND', when: FIRST, to: 'SUBMITTED' },
  { from: 'UNDER_ASSESSMENT', action: 'AMEND', when: FIRST, to: 'UNDER_ASSESSMENT' },
  { from: 'INFO_REQUESTED', action: 'AMEND', when: FIRST, to: 'INFO_REQUESTED' },
  { from: 'SUBMITTED', action: 'AMEND', when: AGAIN, to: 'SUPERSEDED' },
  { from: 'UNDER_ASSESSMENT', action: 'AMEND', when: AGAIN, to: 'SUPERSEDED' },
  { from: 'INFO_REQUESTED', action: 'AMEND', when: AGAIN, to: 'SUPERSEDED' },
  { from: 'ASSESSED', action: 'AMEND', to: 'SUPERSEDED' },
  { from: 'MONITORING', action: 'AMEND', to: 'SUPERSEDED' },
  { from: 'REVIEW_DUE', action: 'AMEND', to: 'SUPERSEDED' },
  { from: 'CLOSED', action: 'AMEND', to: 'SUPERSEDED' },

  { from: 'SUBMITTED', action: 'WITHDRAW', when: FIRST, to: 'WITHDRAWN' },
  { from: 'UNDER_ASSESSMENT', action: 'WITHDRAW', when: FIRST, to: 'WITHDRAWN' },
  { from: 'INFO_REQUESTED', action: 'WITHDRAW', when: FIRST, to: 'WITHDRAWN' },

  { from: 'ASSESSED', action: 'CLOSE', to: 'CLOSED' },
  { from: 'MONITORING', action: 'CLOSE', to: 'CLOSED' },
  { from: 'REVIEW_DUE', action: 'CLOSE', to: 'CLOSED' },
];

/** Every full context, so context-dependent and context-free steps are walked alike. */
const CONTEXTS: TransitionContext[] = [
  { ...REVIEW, ...FIRST },
  { ...REVIEW, ...AGAIN },
  { ...NO_REVIEW, ...FIRST },
  { ...NO_REVIEW, ...AGAIN },
];

function expected(
  from: DeclarationStatus,
  action: DeclarationAction,
  ctx: TransitionContext,
): DeclarationStatus | null {
  const row = LEGAL.find(
    (l) =>
      l.from === from &&
      l.action === action &&
      Object.entries(l.when ?? {}).every(([k, v]) => ctx[k as keyof TransitionContext] === v),
  );
  return row?.to ?? null;
}

function conflictOf(fn: () => unknown): ConflictError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConflictError) return e;
    throw e;
  }
  throw new Error('expected a ConflictError');
}

const PAIRS = DECLARATION_STATUSES.flatMap((from) =>
  DECLARATION_ACTIONS.flatMap((action) => CONTEXTS.map((ctx) => ({ from, action, ctx }))),
);

describe('declaration lifecycle', () => {
  it('walks every status × action × context', () => {
    expect(PAIRS).toHaveLength(9 * 9 * 4);
  });

  describe.each(PAIRS)('$from + $action ($ctx)', ({ from, action, ctx }) => {
    const to = expected(from, action, ctx);
    if (to !== null) {
      it(`goes to ${to}`, () => {
        expect(assertTransition(from, action, ctx)).toBe(to);
        expect(nextStatus(from, action, ctx)).toBe(to);
        expect(canTransition(from, action, ctx)).toBe(true);
      });
    } else {
      it('is refused with DECLARATION.INVALID_TRANSITION', () => {
        const err = conflictOf(() => assertTransition(from, action, ctx));
        expect(err.code).toBe('DECLARATION.INVALID_TRANSITION');
        expect(err.status).toBe(409);
        expect(err.message).toContain(from);
        expect(err.message).toContain(action);
        expect(nextStatus(from, action, ctx)).toBeNull();
        expect(canTransition(from, action, ctx)).toBe(false);
      });
    }
  });

  it('lists no step the expected machine does not know, and misses none', () => {
    const fromTable = Object.entries(DECLARATION_TRANSITIONS).flatMap(([action, row]) =>
      Object.keys(row).map((from) => `${from} ${action}`),
    );
    const fromSpec = [...new Set(LEGAL.map((l) => `${l.from} ${l.action}`))];
    expect(fromTable.sort()).toEqual(fromSpec.sort());
  });

  describe('context-dependent steps', () => {
    it.each([
      ['SUBMITTED', 'ASSESS', 'reviewOn'],
      ['REVIEW_DUE', 'ASSESS', 'reviewOn'],
      ['SUBMITTED', 'WITHDRAW', 'previouslyAssessed'],
      ['INFO_REQUESTED', 'AMEND', 'previouslyAssessed'],
    ] as const)('%s + %s without ctx.%s is a programming error', (from, action, field) => {
      expect(() => assertTransition(from, action)).toThrow(TransitionContextError);
      expect(() => assertTransition(from, action)).toThrow(field);
    });

    it('needs no context where the table does not branch', () => {
      expect(assertTransition('SUBMITTED', 'START_ASSESSMENT')).toBe('UNDER_ASSESSMENT');
      expect(assertTransition('MONITORING', 'AMEND')).toBe('SUPERSEDED');
      expect(() => assertTransition('MONITORING', 'WITHDRAW')).toThrow(ConflictError);
    });

    it('says why a previously assessed declaration cannot be withdrawn', () => {
      const err = conflictOf(() => assertTransition('SUBMITTED', 'WITHDRAW', AGAIN));
      expect(err.message).toMatch(/already been assessed/);
    });

    it('tells the service when an amendment makes a new version', () => {
      expect(amendmentCreatesNewVersion('SUBMITTED', FIRST)).toBe(false);
      expect(amendmentCreatesNewVersion('SUBMITTED', AGAIN)).toBe(true);
      expect(amendmentCreatesNewVersion('MONITORING')).toBe(true);
      expect(amendmentCreatesNewVersion('CLOSED')).toBe(true);
      expect(NEW_VERSION_STATUS).toBe('SUBMITTED');
      expect(() => amendmentCreatesNewVersion('WITHDRAWN')).toThrow(ConflictError);
    });
  });

  describe('queue and assessed sets', () => {
    it('puts first assessments, re-assessments and reviews in the queue, not info requests', () => {
      expect([...AWAITING_ASSESSMENT_STATUSES].sort()).toEqual(
        ['REVIEW_DUE', 'SUBMITTED', 'UNDER_ASSESSMENT'].sort(),
      );
      expect(AWAITING_ASSESSMENT_STATUSES).not.toContain('INFO_REQUESTED');
    });

    it('lets ASSESS be taken from every queued status', () => {
      for (const s of AWAITING_ASSESSMENT_STATUSES) {
        expect(canTransition(s, 'ASSESS', REVIEW)).toBe(true);
      }
    });

    it.each([
      ['SUBMITTED', false],
      ['UNDER_ASSESSMENT', false],
      ['INFO_REQUESTED', false],
      ['WITHDRAWN', false],
      ['ASSESSED', true],
      ['MONITORING', true],
      ['REVIEW_DUE', true],
      ['CLOSED', true],
      ['SUPERSEDED', true],
    ] as const)('isAssessed(%s) = %s', (status, assessed) => {
      expect(isAssessed(status)).toBe(assessed);
    });

    it('leaves terminal statuses only by amending a closed declaration', () => {
      for (const from of TERMINAL_STATUSES) {
        for (const action of DECLARATION_ACTIONS) {
          const legal = CONTEXTS.some((ctx) => canTransition(from, action, ctx));
          expect({ from, action, legal }).toEqual({
            from,
            action,
            legal: from === 'CLOSED' && action === 'AMEND',
          });
        }
      }
    });
  });

  it('follows the whole journey of the issue', () => {
    let s: DeclarationStatus = 'SUBMITTED';
    s = assertTransition(s, 'ASSESS', { reviewOn: '2026-09-01' }); // HIGH, plan
    expect(s).toBe('MONITORING');
    s = assertTransition(s, 'ASSOCIATION_ENDED');
    expect(s).toBe('SUBMITTED');
    expect(AWAITING_ASSESSMENT_STATUSES).toContain(s);
    expect(() => assertTransition(s, 'WITHDRAW', { previouslyAssessed: true })).toThrow(
      ConflictError,
    );
    s = assertTransition(s, 'ASSESS', { reviewOn: '2027-03-01' });
    s = assertTransition(s, 'REVIEW_DUE');
    s = assertTransition(s, 'REQUEST_INFO');
    s = assertTransition(s, 'ANSWER_INFO');
    s = assertTransition(s, 'ASSESS', { reviewOn: null });
    expect(s).toBe('CLOSED');
  });

  describe('properties over random action sequences', () => {
    /** A tiny model of the service: it tracks whether any assessment happened. */
    const steps = fc.array(
      fc.record({
        action: fc.constantFrom(...DECLARATION_ACTIONS),
        reviewOn: fc.constantFrom<string | null>('2027-01-31', null),
      }),
      { maxLength: 40 },
    );

    it('never withdraws or edits in place once assessed, and always stays in the vocabulary', () => {
      fc.assert(
        fc.property(steps, (seq) => {
          let status: DeclarationStatus = 'SUBMITTED';
          let assessed = false;
          for (const { action, reviewOn } of seq) {
            const ctx = { reviewOn, previouslyAssessed: assessed };
            const to = nextStatus(status, action, ctx);
            if (to === null) continue;
            expect(DECLARATION_STATUSES).toContain(to);
            if (assessed && action === 'WITHDRAW') return false;
            if (assessed && action === 'AMEND' && to !== 'SUPERSEDED') return false;
            if (action === 'ASSESS') assessed = true;
            // a superseded version is replaced by a new one that carries the history on
            status = to === 'SUPERSEDED' ? NEW_VERSION_STATUS : to;
            if (status === 'WITHDRAWN' && assessed) return false;
          }
          return true;
        }),
      );
    });

    it('always brings a reported end of association back to the assessor', () => {
      fc.assert(
        fc.property(fc.constantFrom(...DECLARATION_STATUSES), (from) => {
          const to = nextStatus(from, 'ASSOCIATION_ENDED');
          return (
            to === null || AWAITING_ASSESSMENT_STATUSES.includes(to) || to === 'INFO_REQUESTED' // already with the declarant, before any assessment
          );
        }),
      );
    });
  });
});
