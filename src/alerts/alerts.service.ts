import { Injectable } from '@nestjs/common';
import { Role } from '../auth/roles';
import { Actor } from '../common/request-context';

export interface Alert {
  /** Stable kind, e.g. DECLARATION.REVIEW_DUE, LIST_REPORT.OVERDUE. */
  kind: string;
  severity: 'OVERDUE' | 'DUE_SOON' | 'INFO';
  entityType: string;
  entityId: string;
  /** A human reference (NA-2026-000123, a case reference); never a name. */
  reference: string | null;
  dueOn: string | null;
  message: string;
}

export type AlertProvider = (actor: Actor, today: string) => Promise<Alert[]>;

/**
 * `GET /api/v1/alerts` gathers alerts from the features that registered a provider for one of
 * the caller's roles (VETTING: reviews due, triage overdue; PSD: list reports, overruns).
 */
@Injectable()
export class AlertsService {
  private readonly providers: Array<{ role: Role; provider: AlertProvider }> = [];

  register(role: Role, provider: AlertProvider): void {
    this.providers.push({ role, provider });
  }

  async forActor(actor: Actor, today: string): Promise<Alert[]> {
    const mine = this.providers.filter((p) => actor.roles.includes(p.role));
    const lists = await Promise.all(mine.map((p) => p.provider(actor, today)));
    const order = { OVERDUE: 0, DUE_SOON: 1, INFO: 2 };
    return lists
      .flat()
      .sort(
        (a, b) =>
          order[a.severity] - order[b.severity] ||
          (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
          a.entityId.localeCompare(b.entityId),
      );
  }
}
