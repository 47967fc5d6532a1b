import { fromEpochDay } from '../../calendar/domain/dates';
import { ukCalendar } from '../../calendar/domain/working-days';
import {
  appealForumFor,
  applyConductEvent,
  ConductCaseState,
  ConductContext,
  ConductEvent,
  openConductCase,
} from '../../cases/domain/conduct-case';
import { CriminalStageEntry, summariseCriminalCase } from '../../cases/domain/criminal-case';
import { advisoryStatusOnCaseEnd, listReportTriggers } from '../../cases/domain/rules';
import type {
  ConductOutcome,
  ConductSeverity,
  CriminalStage,
  OffenceCategory,
} from '../../cases/domain/vocabulary';
import { Prng } from './prng';
import { addSpell, isFormer, leave, leftOn, statusOn, SynPerson, YEAR } from './workforce';

export interface SynCriminalCase {
  id: string;
  person: SynPerson;
  category: OffenceCategory;
  offenceDay: number;
  indictableOnly: boolean;
  stages: CriminalStageEntry[];
  descriptionIdx: number;
}

export interface SynConductCase {
  id: string;
  person: SynPerson;
  cameToAttention: number;
  origin: string;
  criminal: SynCriminalCase | null;
  events: ConductEvent[];
  state: ConductCaseState;
}

export interface SynListReport {
  id: string;
  person: SynPerson;
  conduct: SynConductCase;
  list: 'BARRED' | 'ADVISORY';
  reason: string;
  triggerOn: string;
  dueOn: string;
  sentOn: string | null;
  status: string;
}

const CATEGORIES: ReadonlyArray<readonly [OffenceCategory, number]> = [
  ['DRIVING_OFFENCES', 30],
  ['VIOLENCE_AGAINST_THE_PERSON', 15],
  ['FRAUD', 8],
  ['THEFT', 7],
  ['SEXUAL_OFFENCES', 6],
  ['COMMUNICATIONS_OFFENCES', 6],
  ['HARASSMENT_STALKING', 6],
  ['MISCONDUCT_IN_PUBLIC_OFFICE', 5],
  ['DRUG_OFFENCES', 4],
  ['COMPUTER_MISUSE_DATA_PROTECTION', 4],
  ['PUBLIC_ORDER', 3],
  ['CRIMINAL_DAMAGE', 2],
  ['POSSESSION_OF_WEAPONS', 1],
  ['BURGLARY', 1],
  ['ROBBERY', 1],
  ['OTHER', 1],
];

/** Chance, per person per six years in the register, of a criminal case. About half end in
 * conviction, and most officers convicted of anything but a driving offence are dismissed, so it
 * is set for about 1 in 200 serving officers with a conviction on the as-of date (MPS, April
 * 2023: 161 of ~34,000 serving officers). */
const CRIMINAL_CASE_SHARE = 0.018;
/** Conduct cases a year per person in service: ~1,700 E&W referrals to proceedings a year for
 * ~236k workforce, about half of all cases opened (the rest closed at assessment or no case). */
const CONDUCT_CASES_PER_YEAR = 0.011;

export interface CaseOptions {
  fromDay: number;
  asOfDay: number;
}

export interface GeneratedCases {
  criminal: SynCriminalCase[];
  conduct: SynConductCase[];
  lists: SynListReport[];
  rejectedEvents: number;
}

/** Criminal-case stage histories that follow the domain's transition table. */
function criminalStages(rng: Prng, offenceDay: number, asOf: number): CriminalStageEntry[] {
  const out: CriminalStageEntry[] = [];
  let day = offenceDay + Math.round(rng.exp(20));
  const push = (stage: CriminalStage, gap: number): boolean => {
    day += Math.max(1, Math.round(gap));
    if (day > asOf) return false;
    out.push({ stage, on: fromEpochDay(day) });
    return true;
  };
  day -= 1;
  if (!push('REPORTED', 1)) return out;
  if (rng.chance(0.6) && !push('ARRESTED', rng.exp(10))) return out;
  if (rng.chance(0.4) && !push('RELEASED_UNDER_INVESTIGATION', rng.exp(5))) return out;
  if (rng.chance(0.25)) {
    push('NO_FURTHER_ACTION', rng.exp(150));
    return out;
  }
  if (!push(rng.chance(0.7) ? 'CHARGED' : 'SUMMONSED', rng.exp(90))) return out;
  if (rng.chance(0.6) && !push('AWAITING_TRIAL', rng.exp(30))) return out;
  const verdict = rng.weighted([
    ['CONVICTED', 70],
    ['ACQUITTED', 20],
    ['DISCONTINUED', 10],
  ] as const);
  if (!push(verdict, rng.exp(180) + 30)) return out;
  if (verdict !== 'CONVICTED') return out;
  if (rng.chance(0.9) && !push('SENTENCED', rng.exp(30))) return out;
  if (rng.chance(0.05) && push('APPEAL_PENDING', rng.exp(60))) {
    push(rng.chance(0.8) ? 'SENTENCED' : 'CONVICTION_QUASHED', rng.exp(120));
  }
  return out;
}

