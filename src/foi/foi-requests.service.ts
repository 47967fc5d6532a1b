import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarService } from '../calendar/calendar.service';
import { WorkingDayCalendar } from '../calendar/domain/working-days';
import { ConflictError, invalidRequest, NotFoundError } from '../common/domain-error';
import { todayIso } from '../calendar/domain/dates';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { Actor } from '../common/request-context';
import {
  assertRequestTransition,
  FoiExemption,
  FoiQuestionOutcome,
  FoiRequestStatus,
  questionAnswerProblems,
  respondProblems,
} from './domain';
import {
  CreateFoiRequestDto,
  FoiQuestionDto,
  FoiRequestDto,
  LetterFormat,
  ListFoiRequestsQuery,
  UpdateFoiRequestDto,
} from './dto/foi-request.dto';
import { Cell, ExtractType, publishedRows } from './extract-definitions';
import { storedRuns } from './stored-runs';
import { FOI_POLICY, FoiPolicy } from './foi-policy.config';
import { DisclosureReport } from './domain';
import { LetterExtract, LetterInput, renderLetterHtml, renderLetterText } from './response-letter';

interface RequestRow {
  id: string;
  reference: string;
  reference_seq: string;
  received_on: string;
  due_on: string;
  subject: string;
  status: FoiRequestStatus;
  responded_on: string | null;
}

interface QuestionRow {
  id: string;
  request_id: string;
  position: number;
  text: string;
  outcome: FoiQuestionOutcome | null;
  exemptions: FoiExemption[];
  extract_ids: string[];
  answer: string | null;
}

const REQUEST_COLUMNS = `id, reference, reference_seq, received_on::text AS received_on,
  due_on::text AS due_on, subject, status, responded_on::text AS responded_on`;
const QUESTION_COLUMNS = `id, request_id, position, text, outcome, exemptions, extract_ids, answer`;

const isCursor = (v: unknown): v is { s: string } =>
  typeof v === 'object' && v !== null && typeof (v as { s?: unknown }).s === 'string';

function toQuestionDto(q: QuestionRow): FoiQuestionDto {
  return {
    id: q.id,
    text: q.text,
    outcome: q.outcome,
    exemptions: q.exemptions,
    extractIds: q.extract_ids,
    answer: q.answer,
  };
}

function toRequestDto(r: RequestRow, questions: QuestionRow[]): FoiRequestDto {
  return {
    id: r.id,
    reference: r.reference,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    subject: r.subject,
    status: r.status,
    respondedOn: r.responded_on,
    questions: questions.sort((a, b) => a.position - b.position).map(toQuestionDto),
  };
}

/** Requests whose statutory clock has stopped: a holiday added later leaves their due date. */
const CLOCK_STOPPED: readonly FoiRequestStatus[] = ['RESPONDED', 'CLOSED'];

/**
 * The FOI request register: references, due dates, per-question outcomes, the draft letter.
 * Due dates come from the shared working-day calendar and are re-dated, while the request is
 * open, when an administrator adds a holiday.
 */
@Injectable()
export class FoiRequestsService implements OnModuleInit {
  private readonly logger = new Logger(FoiRequestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    @Inject(FOI_POLICY) private readonly policy: FoiPolicy,
  ) {}

  onModuleInit(): void {
    this.calendar.onHolidaysChanged((m, calendar) => this.recomputeDueDates(m, calendar));
  }

  /**
   * A holiday was added (inside that transaction, so the table is locked against another
   * addition): every request still awaiting its response is re-dated from the new calendar.
   */
  async recomputeDueDates(m: EntityManager, calendar: WorkingDayCalendar): Promise<void> {
    const open = await m.query<Array<Pick<RequestRow, 'id' | 'received_on' | 'due_on'>>>(
      `SELECT id, received_on::text AS received_on, due_on::text AS due_on FROM foi_request
        WHERE status <> ALL($1::varchar[]) ORDER BY id FOR UPDATE`,
      [CLOCK_STOPPED],
    );
    const version = await this.calendar.version(m);
    let changed = 0;
    for (const r of open) {
      const due = calendar.addWorkingDays(r.received_on, this.policy.responseWorkingDays);
      if (due === r.due_on) continue;
      await m.query(
        `UPDATE foi_request SET due_on = $2::date, holiday_table_version = $3,
           updated_at = now(), version = version + 1
         WHERE id = $1`,
        [r.id, due, version],
      );
      changed += 1;
    }
    if (changed) this.logger.log(`Re-dated ${changed} open FOI requests after a holiday change`);
  }

