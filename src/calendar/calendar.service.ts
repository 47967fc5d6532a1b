import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConflictError, ValidationError } from '../common/domain-error';
import { Actor } from '../common/request-context';
import { dayOfWeek } from './domain/dates';
import { UK_BANK_HOLIDAYS, UK_BANK_HOLIDAYS_VERSION } from './domain/uk-bank-holidays';
import { ukCalendar, WorkingDayCalendar } from './domain/working-days';
import { AddHolidayDto, HolidayDto, HolidayListDto } from './dto/holiday.dto';
import { ExtraHoliday } from './extra-holiday.entity';

/**
 * Told, inside the transaction that added a holiday, so open due dates are recomputed with the
 * same calendar before commit. `calendar` already includes the new day.
 */
export type HolidaysChangedListener = (
  manager: EntityManager,
  calendar: WorkingDayCalendar,
) => Promise<void>;

/**
 * The register's one working-day calendar: UK bank holidays of every region (a versioned table in
 * code) plus extra days an administrator adds. Read from the database on each use, so every
 * process sees a new holiday at once.
 */
@Injectable()
export class CalendarService {
  private readonly listeners: HolidaysChangedListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Registers a feature whose open due dates depend on the calendar (list reports, FOI). */
  onHolidaysChanged(listener: HolidaysChangedListener): void {
    this.listeners.push(listener);
  }

  /** The calendar as it stands; pass the transaction's manager when inside one. */
  async calendar(manager: EntityManager = this.dataSource.manager): Promise<WorkingDayCalendar> {
    const extra = await manager.find(ExtraHoliday);
    return ukCalendar(extra.map((h) => h.date));
  }

  /**
   * The calendar for a due date the caller is about to store, in the caller's transaction. Holds
   * off a holiday being added until that transaction ends (and waits for one being added), so a
   * date is never stored from a calendar a concurrent addition's listeners have already passed.
   * Callers that also lock their own rows must call this first, in the same order as addHoliday.
   */
  async calendarForUpdate(
    manager: EntityManager,
  ): Promise<{ calendar: WorkingDayCalendar; version: string }> {
    // SHARE: conflicts with addHoliday's SHARE ROW EXCLUSIVE, not with other readers.
    await manager.query('LOCK TABLE extra_holiday IN SHARE MODE');
    return { calendar: await this.calendar(manager), version: await this.version(manager) };
  }

  /** `2026.1+2`: the UK table's version, then how many extra days were added here. */
  async version(manager: EntityManager = this.dataSource.manager): Promise<string> {
    return `${UK_BANK_HOLIDAYS_VERSION}+${await manager.count(ExtraHoliday)}`;
  }

  async list(): Promise<HolidayListDto> {
    const extra = await this.dataSource.manager.find(ExtraHoliday, { order: { date: 'ASC' } });
    const byDate = new Map<string, HolidayDto>();
    for (const h of UK_BANK_HOLIDAYS) {
      const seen = byDate.get(h.date);
      if (seen) {
        seen.regions.push(h.region);
      } else {
        byDate.set(h.date, {
          date: h.date,
          title: h.title,
          source: 'UK_BANK_HOLIDAY',
          regions: [h.region],
        });
      }
    }
    for (const h of extra) {
      byDate.set(h.date, { date: h.date, title: h.title, source: 'EXTRA', regions: [] });
    }
    return {
      version: `${UK_BANK_HOLIDAYS_VERSION}+${extra.length}`,
      holidays: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  async addHoliday(dto: AddHolidayDto, actor: Actor): Promise<HolidayDto> {
    const dow = dayOfWeek(dto.date);
    if (dow === 0 || dow === 6) {
      throw new ValidationError('CALENDAR.WEEKEND', 'Weekends are never working days', [
        { field: 'date', message: 'must be a weekday' },
      ]);
    }
    if (UK_BANK_HOLIDAYS.some((h) => h.date === dto.date)) {
      throw new ConflictError('CALENDAR.ALREADY_A_HOLIDAY', 'That day is a UK bank holiday', [
        { field: 'date', message: 'already a holiday' },
      ]);
    }
    return this.dataSource.transaction(async (m) => {
      // One writer at a time, so two additions cannot each recompute without the other.
      await m.query('LOCK TABLE extra_holiday IN SHARE ROW EXCLUSIVE MODE');
      if (await m.exists(ExtraHoliday, { where: { date: dto.date } })) {
        throw new ConflictError('CALENDAR.ALREADY_A_HOLIDAY', 'That day is already a holiday', [
          { field: 'date', message: 'already a holiday' },
        ]);
      }
      await m.insert(ExtraHoliday, { date: dto.date, title: dto.title, addedBy: actor.id });
      const calendar = await this.calendar(m);
      for (const listener of this.listeners) await listener(m, calendar);
      await this.audit.record(m, {
        action: 'CALENDAR.HOLIDAY_ADDED',
        entityType: 'extra_holiday',
        entityId: dto.date,
        details: { date: dto.date },
      });
      return { date: dto.date, title: dto.title, source: 'EXTRA', regions: [] };
    });
  }
}