function stageOnOrBefore(c: SynCriminalCase, iso: string): CriminalStage | null {
  let s: CriminalStage | null = null;
  for (const e of c.stages) if (e.on <= iso) s = e.stage;
  return s;
}

/**
 * Criminal cases, conduct cases (through the domain's own state machine, so every stored state
 * is one the service could have reached) and the barred/advisory list reports they call for.
 * Dismissals and resignations during a case change the person's status history.
 */
export function generateCases(rng: Prng, people: SynPerson[], opts: CaseOptions): GeneratedCases {
  const criminal: SynCriminalCase[] = [];
  const conduct: SynConductCase[] = [];
  let rejectedEvents = 0;

  const window = (p: SynPerson): [number, number] | null => {
    const first = Math.max(p.joined + 60, opts.fromDay);
    const last = Math.min(leftOn(p) ?? opts.asOfDay, opts.asOfDay) - 1;
    return last > first ? [first, last] : null;
  };

  /** A suspension, not starting after the as-of day and still running if it would end after it. */
  const suspend = (p: SynPerson, from: number, to: number | null): void => {
    if (from > opts.asOfDay) return;
    addSpell(p, 'SUSPENDED', from, to !== null && to <= opts.asOfDay ? to : null);
  };

  const runCase = (c: SynConductCase, plan: (state: ConductCaseState) => ConductEvent | null) => {
    const p = c.person;
    for (let guard = 0; guard < 12; guard++) {
      const next = plan(c.state);
      if (!next || next.on > fromEpochDay(opts.asOfDay)) return;
      const ctx = (): ConductContext => {
        const on = next.on;
        const stage = c.criminal ? stageOnOrBefore(c.criminal, on) : null;
        const summary = c.criminal
          ? summariseCriminalCase(
              c.criminal.stages.filter((s) => s.on <= on),
              fromEpochDay(c.criminal.offenceDay),
            )
          : null;
        return {
          linkedCriminalCasePending:
            stage !== null && ['CHARGED', 'SUMMONSED', 'AWAITING_TRIAL'].includes(stage),
          personType: p.type,
          personStatusOnEventDate: statusOn(p, toDay(on)) ?? 'SERVING',
          liveWarnings: p.warnings,
          linkedConviction:
            summary?.convictedOn && c.criminal
              ? { convictedOn: summary.convictedOn, indictableOnly: c.criminal.indictableOnly }
              : undefined,
        };
      };
      let event = next;
      try {
        c.state = applyConductEvent(c.state, event, ctx());
      } catch {
        rejectedEvents++;
        event = { type: 'WITHDRAWN', on: next.on, reason: rng.pick([0, 1, 2]).toString() };
        try {
          c.state = applyConductEvent(c.state, event, ctx());
        } catch {
          return;
        }
      }
      c.events.push(event);
      const outcome = c.state.finalOutcome;
      if (event.type === 'OUTCOME' || event.type === 'APPEAL_DECIDED') {
        const on = toDay(event.on);
        const now = statusOn(p, on);
        if (outcome === 'DISMISSAL_WITHOUT_NOTICE' && now && !isFormer(now)) {
          leave(p, 'DISMISSED', on);
        }
        if (outcome === 'WRITTEN_WARNING' || outcome === 'FINAL_WRITTEN_WARNING') {
          p.warnings.push({ type: outcome, givenOn: event.on });
        }
      }
      if (c.state.status === 'CLOSED' || c.state.status === 'WITHDRAWN') return;
      if (c.state.status === 'NO_CASE_TO_ANSWER') return;
    }
  };

  for (const p of people) {
    const w = window(p);
    if (!w) continue;
    // ---- criminal case (and the conduct case a conviction brings)
    if (rng.chance(CRIMINAL_CASE_SHARE * ((w[1] - w[0]) / YEAR / 6))) {
      const category = rng.weighted(CATEGORIES);
      const offenceDay = rng.between(w[0], w[1]);
      const cc: SynCriminalCase = {
        id: rng.uuid(),
        person: p,
        category,
        offenceDay,
        indictableOnly:
          (category === 'ROBBERY' && rng.chance(0.5)) ||
          (category === 'SEXUAL_OFFENCES' && rng.chance(0.2)),
        stages: criminalStages(rng, offenceDay, opts.asOfDay),
        descriptionIdx: rng.int(6),
      };
      if (cc.stages.length > 0) {
        criminal.push(cc);
        const charged = cc.stages.find((s) => s.stage === 'CHARGED' || s.stage === 'SUMMONSED');
        const serious = category !== 'DRIVING_OFFENCES';
        if (serious && charged && rng.chance(0.5)) {
          const verdict = cc.stages.find((s) =>
            ['CONVICTED', 'ACQUITTED', 'DISCONTINUED'].includes(s.stage),
          );
          suspend(
            p,
            toDay(charged.on) + 1,
            verdict ? toDay(verdict.on) + rng.between(20, 90) : null,
          );
        }
        const came = toDay(cc.stages[0].on);
        const c: SynConductCase = {
          id: rng.uuid(),
          person: p,
          cameToAttention: came,
          origin: 'CRIMINAL_INVESTIGATION',
          criminal: cc,
          events: [],
          state: openConductCase(fromEpochDay(came)),
        };
        conduct.push(c);
        const severity: ConductSeverity = serious ? 'GROSS_MISCONDUCT' : 'MISCONDUCT';
        runCase(c, (s) => {
          const last = toDay(s.lastEventOn ?? s.cameToAttentionOn);
          const convicted = cc.stages.find((x) => x.stage === 'CONVICTED');
          const ended = cc.stages.find((x) =>
            ['ACQUITTED', 'DISCONTINUED', 'NO_FURTHER_ACTION'].includes(x.stage),
          );
          switch (s.status) {
            case 'OPEN':
              return { type: 'SEVERITY_ASSESSED', on: iso(last + rng.between(5, 40)), severity };
            case 'SEVERITY_ASSESSED':
              return { type: 'INVESTIGATION_STARTED', on: iso(last + 3), form: 'DIRECTED' };
            case 'UNDER_INVESTIGATION':
              if (convicted && severity === 'GROSS_MISCONDUCT') {
                const on = Math.max(last, toDay(convicted.on)) + rng.between(10, 60);
                return { type: 'REFERRED', on: iso(on), form: 'ACCELERATED_HEARING' };
              }
              if (convicted || ended) {
                const on = Math.max(last, toDay((convicted ?? ended)!.on)) + rng.between(20, 90);
                return {
                  type: 'CASE_TO_ANSWER_DECIDED',
                  on: iso(on),
                  decision: convicted ? 'CASE_TO_ANSWER_MISCONDUCT' : 'NO_CASE_TO_ANSWER',
                };
              }
              return null;
            case 'CASE_TO_ANSWER':
              return { type: 'REFERRED', on: iso(last + 30), form: 'MISCONDUCT_MEETING' };
            case 'REFERRED': {
              const on = last + rng.between(14, 60);
              const former = isFormer(statusOn(p, on) ?? 'SERVING');
              if (s.proceedingsForm === 'ACCELERATED_HEARING') {
                return {
                  type: 'OUTCOME',
                  on: iso(on),
                  finding: 'GROSS_MISCONDUCT',
                  outcome: former
                    ? 'WOULD_HAVE_BEEN_DISMISSED'
                    : rng.chance(0.85)
                      ? 'DISMISSAL_WITHOUT_NOTICE'
                      : 'FINAL_WRITTEN_WARNING',
                };
              }
              return {
                type: 'OUTCOME',
                on: iso(on),
                finding: 'MISCONDUCT',
                outcome: rng.chance(0.5) ? 'FINAL_WRITTEN_WARNING' : 'WRITTEN_WARNING',
              };
            }
            default:
              return null;
          }
        });
      }
    }

    // ---- conduct cases from complaints and internal reports
    // Not for someone with a criminal case: each path changes the status history the other's
    // events were decided against (a dismissal in one would leave the other's later events
    // about someone who had already gone). About 1 person in 100 goes without.
    if (criminal.length > 0 && criminal[criminal.length - 1].person === p) continue;
    const w2 = window(p);
    if (!w2) continue;
    const n = rng.poisson(((w2[1] - w2[0]) / YEAR) * CONDUCT_CASES_PER_YEAR);
    const days: number[] = [];
    for (let i = 0; i < n; i++) days.push(rng.between(w2[0], w2[1]));
    days.sort((a, b) => a - b);
    for (const came of days) {
      if (isFormer(statusOn(p, came) ?? 'SERVING')) break;
      const c: SynConductCase = {
        id: rng.uuid(),
        person: p,
        cameToAttention: came,
        origin: rng.weighted([
          ['PUBLIC_COMPLAINT', 40],
          ['INTERNAL_REPORT', 38],
          ['WHISTLEBLOWER', 6],
          ['DECLARATION_REFERRAL', 6],
          ['OTHER', 10],
        ] as const),
        criminal: null,
        events: [],
        state: openConductCase(fromEpochDay(came)),
      };
      conduct.push(c);
      const severity = rng.weighted([
        ['NO_MISCONDUCT', 25],
        ['PRACTICE_REQUIRING_IMPROVEMENT', 20],
        ['MISCONDUCT', 35],
        ['GROSS_MISCONDUCT', 20],
      ] as const);
      const withdraw = rng.chance(0.03);
      // Some officers resign or retire while a gross-misconduct allegation is live (advisory list).
      if (severity === 'GROSS_MISCONDUCT' && rng.chance(0.12)) {
        const d = came + rng.between(20, 150);
        const left = leftOn(p);
        if (d < opts.asOfDay && (left === null || left > d)) {
          leave(p, (d - p.joined) / YEAR >= 25 ? 'RETIRED' : 'RESIGNED', d);
        }
      }
      if (severity === 'GROSS_MISCONDUCT' && rng.chance(0.3)) {
        suspend(p, came + rng.between(3, 30), null);
      }
      runCase(c, (s) => {
        const last = toDay(s.lastEventOn ?? s.cameToAttentionOn);
        if (withdraw && s.status !== 'OPEN') {
          return { type: 'WITHDRAWN', on: iso(last + rng.between(10, 60)), reason: '0' };
        }
        switch (s.status) {
          case 'OPEN':
            return { type: 'SEVERITY_ASSESSED', on: iso(last + rng.between(3, 45)), severity };
          case 'SEVERITY_ASSESSED':
            if (severity === 'GROSS_MISCONDUCT' && rng.chance(0.15)) {
              return { type: 'REFERRED', on: iso(last + 20), form: 'ACCELERATED_HEARING' };
            }
            return {
              type: 'INVESTIGATION_STARTED',
              on: iso(last + rng.between(1, 20)),
              form: rng.weighted([
                ['LOCAL', 70],
                ['DIRECTED', 20],
                ['INDEPENDENT', 10],
              ] as const),
            };
          case 'UNDER_INVESTIGATION':
            return {
              type: 'CASE_TO_ANSWER_DECIDED',
              on: iso(last + Math.round(rng.exp(200)) + 30),
              decision: rng.chance(severity === 'GROSS_MISCONDUCT' ? 0.25 : 0.35)
                ? 'NO_CASE_TO_ANSWER'
                : severity === 'GROSS_MISCONDUCT'
                  ? 'CASE_TO_ANSWER_GROSS_MISCONDUCT'
                  : 'CASE_TO_ANSWER_MISCONDUCT',
            };
          case 'CASE_TO_ANSWER':
            return {
              type: 'REFERRED',
              on: iso(last + rng.between(10, 60)),
              form:
                s.caseToAnswer === 'CASE_TO_ANSWER_GROSS_MISCONDUCT'
                  ? 'MISCONDUCT_HEARING'
                  : 'MISCONDUCT_MEETING',
            };
          case 'REFERRED': {
            const on = last + Math.round(rng.exp(90)) + 20;
            const former = isFormer(statusOn(p, on) ?? 'SERVING');
            if (s.proceedingsForm === 'MISCONDUCT_MEETING') {
              const outcome = rng.weighted([
                ['NOT_PROVEN', 15],
                ['REFLECTIVE_PRACTICE', 25],
                ['WRITTEN_WARNING', 35],
                ['FINAL_WRITTEN_WARNING', 25],
              ] as const);
              const finding =
                outcome === 'NOT_PROVEN'
                  ? 'NOT_PROVEN'
                  : outcome === 'REFLECTIVE_PRACTICE'
                    ? 'PRACTICE_REQUIRING_IMPROVEMENT'
                    : 'MISCONDUCT';
              return { type: 'OUTCOME', on: iso(on), finding, outcome };
            }
            const finding = rng.weighted([
              ['GROSS_MISCONDUCT', 70],
              ['MISCONDUCT', 15],
              ['NOT_PROVEN', 15],
            ] as const);
            let outcome: ConductOutcome =
              finding === 'NOT_PROVEN'
                ? 'NOT_PROVEN'
                : finding === 'MISCONDUCT'
                  ? rng.chance(0.5)
                    ? 'WRITTEN_WARNING'
                    : 'FINAL_WRITTEN_WARNING'
                  : rng.weighted([
                      ['DISMISSAL_WITHOUT_NOTICE', 75],
                      ['FINAL_WRITTEN_WARNING', 20],
                      ['REDUCTION_IN_RANK', p.rank && p.rank !== 'CONSTABLE' ? 5 : 0],
                    ] as const);
            if (former && finding === 'GROSS_MISCONDUCT') outcome = 'WOULD_HAVE_BEEN_DISMISSED';
            return { type: 'OUTCOME', on: iso(on), finding, outcome };
          }
          case 'OUTCOME_DECIDED':
            if (s.outcome && s.outcome !== 'NOT_PROVEN' && rng.chance(0.06) && s.proceedingsForm) {
              return {
                type: 'APPEAL_LODGED',
                on: iso(last + rng.between(5, 20)),
                forum: appealForumFor(p.type, s.proceedingsForm),
              };
            }
            return null;
          case 'APPEAL_PENDING':
            return {
              type: 'APPEAL_DECIDED',
              on: iso(last + rng.between(60, 240)),
              result: rng.chance(0.8) ? 'DISMISSED' : 'ALLOWED',
            };
          default:
            return null;
        }
      });
    }
  }

  // ---- list reports, once every case of the person is final
  const calendar = ukCalendar();
  const lists: SynListReport[] = [];
  for (const c of conduct) {
    const history = c.person.history.map((h) => ({ status: h.status, effectiveFrom: iso(h.day) }));
    const triggers = listReportTriggers({
      cameToAttentionOn: c.state.cameToAttentionOn,
      conductCase: c.state,
      statusHistory: history,
    });
    for (const t of triggers) {
      const triggerDay = toDay(t.triggerOn);
      const sentDay =
        triggerDay +
        rng.weighted([
          [rng.between(1, 7), 85],
          [rng.between(8, 30), 15],
        ] as const);
      let status = 'PENDING';
      let sentOn: string | null = null;
      if (sentDay <= opts.asOfDay) {
        sentOn = iso(sentDay);
        status = opts.asOfDay - sentDay > 30 ? 'ON_LIST' : 'REPORTED';
        if (t.list === 'ADVISORY' && c.state.allegationClosedOn !== null) {
          status = advisoryStatusOnCaseEnd(c.state.finalOutcome);
        }
        if (
          t.list === 'BARRED' &&
          c.state.status === 'CLOSED' &&
          c.state.finalOutcome !== 'DISMISSAL_WITHOUT_NOTICE' &&
          c.state.finalOutcome !== 'WOULD_HAVE_BEEN_DISMISSED'
        ) {
          status = 'REMOVED';
        }
      }
      lists.push({
        id: rng.uuid(),
        person: c.person,
        conduct: c,
        list: t.list,
        reason: t.reason,
        triggerOn: t.triggerOn,
        dueOn: calendar.addWorkingDays(t.triggerOn, 5),
        sentOn,
        status,
      });
    }
  }
  return { criminal, conduct, lists, rejectedEvents };
}

const EPOCH_CACHE = new Map<string, number>();
export function toDay(isoDate: string): number {
  let d = EPOCH_CACHE.get(isoDate);
  if (d === undefined) {
    d = Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86400000);
    EPOCH_CACHE.set(isoDate, d);
  }
  return d;
}

export function iso(day: number): string {
  return fromEpochDay(day);
}
