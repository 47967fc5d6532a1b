/**
 * Policy of the cases feature, in one typed place (DOMAIN.md: configurable rules are never
 * scattered). The statutory periods themselves (warnings 18/24 months, overrun reports 12 then 6
 * months) are law and live in domain/rules.ts.
 */
export const CASES_POLICY = {
  /** A barred or advisory list report is due this many working days after its trigger. */
  listReportWorkingDays: 5,
  /** An unsent list report is "due soon" from this many working days before its due date. */
  listReportDueSoonWorkingDays: 2,
  /** An investigation overrun report is shown from this many days before to after its date. */
  overrunAlertWindowDays: 28,
} as const;