  async create(dto: CreateFoiRequestDto, actor: Actor): Promise<FoiRequestDto> {
    return this.dataSource.transaction(async (m) => {
      // YY is the year the request is logged (UK time); the number runs on across years.
      const [{ seq, yy }] = await m.query<Array<{ seq: string; yy: string }>>(
        `SELECT nextval('foi_request_reference_seq')::text AS seq,
                to_char(now() AT TIME ZONE 'Europe/London', 'YY') AS yy`,
      );
      const reference = `01.FOI.${yy}.${seq.padStart(6, '0')}`;
      const { dueOn, version } = await this.dueOn(m, dto.receivedOn);
      const [request] = await m.query<RequestRow[]>(
        `INSERT INTO foi_request (reference, reference_seq, received_on, due_on,
           holiday_table_version, subject, status, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7) RETURNING ${REQUEST_COLUMNS}`,
        [reference, seq, dto.receivedOn, dueOn, version, dto.subject, actor.id],
      );
      const questions: QuestionRow[] = [];
      for (const [i, question] of dto.questions.entries()) {
        const [row] = await m.query<QuestionRow[]>(
          `INSERT INTO foi_question (request_id, position, text) VALUES ($1, $2, $3)
           RETURNING ${QUESTION_COLUMNS}`,
          [request.id, i + 1, question.text],
        );
        questions.push(row);
      }
      await this.audit.record(m, {
        action: 'FOI.REQUEST_CREATE',
        entityType: 'foi_request',
        entityId: request.id,
        details: { reference, questions: questions.length, dueOn },
      });
      return toRequestDto(request, questions);
    });
  }

  async list(q: ListFoiRequestsQuery): Promise<Page<FoiRequestDto>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isCursor);
    return this.dataSource.transaction(async (m) => {
      const params: unknown[] = [limit + 1];
      const where: string[] = [];
      if (q.status) {
        params.push(q.status);
        where.push(`status = $${params.length}`);
      }
      if (after) {
        params.push(after.s);
        where.push(`reference_seq < $${params.length}::bigint`);
      }
      const rows = await m.query<RequestRow[]>(
        `SELECT ${REQUEST_COLUMNS} FROM foi_request
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY reference_seq DESC LIMIT $1`,
        params,
      );
      const questions = await this.questionsOf(
        m,
        rows.map((r) => r.id),
      );
      const page = toPage(
        rows,
        limit,
        (r) =>
          toRequestDto(
            r,
            questions.filter((question) => question.request_id === r.id),
          ),
        (r) => ({ s: r.reference_seq }),
      );
      await this.audit.record(m, {
        action: 'FOI.REQUEST_LIST',
        entityType: 'foi_request',
        details: { ids: page.items.map((r) => r.id), status: q.status ?? null },
      });
      return page;
    });
  }

  async get(id: string): Promise<FoiRequestDto> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.load(m, id);
      const questions = await this.questionsOf(m, [id]);
      await this.audit.record(m, {
        action: 'FOI.REQUEST_READ',
        entityType: 'foi_request',
        entityId: id,
      });
      return toRequestDto(request, questions);
    });
  }

  async update(id: string, dto: UpdateFoiRequestDto): Promise<FoiRequestDto> {
    return this.dataSource.transaction(async (m) => {
      // Calendar before the row, the order addHoliday locks in, so the two cannot deadlock.
      const redate =
        dto.receivedOn !== undefined ? await this.calendar.calendarForUpdate(m) : undefined;
      const request = await this.load(m, id, true);
      if (request.status === 'CLOSED') {
        throw new ConflictError('FOI.REQUEST_CLOSED', 'A closed request cannot be changed');
      }
      const questions = await this.questionsOf(m, [id]);
      const byId = new Map(questions.map((q) => [q.id, q]));
      const problems = [];
      const changed: string[] = [];

      // Question changes: validated all together, so one response names every bad field.
      const patches = dto.questions ?? [];
      const seen = new Set<string>();
      const linkedExtracts = new Set<string>();
      for (const [i, patch] of patches.entries()) {
        const field = `questions[${i}]`;
        const question = byId.get(patch.id);
        if (!question || seen.has(patch.id)) {
          problems.push({
            field: `${field}.id`,
            message: question ? 'appears twice' : 'not a question of this request',
          });
          continue;
        }
        seen.add(patch.id);
        if (patch.outcome !== undefined) question.outcome = patch.outcome;
        if (patch.exemptions !== undefined) question.exemptions = patch.exemptions;
        if (patch.answer !== undefined) question.answer = patch.answer;
        if (patch.extractIds !== undefined) {
          question.extract_ids = [...new Set(patch.extractIds)];
          question.extract_ids.forEach((extractId) => linkedExtracts.add(extractId));
        }
        problems.push(...questionAnswerProblems(question, field));
      }
      if (linkedExtracts.size > 0) {
        const extracts = await m.query<
          Array<{ id: string; request_id: string | null; status: string }>
        >(`SELECT id, request_id, status FROM foi_extract WHERE id = ANY($1::uuid[])`, [
          [...linkedExtracts],
        ]);
        const found = new Map(extracts.map((e) => [e.id, e]));
        for (const [i, patch] of patches.entries()) {
          for (const extractId of patch.extractIds ?? []) {
            const extract = found.get(extractId);
            const message = !extract
              ? 'no such extract'
              : extract.request_id !== null && extract.request_id !== id
                ? 'belongs to another request'
                : extract.status !== 'READY'
                  ? 'is not ready'
                  : null;
            if (message) problems.push({ field: `questions[${i}].extractIds`, message });
          }
        }
      }
      if (problems.length > 0) {
        throw invalidRequest(problems);
      }

      let dueOn = request.due_on;
      let calendarVersion: string | null = null;
      if (redate && dto.receivedOn !== undefined && dto.receivedOn !== request.received_on) {
        dueOn = redate.calendar.addWorkingDays(dto.receivedOn, this.policy.responseWorkingDays);
        calendarVersion = redate.version;
        changed.push('receivedOn');
      }
      if (dto.subject !== undefined && dto.subject !== request.subject) changed.push('subject');
      const status = dto.status ?? request.status;
      if (status !== request.status) {
        assertRequestTransition(request.status, status);
        changed.push('status');
      }
      if (status === 'RESPONDED' && request.status !== 'RESPONDED') {
        const all = questions.map((q) => ({
          outcome: q.outcome,
          exemptions: q.exemptions,
          extractIds: q.extract_ids,
        }));
        const allIds = all.flatMap((q) => q.extractIds);
        const released = await m.query<Array<{ id: string }>>(
          `SELECT id FROM foi_extract WHERE id = ANY($1::uuid[]) AND released_at IS NOT NULL`,
          [allIds],
        );
        const notReady = respondProblems(all, new Set(released.map((r) => r.id)));
        if (notReady.length > 0) {
          throw new ConflictError(
            'FOI.NOT_READY_TO_RESPOND',
            'Every question needs an outcome, and every linked extract must be released',
            notReady,
          );
        }
      }

      const [updated] = await m.query<[RequestRow[], number]>(
        `UPDATE foi_request SET subject = $2::varchar, received_on = $3::date,
           due_on = $4::date, status = $5::varchar,
           responded_on = CASE WHEN $5::varchar = 'RESPONDED' AND status <> 'RESPONDED'
                               THEN $6::date ELSE responded_on END,
           holiday_table_version = COALESCE($7::varchar, holiday_table_version),
           updated_at = now(), version = version + 1
         WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
        [
          id,
          dto.subject ?? request.subject,
          dto.receivedOn ?? request.received_on,
          dueOn,
          status,
          todayIso(),
          calendarVersion,
        ],
      );
      for (const patch of patches) {
        const q = byId.get(patch.id)!;
        await m.query(
          `UPDATE foi_question SET outcome = $2, exemptions = $3, extract_ids = $4, answer = $5
            WHERE id = $1`,
          [q.id, q.outcome, q.exemptions, q.extract_ids, q.answer],
        );
      }
      if (linkedExtracts.size > 0) {
        // An extract linked to a question now answers this request.
        await m.query(
          `UPDATE foi_extract SET request_id = $2
            WHERE id = ANY($1::uuid[]) AND request_id IS NULL AND released_at IS NULL`,
          [[...linkedExtracts], id],
        );
      }
      await this.audit.record(m, {
        action: 'FOI.REQUEST_UPDATE',
        entityType: 'foi_request',
        entityId: id,
        details: {
          fields: changed,
          status,
          questions: patches.map((p) => ({
            id: p.id,
            outcome: byId.get(p.id)!.outcome,
            exemptions: byId.get(p.id)!.exemptions,
            extractIds: byId.get(p.id)!.extract_ids,
            answerChanged: p.answer !== undefined,
          })),
        },
      });
      return toRequestDto(updated[0], [...byId.values()]);
    });
  }

  /** The draft response letter, from the register and the linked extracts' stored figures. */
  async responseLetter(
    id: string,
    format: LetterFormat,
  ): Promise<{ body: string; contentType: string }> {
    return this.dataSource.transaction(async (m) => {
      const request = await this.load(m, id);
      const questions = (await this.questionsOf(m, [id])).sort((a, b) => a.position - b.position);
      const extractIds = [...new Set(questions.flatMap((q) => q.extract_ids))];
      const extracts = new Map<string, LetterExtract>();
      for (const extractId of extractIds) {
        const extract = await this.letterExtract(m, extractId);
        if (extract) extracts.set(extractId, extract);
      }
      const input: LetterInput = {
        reference: request.reference,
        subject: request.subject,
        receivedOn: request.received_on,
        dueOn: request.due_on,
        status: request.status,
        questions: questions.map((q) => ({
          position: q.position,
          text: q.text,
          outcome: q.outcome,
          exemptions: q.exemptions,
          answer: q.answer,
          extracts: q.extract_ids.flatMap((e) => (extracts.has(e) ? [extracts.get(e)!] : [])),
        })),
      };
      await this.audit.record(m, {
        action: 'FOI.RESPONSE_DRAFTED',
        entityType: 'foi_request',
        entityId: id,
        details: { format, extractIds },
      });
      return format === 'html'
        ? { body: renderLetterHtml(input), contentType: 'text/html; charset=utf-8' }
        : { body: renderLetterText(input), contentType: 'text/plain; charset=utf-8' };
    });
  }

  private async letterExtract(m: EntityManager, id: string): Promise<LetterExtract | null> {
    const [extract] = await m.query<
      Array<{
        id: string;
        type: ExtractType;
        period_from: number;
        period_to: number;
        status: string;
        checksum: string | null;
        released_at: Date | null;
        columns: string[] | null;
        row_count: number | null;
        report: DisclosureReport | null;
      }>
    >(
      `SELECT id, type, period_from, period_to, status, checksum, released_at, columns,
              row_count, report FROM foi_extract WHERE id = $1`,
      [id],
    );
    if (!extract || extract.status !== 'READY') return null;
    // The first published rows, read as the download reads them (through the output guard).
    const limit = this.policy.letterTableRows;
    const rows: Array<readonly Cell[]> = [];
    for await (const batch of storedRuns(m, id, extract.columns ?? [], this.policy.disclosure)) {
      rows.push(...publishedRows(batch, limit - rows.length));
      if (rows.length >= limit) break;
    }
    return {
      id: extract.id,
      type: extract.type,
      from: extract.period_from,
      to: extract.period_to,
      checksum: extract.checksum,
      releasedAt: extract.released_at ? extract.released_at.toISOString() : null,
      columns: extract.columns ?? [],
      rows,
      rowCount: extract.row_count ?? 0,
      report: extract.report ?? { rules: [], withheld: [] },
    };
  }

  /**
   * 20 working days after receipt, counting every UK bank holiday and any added since, with the
   * version of that calendar (`2026.1+2`) to store beside it.
   */
  private async dueOn(
    m: EntityManager,
    receivedOn: string,
  ): Promise<{ dueOn: string; version: string }> {
    const { calendar, version } = await this.calendar.calendarForUpdate(m);
    return {
      dueOn: calendar.addWorkingDays(receivedOn, this.policy.responseWorkingDays),
      version,
    };
  }

  private async load(m: EntityManager, id: string, forUpdate = false): Promise<RequestRow> {
    const [row] = await m.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM foi_request WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundError('FOI.REQUEST_NOT_FOUND', 'No such FOI request');
    return row;
  }

  private async questionsOf(m: EntityManager, requestIds: string[]): Promise<QuestionRow[]> {
    if (requestIds.length === 0) return [];
    return m.query<QuestionRow[]>(
      `SELECT ${QUESTION_COLUMNS} FROM foi_question WHERE request_id = ANY($1::uuid[])
        ORDER BY request_id, position`,
      [requestIds],
    );
  }
}
